import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BOB, EVE, PLAIN, errorOf, inviteBody, lenientTenant, obj, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

interface Item {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: unknown;
}
const JSON_HDR = { 'Content-Type': 'application/json' };
const inviteItem = (id: string, userId: string, email: string, extra: Record<string, unknown> = {}) => ({
  id,
  method: 'POST',
  url: '/invitations',
  headers: JSON_HDR,
  body: inviteBody(userId, email),
  ...extra,
});
const batch = (requests: unknown[]) => h.call('POST', '/v1.0/$batch', { body: { requests } });
const items = (json: unknown) => obj(json).responses as Item[];
const byId = (json: unknown) => new Map(items(json).map((i) => [i.id, i]));

describe('$batch envelope', () => {
  it('more than 20 requests is 400', async () => {
    h = await startHarness();
    const reqs = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' }));
    expect((await batch(reqs)).status).toBe(400);
    expect((await batch(reqs.slice(0, 20))).status).toBe(200);
  });

  it('duplicate ids, absolute urls, unknown dependsOn and a missing token are refused as a whole', async () => {
    h = await startHarness();
    expect((await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/me' }])).status).toBe(400);
    expect((await batch([{ id: '1', method: 'GET', url: '/me', dependsOn: ['9'] }])).status).toBe(400);
    expect((await h.call('POST', '/v1.0/$batch', { token: null, body: { requests: [{ id: '1', method: 'GET', url: '/me' }] } })).status).toBe(401);
  });
});

describe('$batch items', () => {
  it('runs each item with its own status and returns them in a shuffled, deterministic order', async () => {
    h = await startHarness();
    const reqs = [
      inviteItem('a', ADA, 'ada@fabrikam.example'),
      inviteItem('b', PLAIN, 'nobody@fabrikam.example'),
      { id: 'c', method: 'GET', url: `/users/${BOB}?$select=id,otherMails` },
      { id: 'd', method: 'GET', url: 'users/99999999-9999-4999-8999-999999999999' },
      ...Array.from({ length: 6 }, (_, i) => ({ id: `m${i}`, method: 'GET', url: '/me' })),
    ];
    const r = await batch(reqs);
    expect(r.status).toBe(200);
    const m = byId(r.json);
    expect(m.get('a')?.status).toBe(201);
    expect(m.get('b')?.status).toBe(400);
    expect(obj(m.get('c')?.body)).toMatchObject({ id: BOB, otherMails: ['bob@personal.example'] });
    expect(m.get('d')?.status).toBe(404);
    const order = items(r.json).map((i) => i.id);
    expect(order).not.toEqual(reqs.map((x) => x.id));
    // Same seed, same order.
    const h2 = await startHarness();
    const again = await h2.call('POST', '/v1.0/$batch', { body: { requests: reqs } });
    expect(items(again.json).map((i) => i.id)).toEqual(order);
    await h2.close();
    expect(h.emulator.invitationCount(ADA)).toBe(1);
    expect(h.emulator.state().invitations[0]?.viaBatch).toBe(true);
  });

  it('an item with a body but no Content-Type header gets its own 400', async () => {
    h = await startHarness();
    const r = await batch([
      { id: '1', method: 'POST', url: '/invitations', body: inviteBody(ADA, 'ada@fabrikam.example') },
      { id: '2', method: 'GET', url: '/me' },
    ]);
    const m = byId(r.json);
    expect(m.get('1')?.status).toBe(400);
    expect(errorOf(m.get('1')?.body).message).toBe('Write request id : 1 does not contain Content-Type header or body.');
    expect(m.get('2')?.status).toBe(200);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
  });

  it('dependsOn: dependents of a failure get 424 and are not executed', async () => {
    h = await startHarness();
    const r = await batch([
      inviteItem('1', PLAIN, 'nobody@fabrikam.example'),
      inviteItem('2', ADA, 'ada@fabrikam.example', { dependsOn: ['1'] }),
      inviteItem('3', BOB, 'bob@personal.example', { dependsOn: ['2'] }),
    ]);
    const m = byId(r.json);
    expect([m.get('1')?.status, m.get('2')?.status, m.get('3')?.status]).toEqual([400, 424, 424]);
    expect(h.emulator.invitationCount(ADA) + h.emulator.invitationCount(BOB)).toBe(0);
  });

  it('dependsOn orders execution: a PATCH then the invitation that needs it; a 204 item carries "body": null', async () => {
    h = await startHarness({ tenant: lenientTenant() });
    const r = await batch([
      { id: 'patch', method: 'PATCH', url: `/users/${PLAIN}`, headers: JSON_HDR, body: { otherMails: ['plain@outside.example'] } },
      inviteItem('invite', PLAIN, 'plain@outside.example', { dependsOn: ['patch'] }),
    ]);
    const m = byId(r.json);
    expect(m.get('patch')?.status).toBe(204);
    // https://learn.microsoft.com/en-us/graph/json-batching: an item without content still has its body member, null.
    expect(m.get('patch')).toHaveProperty('body', null);
    expect(m.get('invite')?.status).toBe(201);
  });

  // https://learn.microsoft.com/en-us/graph/json-batching ("Sequencing requests with the dependsOn property"): only
  // parallel, sequential (each on the one before) or "same" (all on one request) patterns are accepted.
  it('accepts the parallel, sequential and same dependency patterns and refuses any other', async () => {
    h = await startHarness();
    const get = (id: string, dependsOn?: string[]) => ({ id, method: 'GET', url: '/me', ...(dependsOn ? { dependsOn } : {}) });
    expect((await batch([get('1'), get('2'), get('3')])).status).toBe(200);
    expect((await batch([get('1'), get('2', ['1']), get('3', ['2'])])).status).toBe(200);
    expect((await batch([get('1'), get('2', ['1']), get('3', ['1'])])).status).toBe(200);
    const mixed = await batch([get('1'), get('2'), get('3', ['1']), get('4', ['2'])]);
    expect(mixed.status).toBe(400);
    expect(errorOf(mixed.json).message).toMatch(/parallel|sequential|same/);
    expect((await batch([get('1'), get('2', ['1', '3']), get('3')])).status).toBe(400);
  });

  it('inner invitations count against the rate limit one by one; each 429 has its own Retry-After', async () => {
    h = await startHarness({ inviteLimit: { max: 2, windowMs: 1000 }, tenant: lenientTenant() });
    const r = await batch([
      inviteItem('1', ADA, 'ada@fabrikam.example'),
      inviteItem('2', BOB, 'bob@personal.example'),
      inviteItem('3', EVE, 'eve@ext.example', { body: inviteBody(EVE, 'eve@ext.example', { resetRedemption: true }) }),
    ]);
    const m = byId(r.json);
    expect([m.get('1')?.status, m.get('2')?.status, m.get('3')?.status]).toEqual([201, 201, 429]);
    expect(m.get('3')?.headers['Retry-After']).toBe('1');
    expect(errorOf(m.get('3')?.body).code).toBe('TooManyRequests');
  });

  it('the request log records each inner request and response', async () => {
    h = await startHarness();
    await batch([inviteItem('1', ADA, 'ada@fabrikam.example')]);
    const entry = h.emulator.requestLog()[0];
    expect(entry?.path).toBe('/v1.0/$batch');
    expect(entry?.status).toBe(200);
    expect(entry?.inner?.[0]).toMatchObject({ id: '1', method: 'POST', url: '/invitations', status: 201, body: inviteBody(ADA, 'ada@fabrikam.example') });
    expect(entry?.headers).not.toHaveProperty('authorization');
  });
});
