import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BOB, errorOf, inviteBody, lenientTenant, obj, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());
const JSON_HDR = { 'Content-Type': 'application/json' };

describe('faults', () => {
  it('latency delays each round trip once, however many batch items', async () => {
    h = await startHarness({ faults: { latencyMs: 120 } });
    let t = Date.now();
    await h.call('GET', '/v1.0/me');
    expect(Date.now() - t).toBeGreaterThanOrEqual(110);
    t = Date.now();
    await h.call('POST', '/v1.0/$batch', {
      body: { requests: Array.from({ length: 10 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me' })) },
    });
    expect(Date.now() - t).toBeLessThan(600);
  });

  it('throttle: every Nth matching request gets 429 with the configured Retry-After', async () => {
    // Graph sends whole seconds (https://learn.microsoft.com/en-us/graph/throttling); decimals only when asked.
    h = await startHarness({ faults: { latencyMs: 0, throttle: { everyNth: 2, retryAfterSec: 1.5, paths: '/users' } } });
    await h.call('GET', `/v1.0/users/${ADA}`);
    expect((await h.call('GET', `/v1.0/users/${ADA}`)).headers.get('retry-after')).toBe('2');
    h.emulator.setFaults({ latencyMs: 0, throttle: { everyNth: 2, retryAfterSec: 1.5, paths: '/users', fractionalRetryAfter: true } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.call('GET', `/v1.0/users/${ADA}`)).status);
    expect(statuses).toEqual([200, 429, 200, 429]);
    const r = await h.call('GET', `/v1.0/users/${ADA}`);
    expect(r.status).toBe(200);
    const t = await h.call('GET', `/v1.0/users/${ADA}`);
    expect(t.headers.get('retry-after')).toBe('1.5');
    expect((await h.call('GET', '/v1.0/me')).status).toBe(200); // path does not match
  });

  it('throttle until a clock time, applied per batch item (the envelope stays 200)', async () => {
    h = await startHarness();
    h.emulator.setFaults({ latencyMs: 0, throttle: { untilMs: h.now.ms + 1000, retryAfterSec: 2 } });
    const r = await h.call('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/me' }] } });
    expect(r.status).toBe(200);
    const item = (obj(r.json).responses as { status: number; headers: Record<string, string> }[])[0];
    expect(item?.status).toBe(429);
    expect(item?.headers['Retry-After']).toBe('2');
    h.now.ms += 1000;
    expect((await h.call('GET', '/v1.0/me')).status).toBe(200);
  });

  it('rejectInvitations refuses the named users only, top-level and inside $batch, until cleared', async () => {
    h = await startHarness({ faults: { latencyMs: 0, rejectInvitations: { userIds: [ADA], status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } });
    const a = await h.call('POST', '/v1.0/invitations', { body: inviteBody(ADA, 'ada@fabrikam.example') });
    expect(a.status).toBe(403);
    expect(errorOf(a.json).code).toBe('Authorization_RequestDenied');
    const r = await h.call('POST', '/v1.0/$batch', {
      body: { requests: [{ id: '1', method: 'POST', url: '/invitations', headers: JSON_HDR, body: inviteBody(ADA, 'ada@fabrikam.example') }] },
    });
    expect((obj(r.json).responses as { status: number }[])[0]?.status).toBe(403);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
    h.emulator.setFaults({ latencyMs: 0 });
    expect((await h.call('POST', '/v1.0/invitations', { body: inviteBody(ADA, 'ada@fabrikam.example') })).status).toBe(201);
  });

  it('fail5xx answers the given status for count requests', async () => {
    h = await startHarness({ faults: { latencyMs: 0, fail5xx: { status: 503, count: 2, path: '/invitations' } } });
    const body = inviteBody(ADA, 'ada@fabrikam.example');
    const a = await h.call('POST', '/v1.0/invitations', { body });
    expect(a.status).toBe(503);
    expect(errorOf(a.json).code).toBe('ServiceUnavailable');
    expect((await h.call('POST', '/v1.0/invitations', { body })).status).toBe(503);
    expect((await h.call('POST', '/v1.0/invitations', { body })).status).toBe(201);
    expect(h.emulator.invitationCount(ADA)).toBe(1);
  });

  it('dropAfterApply applies the write, then destroys the socket; the log shows status null', async () => {
    h = await startHarness({ faults: { latencyMs: 0, dropAfterApply: { count: 1, path: '/invitations' } } });
    await expect(h.call('POST', '/v1.0/invitations', { body: inviteBody(ADA, 'ada@fabrikam.example') })).rejects.toThrow();
    expect(h.emulator.invitationCount(ADA)).toBe(1);
    expect(h.emulator.requestLog().at(-1)?.status).toBeNull();
    // The retry sees the effect of the first attempt.
    const again = await h.call('POST', '/v1.0/invitations', { body: inviteBody(ADA, 'ada@fabrikam.example') });
    expect(again.status).toBe(400);
  });

  it('a drop inside a batch drops the whole response after applying every write', async () => {
    h = await startHarness({ tenant: lenientTenant(), faults: { latencyMs: 0, dropAfterApply: { count: 1, path: '/invitations' } } });
    const requests = [
      { id: '1', method: 'POST', url: '/invitations', headers: JSON_HDR, body: inviteBody(ADA, 'ada@fabrikam.example') },
      { id: '2', method: 'POST', url: '/invitations', headers: JSON_HDR, body: inviteBody(BOB, 'bob@personal.example') },
    ];
    await expect(h.call('POST', '/v1.0/$batch', { body: { requests } })).rejects.toThrow();
    expect(h.emulator.invitationCount(ADA)).toBe(1);
    expect(h.emulator.invitationCount(BOB)).toBe(1);
    // The fault is used up: the next batch answers normally.
    expect((await h.call('POST', '/v1.0/$batch', { body: { requests: [{ id: '1', method: 'GET', url: '/me' }] } })).status).toBe(200);
  });
});

