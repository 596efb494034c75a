import { connect } from 'node:net';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { matchesHostname, startConnectProxy } from './connect-proxy';

const NAMES = ['graph.microsoft.com', '*.reactblade.portal.azure.net'];

/** Sends a CONNECT through the proxy and returns its status line plus whatever the tunnel echoes back. */
async function tunnel(proxyPort: number, authority: string): Promise<string> {
  return new Promise((done, fail) => {
    const socket = connect(proxyPort, '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (text.includes('\r\n\r\n') && text.startsWith('HTTP/1.1 200')) {
        if (!text.includes('pong')) socket.write('ping');
        else socket.end();
      }
    });
    socket.on('close', () => done(text));
    socket.on('error', fail);
  });
}

describe('CONNECT proxy to the sandbox', () => {
  it('matches exact names and one-label wildcards only', () => {
    expect(matchesHostname('graph.microsoft.com', NAMES)).toBe(true);
    expect(matchesHostname('sandbox-1.reactblade.portal.azure.net', NAMES)).toBe(true);
    expect(matchesHostname('a.b.reactblade.portal.azure.net', NAMES)).toBe(false);
    expect(matchesHostname('reactblade.portal.azure.net', NAMES)).toBe(false);
    expect(matchesHostname('graph.microsoft.com.evil.example', NAMES)).toBe(false);
  });

  it('tunnels a sandbox name on 443 to the sandbox port and refuses anything else', async () => {
    const echo = createServer((s) => s.on('data', (d) => s.write(d.toString() === 'ping' ? 'pong' : 'no')));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const proxy = await startConnectProxy({ port: (echo.address() as AddressInfo).port }, NAMES);
    try {
      expect(await tunnel(proxy.port, 'graph.microsoft.com:443')).toMatch(/^HTTP\/1\.1 200[^]*pong$/);
      expect(await tunnel(proxy.port, 'example.com:443')).toMatch(/^HTTP\/1\.1 403/);
      expect(await tunnel(proxy.port, 'graph.microsoft.com:80')).toMatch(/^HTTP\/1\.1 403/);
      expect(proxy.requests()).toEqual(['graph.microsoft.com:443', 'example.com:443', 'graph.microsoft.com:80']);
    } finally {
      await proxy.close();
      await new Promise((r) => echo.close(r));
    }
  });
});
