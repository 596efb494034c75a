// Test-only control API over HTTP under /_sandbox/* on the Graph host (no auth: the emulator never ships).
// It maps one-to-one onto the in-process methods of GraphEmulator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SandboxTenant } from '../types';
import type { GraphFaults, Json } from './model';

export interface ControlTarget {
  seed(tenant: SandboxTenant): void;
  state(): unknown;
  redeem(userId: string): void;
  requestLog(): unknown;
  clearLog(): void;
  setFaults(f: Partial<GraphFaults>): void;
  faults(): GraphFaults;
  invitationCount(userId: string): number;
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export function handleControl(target: ControlTarget, req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): void {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname.replace(/^\/_sandbox/, '').replace(/\/+$/, '');
  let json: Json | undefined;
  try {
    json = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Json) : undefined;
  } catch {
    return send(res, 400, { error: 'body is not JSON' });
  }
  try {
    if (method === 'POST' && path === '/seed') {
      target.seed(json as unknown as SandboxTenant);
      return send(res, 204);
    }
    if (method === 'GET' && path === '/state') return send(res, 200, target.state());
    if (method === 'GET' && path === '/log') return send(res, 200, target.requestLog());
    if ((method === 'DELETE' && path === '/log') || (method === 'POST' && path === '/log/clear')) {
      target.clearLog();
      return send(res, 204);
    }
    if (method === 'GET' && path === '/faults') return send(res, 200, target.faults());
    if (method === 'POST' && path === '/faults') {
      target.setFaults((json ?? {}) as Partial<GraphFaults>);
      return send(res, 204);
    }
    const redeem = /^\/redeem\/([^/]+)$/.exec(path);
    if (method === 'POST' && redeem) {
      target.redeem(decodeURIComponent(redeem[1] as string));
      return send(res, 204);
    }
    const count = /^\/invitation-count\/([^/]+)$/.exec(path);
    if (method === 'GET' && count) return send(res, 200, { count: target.invitationCount(decodeURIComponent(count[1] as string)) });
    return send(res, 404, { error: `no control endpoint ${method} ${url.pathname}` });
  } catch (e) {
    return send(res, 409, { error: e instanceof Error ? e.message : String(e) });
  }
}