describe('control API over HTTP', () => {
  it('seed, state, faults, redeem, log and invitation-count', async () => {
    h = await startHarness();
    const seeded = h.emulator.state();
    const tenant = {
      tenantId: seeded.tenantId,
      displayName: seeded.displayName,
      verifiedDomains: seeded.verifiedDomains,
      adminUserId: seeded.adminUserId,
      users: seeded.users.slice(0, 6),
      roleAssignments: seeded.roleAssignments,
      consentedScopes: [],
      clientId: 'x',
    };
    expect((await h.call('POST', '/_sandbox/seed', { token: null, body: tenant })).status).toBe(204);
    const state = await h.call('GET', '/_sandbox/state', { token: null });
    expect((obj(state.json).users as unknown[]).length).toBe(6);

    await h.call('POST', '/v1.0/invitations', { body: inviteBody(ADA, 'ada@fabrikam.example') });
    expect(obj((await h.call('GET', `/_sandbox/invitation-count/${ADA}`, { token: null })).json).count).toBe(1);
    expect((await h.call('POST', `/_sandbox/redeem/${ADA}`, { token: null })).status).toBe(204);
    expect(h.emulator.state().users.find((u) => u.id === ADA)?.externalUserState).toBe('Accepted');
    expect((await h.call('POST', `/_sandbox/redeem/${ADA}`, { token: null })).status).toBe(409);

    const log = (await h.call('GET', '/_sandbox/log', { token: null })).json as { path: string; status: number }[];
    expect(log.map((e) => [e.path, e.status])).toEqual([['/v1.0/invitations', 201]]);
    expect((await h.call('DELETE', '/_sandbox/log', { token: null })).status).toBe(204);
    expect(h.emulator.requestLog()).toEqual([]);

    await h.call('POST', '/_sandbox/faults', { token: null, body: { latencyMs: 0, fail5xx: { status: 500, count: 1 } } });
    expect((await h.call('GET', '/v1.0/me')).status).toBe(500);
    expect((await h.call('GET', '/v1.0/me')).status).toBe(200);
    expect(obj((await h.call('GET', '/_sandbox/faults', { token: null })).json).fail5xx).toMatchObject({ count: 0 });
  });
});
