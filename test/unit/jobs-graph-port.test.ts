import { describe, expect, it } from 'vitest';
import { GraphApi } from '../../src/graph/client';
import { jobsGraphPort } from '../../src/jobs-graph-port';
import type { TransportRequest, TransportResponse } from '../../src/graph/transport';
import { graphErrorBody, idsOfFilter } from './graph-fake';

/** A transport answering from one function, recording requests; GraphApi retries nothing (as for jobs). */
function port(answer: (req: TransportRequest) => TransportResponse | Promise<TransportResponse>) {
  const sent: TransportRequest[] = [];
  const tiers: string[] = [];
  const client = (apiRoot?: string) =>
    new GraphApi({ transport: { send: async (r) => (sent.push(r), answer(r)) }, sleep: async () => undefined, now: () => 0, retry: { maxAttempts: 1 }, ...(apiRoot ? { apiRoot } : {}) });
  const graph = client();
  const beta = client('https://graph.microsoft.com/beta');
  return { sent, tiers, port: jobsGraphPort(async (kind) => (tiers.push(kind), kind === 'undo' ? beta : graph)) };
}

const invite = (id: string) => ({ id, method: 'POST' as const, url: '/invitations', headers: {}, body: { invitedUser: { id } } });
const patch = (id: string) => ({ id, method: 'PATCH' as const, url: `/users/${id}`, headers: {}, body: { userType: 'Guest' } });

describe('jobsGraphPort', () => {
  it('sends one $batch and returns its inner responses; PATCHes ask for the write tier', async () => {
    const p = port(() => ({ status: 200, headers: {}, body: { responses: [{ id: '1', status: 201 }] } }));
    expect(await p.port.executeBatch([invite('1')])).toEqual([{ id: '1', status: 201 }]);
    await p.port.executeBatch([patch('2')]);
    expect(p.tiers).toEqual(['invite', 'write']);
    expect(p.sent).toHaveLength(2);
    expect(p.sent[0]?.url).toMatch(/\/v1\.0\/\$batch$/);
  });

  it('sends an undo job\'s batch to /beta/$batch with the undo client, the requests as built', async () => {
    const p = port(() => ({ status: 200, headers: {}, body: { responses: [{ id: '1', status: 200 }] } }));
    const convert = { id: '1', method: 'POST' as const, url: '/users/u1/convertExternalToInternalMemberUser', headers: { 'Content-Type': 'application/json' }, body: { userPrincipalName: 'ada@contoso.com', passwordProfile: { password: 'x', forceChangePasswordNextSignIn: true } } };
    expect(await p.port.executeBatch([convert], 'beta')).toEqual([{ id: '1', status: 200 }]);
    expect(p.tiers).toEqual(['undo']);
    expect(p.sent[0]?.url).toBe('https://graph.microsoft.com/beta/$batch');
    expect(p.sent[0]?.body).toEqual({ requests: [convert] });
  });

  it('reports a batch refused as a whole (429 with Retry-After, 403) per request, as not executed', async () => {
    const p = port(() => ({ status: 429, headers: { 'retry-after': '2.5' }, body: graphErrorBody('TooManyRequests', 'Please retry again later.') }));
    const r = await p.port.executeBatch([invite('1'), invite('2')]);
    // Retry-After is read once, here, into a number of milliseconds: the engine never re-reads a header.
    expect(r.map((x) => [x.id, x.status, x.retryAfterMs])).toEqual([['1', 429, 2500], ['2', 429, 2500]]);
    const q = port(() => ({ status: 403, headers: {}, body: graphErrorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }));
    expect((await q.port.executeBatch([invite('1')]))[0]).toMatchObject({ status: 403, body: { error: { code: 'Authorization_RequestDenied' } } });
  });

  it('reads each inner response’s own Retry-After into a number, whatever the header’s case', async () => {
    const p = port(() => ({
      status: 200,
      headers: {},
      body: { responses: [{ id: '1', status: 429, headers: { 'Retry-After': '3' }, body: graphErrorBody('TooManyRequests', 'slow down') }, { id: '2', status: 201 }] },
    }));
    const r = await p.port.executeBatch([invite('1'), invite('2')]);
    expect(r.map((x) => [x.id, x.status, x.retryAfterMs])).toEqual([['1', 429, 3000], ['2', 201, undefined]]);
  });

  it('throws when the outcome is unknown (5xx, no answer): the engine verifies before re-sending', async () => {
    const p = port(() => ({ status: 503, headers: {}, body: graphErrorBody('ServiceUnavailable', 'down') }));
    await expect(p.port.executeBatch([invite('1')])).rejects.toMatchObject({ status: 503 });
    expect(p.sent).toHaveLength(1); // not retried here
    const q = port(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(q.port.executeBatch([invite('1')])).rejects.toMatchObject({ code: 'NetworkError' });
  });

  it('reads users by id in one request and maps a deleted user to null', async () => {
    const p = port((req) => {
      const ids = idsOfFilter(new URL(req.url).pathname + new URL(req.url).search);
      const value = ids.filter((id) => id !== 'gone').map((id) => ({ id, externalUserState: 'PendingAcceptance', otherMails: ['x@fabrikam.example'], userType: 'Member', mail: null }));
      return { status: 200, headers: {}, body: { value } };
    });
    const states = await p.port.readUsersState(['a', 'gone']);
    expect(p.tiers).toEqual(['read']);
    expect(states.get('a')).toEqual({ externalUserState: 'PendingAcceptance', otherMails: ['x@fabrikam.example'], userType: 'Member', mail: null });
    expect(states.get('gone')).toBeNull();
  });
});
