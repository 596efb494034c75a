// Parallel reads that serve one answer stop together: when one of the pre-flight's reads gives up, the others send
// no further request and end their waits (their answers would be dropped; their retries would spend the tenant's
// throttling budget and delay the admin's Retry).
import { describe, expect, it } from 'vitest';
import { GraphApi } from '../../src/graph/client';
import { ReadsStopped } from '../../src/graph/stop';
import type { TransportRequest, TransportResponse } from '../../src/graph/transport';
import { preflight } from '../../src/directory-reads';
import { DEFAULT_SETTINGS } from '../../src/config';

const TENANT = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
const ADMIN = '0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
const USER = '1c5b3d2f-6e7a-4b8c-9d0e-1f2a3b4c5d6e';
const tick = () => new Promise<void>((r) => setTimeout(r, 2));

/** A tenant whose $batch reads always answer 503 and whose organization read is refused at once (403). */
function failingTenant() {
  const sent: string[] = [];
  const send = async (req: TransportRequest): Promise<TransportResponse> => {
    sent.push(`${req.method} ${new URL(req.url).pathname}`);
    await tick();
    if (new URL(req.url).pathname.endsWith('/organization')) {
      return { status: 403, headers: {}, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } } };
    }
    return { status: 503, headers: { 'retry-after': '1' }, body: { error: { code: 'ServiceUnavailable', message: 'Try later.' } } };
  };
  return { sent, send };
}

describe('reads that serve one answer', () => {
  it('the pre-flight fails with the first read that gives up, and its other reads stop retrying', async () => {
    const t = failingTenant();
    const waits: number[] = [];
    const graph = new GraphApi({ transport: { send: t.send }, sleep: async (ms) => (waits.push(ms), tick()), now: () => Date.now(), random: () => 0.5 });
    await expect(preflight(graph, { ...DEFAULT_SETTINGS, tenant: TENANT }, ADMIN, [USER])).rejects.toMatchObject({ status: 403, code: 'Authorization_RequestDenied' });
    const sentAtFailure = t.sent.length;
    // Long enough for every retry the 503s would otherwise earn (5 attempts each).
    for (let i = 0; i < 20; i++) await tick();
    expect(t.sent.length).toBe(sentAtFailure);
    expect(t.sent.filter((s) => s.endsWith('/$batch')).length).toBeLessThan(3);
  });

  it('a stopped client sends nothing and ends its waits; the client it came from is not stopped', async () => {
    const sent: string[] = [];
    const graph = new GraphApi({
      transport: { send: async (req) => (sent.push(req.url), { status: 503, headers: {}, body: undefined }) },
      sleep: () => new Promise<void>((r) => setTimeout(r, 1_000)),
      now: () => Date.now(),
    });
    const stop = new AbortController();
    const reading = graph.stoppedBy(stop.signal).getJson('/me');
    await tick();
    expect(sent).toHaveLength(1); // the first attempt went out; now it waits before a retry
    stop.abort();
    await expect(reading).rejects.toBeInstanceOf(ReadsStopped);
    expect(sent).toHaveLength(1);
    await expect(graph.stoppedBy(stop.signal).getJson('/me')).rejects.toBeInstanceOf(ReadsStopped);
    expect(sent).toHaveLength(1);
    // The client a stopped one came from is not stopped; one not yet stopped reads as usual.
    const ok = new GraphApi({ transport: { send: async () => ({ status: 200, headers: {}, body: { id: 'me' } }) }, sleep: async () => undefined, now: () => 0 });
    await expect(ok.stoppedBy(stop.signal).getJson('/me')).rejects.toBeInstanceOf(ReadsStopped);
    expect(await ok.getJson('/me')).toEqual({ id: 'me' });
    expect(await ok.stoppedBy(new AbortController().signal).getJson('/me')).toEqual({ id: 'me' });
  });
});
