// Firefox has no --host-resolver-rules: it reaches the sandbox on the real hostnames through this HTTP proxy.
// A CONNECT to one of the sandbox's names on port 443 is piped to the sandbox's HTTPS server (TLS stays end to
// end, the browser still sees the real name); anything else is refused, so nothing leaves the machine.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** Every CONNECT target asked for, allowed or not (`host:port`). */
  requests(): string[];
  close(): Promise<void>;
}

/** True when `host` is one of `names` (exact, or `*.suffix` covering exactly one more label). */
export function matchesHostname(host: string, names: readonly string[]): boolean {
  const h = host.toLowerCase();
  return names.some((n) => {
    if (!n.startsWith('*.')) return h === n;
    const suffix = n.slice(1);
    return h.endsWith(suffix) && !h.slice(0, -suffix.length).includes('.') && h.length > suffix.length;
  });
}

export async function startConnectProxy(target: { port: number }, names: readonly string[]): Promise<ConnectProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    // Plain-HTTP proxy requests: the sandbox is HTTPS only.
    res.writeHead(403).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const authority = req.url ?? '';
    seen.push(authority);
    const [host = '', port = ''] = authority.split(':');
    if (port !== '443' || !matchesHostname(host, names)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(target.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return {
    port: (server.address() as AddressInfo).port,
    requests: () => [...seen],
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}
