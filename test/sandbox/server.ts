// One local HTTPS server for every mapped hostname. Chromium's --host-resolver-rules send
// entra.microsoft.com, graph.microsoft.com, login.microsoftonline.com, ... to 127.0.0.1:<port>; this server reads
// the whole request body and hands the request to the HostApp registered for the Host header.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { getSandboxCert } from './cert';
import type { HostApp } from './types';

export interface SandboxServerOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1 (never exposed beyond this machine). */
  bindAddress?: string;
  /** `false` serves plain HTTP (unit tests only; Chromium always uses HTTPS). Default true. */
  tls?: boolean;
  /** Initial routes: exact host (`graph.microsoft.com`) or wildcard (`*.reactblade.portal.azure.net`). */
  routes?: Record<string, HostApp>;
  /** Largest accepted request body in bytes (default 10 MiB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** Where handler failures and unroutable requests are reported. Default console.error. */
  log?: (message: string) => void;
}

export interface SandboxServer {
  readonly port: number;
  readonly server: Server;
  /** `https://127.0.0.1:<port>` (or http when tls is off). */
  readonly origin: string;
  /** Registers (or replaces) the app for an exact host or a `*.suffix` wildcard. */
  route(host: string, app: HostApp): void;
  /** Removes a route. */
  unroute(host: string): void;
  /** The app that would answer for `host`, if any. */
  resolve(host: string): HostApp | undefined;
  close(): Promise<void>;
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};

/** Host header without port, lower-cased, trailing dot removed. */
export function normalizeHost(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  let host = hostHeader.trim().toLowerCase();
  if (host.startsWith('[')) host = host.slice(0, host.indexOf(']') + 1);
  else if (host.includes(':')) host = host.slice(0, host.indexOf(':'));
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const exact = new Map<string, HostApp>();
  const wildcards = new Map<string, HostApp>(); // key: ".reactblade.portal.azure.net"
  const log = options.log ?? ((m: string) => console.error(m));
  const maxBody = options.maxBodyBytes ?? 10 * 1024 * 1024;

  const route = (host: string, app: HostApp) => {
    const h = host.toLowerCase();
    if (h.startsWith('*.')) wildcards.set(h.slice(1), app);
    else exact.set(h, app);
  };
  const unroute = (host: string) => {
    const h = host.toLowerCase();
    if (h.startsWith('*.')) wildcards.delete(h.slice(1));
    else exact.delete(h);
  };
  const resolve = (host: string): HostApp | undefined => {
    const h = normalizeHost(host);
    const hit = exact.get(h);
    if (hit) return hit;
    // Longest matching suffix wins; a wildcard needs at least one label before the suffix.
    let best: { len: number; app: HostApp } | undefined;
    for (const [suffix, app] of wildcards) {
      if (h.endsWith(suffix) && h.length > suffix.length && (!best || suffix.length > best.len)) best = { len: suffix.length, app };
    }
    return best?.app;
  };
  for (const [host, app] of Object.entries(options.routes ?? {})) route(host, app);

  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer | 'too-large'>((done, fail) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBody) tooLarge = true;
        else chunks.push(chunk);
      });
      req.on('end', () => done(tooLarge ? 'too-large' : Buffer.concat(chunks)));
      req.on('error', fail);
    });

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const host = normalizeHost(req.headers.host);
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `https://${host || 'unknown.invalid'}`);
    } catch {
      sendJson(res, 400, { error: { code: 'BadRequest', message: 'Unparsable request target.' } });
      return;
    }
    let body: Buffer | 'too-large';
    try {
      body = await readBody(req);
    } catch (err) {
      log(`[sandbox] ${req.method} ${host}${url.pathname}: request stream failed: ${String(err)}`);
      res.destroy();
      return;
    }
    if (body === 'too-large') {
      sendJson(res, 413, { error: { code: 'RequestEntityTooLarge', message: `Body exceeds ${maxBody} bytes.` } });
      return;
    }
    const app = resolve(host);
    if (!app) {
      log(`[sandbox] no app for host "${host}" (${req.method} ${url.pathname})`);
      sendJson(res, 404, { error: { code: 'UnknownHost', message: `The sandbox serves no app for host "${host}".` } });
      return;
    }
    try {
      await app.handle(req, res, url, body);
    } catch (err) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`[sandbox] handler for ${host} failed on ${req.method} ${url.pathname}${url.search}: ${detail}`);
      if (!res.headersSent) {
        sendJson(res, 500, { error: { code: 'SandboxHandlerError', message: err instanceof Error ? err.message : String(err) } });
      } else if (!res.writableEnded) {
        res.destroy();
      }
    }
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((err: unknown) => {
      log(`[sandbox] unexpected failure: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'SandboxError', message: String(err) } });
      else res.destroy();
    });
  };

  const tls = options.tls !== false;
  let server: Server;
  if (tls) {
    const { key, cert } = getSandboxCert();
    server = createHttpsServer({ key, cert }, listener) as unknown as Server;
  } else {
    server = createHttpServer(listener);
  }
  // A malformed request or a TLS handshake that Chromium abandons must not take the process down.
  server.on('clientError', (err, socket) => {
    if ((err as NodeJS.ErrnoException).code !== 'ECONNRESET') log(`[sandbox] client error: ${err.message}`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('tlsClientError', (err: Error) => {
    if (!/ECONNRESET|socket hang up/i.test(err.message)) log(`[sandbox] TLS client error: ${err.message}`);
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, options.bindAddress ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  server.on('error', (err) => log(`[sandbox] server error: ${err.message}`));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    server,
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    route,
    unroute,
    resolve,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
