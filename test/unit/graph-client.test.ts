import { describe, expect, it, vi } from 'vitest';
import { GraphApi, type GraphApiOptions } from '../../src/graph/client';
import { GraphApiError } from '../../src/graph/http';
import { buildInvitationBody, type InvitationBody } from '../../src/graph/writes';
import { getUser, invite, patchUser, privilegedRoleHolders, roleAssignmentsFor, verifiedDomains } from '../support/graph-ops';
import type { TransportRequest } from '../../src/graph/transport';
import { PRIVILEGED_ROLE_TEMPLATE_IDS } from '../../src/eligibility';
import { FakeGraph, fakeClock, graphErrorBody, idsOfFilter, ok, type InnerHandler, type InnerResponse } from './graph-fake';

function api(graph: FakeGraph, over: Partial<GraphApiOptions> = {}) {
  const clock = fakeClock();
  const client = new GraphApi({ transport: graph, sleep: clock.sleep, now: clock.now, random: () => 0.5, ...over });
  return { client, clock };
}

const userJson = (id: string) => ({ id, displayName: id, userPrincipalName: `${id}@contoso.com`, mail: `${id}@fabrikam.example`, otherMails: [] });

/** Inner handler answering `id in (...)` user lookups; ids starting with "gone" do not exist. */
const usersInner: InnerHandler = (req) => ({ status: 200, body: { value: idsOfFilter(req.url).filter((id) => !id.startsWith('gone')).map(userJson) } });

describe('GraphApi.getUsersByIds', () => {
  it('packs 15 ids per filter and 20 filters per $batch: 301 ids in 2 round trips', async () => {
    const graph = new FakeGraph(() => ok(undefined), usersInner);
    const ids = Array.from({ length: 301 }, (_, i) => (i === 7 ? 'gone-7' : `u${i}`));
    const { client } = api(graph);
    const r = await client.getUsersByIds(ids);
    expect(graph.requests).toHaveLength(2);
    expect(graph.requests.every((q) => q.method === 'POST' && q.url === 'https://graph.microsoft.com/v1.0/$batch')).toBe(true);
    expect(graph.batches.map((b) => b.length)).toEqual([20, 1]);
    expect(graph.batches.flat().map((b) => idsOfFilter(b.url).length)).toEqual([...Array(20).fill(15), 1]);
    expect(new Set(graph.batches[0]?.map((b) => b.id)).size).toBe(20);
    expect(r.users.size).toBe(300);
    expect(r.notFound).toEqual(['gone-7']);
    expect(r.failed.size).toBe(0);
  });

  it('sends the $batch calls of a large read four at a time, and writes one at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const slow = { send: async (req: TransportRequest) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return inner.send(req);
    } };
    const inner = new FakeGraph(() => ok(undefined), usersInner);
    const reads = new GraphApi({ transport: slow, sleep: async () => undefined, now: () => 0 });
    const r = await reads.getUsersByIds(Array.from({ length: 3000 }, (_, i) => `u${i}`));
    expect(r.users.size).toBe(3000);
    expect(inner.requests).toHaveLength(10); // still ceil(3000 / 300) round trips
    expect(most).toBe(4);
    most = 0;
    await reads.batch(Array.from({ length: 60 }, (_, i) => ({ method: 'PATCH' as const, url: `/users/u${i}`, body: { userType: 'Guest' } })));
    expect(most).toBe(1);
  });

  it('costs nothing for no ids and de-duplicates', async () => {
    const graph = new FakeGraph(() => ok(undefined), usersInner);
    const { client } = api(graph);
    expect((await client.getUsersByIds([])).users.size).toBe(0);
    expect(graph.requests).toHaveLength(0);
    await client.getUsersByIds(['a', 'a', 'b']);
    expect(graph.batches[0]?.map((b) => idsOfFilter(b.url))).toEqual([['a', 'b']]);
  });

  it('reports ids of a failed chunk as failed, not as not-found', async () => {
    const graph = new FakeGraph(() => ok(undefined), () => ({ status: 403, body: graphErrorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') }));
    const { client } = api(graph);
    const r = await client.getUsersByIds(['a', 'b']);
    expect(r.notFound).toEqual([]);
    expect(r.failed.get('a')?.code).toBe('Authorization_RequestDenied');
  });
});

describe('GraphApi.batch retries', () => {
  it('re-sends only a throttled item, after its own Retry-After, and returns results in input order', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req, attempt) => {
      if (req.url === '/users/b' && attempt === 1) {
        return { status: 429, headers: { 'Retry-After': '3' }, body: graphErrorBody('TooManyRequests', 'Please retry again later.') };
      }
      return { status: 200, body: { id: req.url.slice(7) } };
    });
    const notices: unknown[] = [];
    const { client, clock } = api(graph, { onRetry: (n) => notices.push(n) });
    const results = await client.batch(['a', 'b', 'c'].map((id) => ({ method: 'GET' as const, url: `/users/${id}` })));
    expect(results.map((r) => [r.id, r.status, (r.body as { id: string }).id])).toEqual([
      ['1', 200, 'a'],
      ['2', 200, 'b'],
      ['3', 200, 'c'],
    ]);
    expect(clock.sleeps).toEqual([3000]);
    expect(graph.batches.map((b) => b.map((i) => i.url))).toEqual([['/users/a', '/users/b', '/users/c'], ['/users/b']]);
    expect(notices).toEqual([expect.objectContaining({ status: 429, code: 'TooManyRequests', delayMs: 3000, batchItemId: '2' })]);
  });

  it('waits for the longest Retry-After among throttled items, then backs off when none is given', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req, attempt): InnerResponse => {
      if (attempt === 1 && req.url === '/a') return { status: 429, headers: { 'retry-after': '1.5' } };
      if (attempt === 1 && req.url === '/b') return { status: 503, headers: { 'Retry-After': '4' } };
      if (attempt <= 2 && req.url === '/c') return { status: 504 };
      return { status: 200, body: {} };
    });
    const { client, clock } = api(graph);
    const results = await client.batch(['/a', '/b', '/c'].map((url) => ({ method: 'GET' as const, url })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    // Round 1: max(1500, 4000, backoff 500) = 4000. Round 2: only /c, no Retry-After → 0.5 × 2000.
    expect(clock.sleeps).toEqual([4000, 1000]);
  });

  it('retries 429 for a POST item but never a 500 for it; 500 is retried for GET items', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req, attempt) => {
      if (attempt === 1) return req.method === 'POST' && req.url === '/invitations-throttled' ? { status: 429 } : { status: 500 };
      return { status: 201, body: {} };
    });
    const { client } = api(graph);
    const results = await client.batch([
      { method: 'POST', url: '/invitations-throttled', body: { x: 1 } },
      { method: 'POST', url: '/invitations', body: { x: 2 } },
      { method: 'GET', url: '/me' },
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 500, 201]);
    expect(results[1]?.error?.code).toBe('HttpError500');
    expect(graph.batches[0]?.[0]?.headers).toEqual({ 'Content-Type': 'application/json' });
  });

  it('gives up after the attempt limit and returns the failure', async () => {
    const graph = new FakeGraph(() => ok(undefined), () => ({ status: 429, headers: { 'Retry-After': '1' }, body: graphErrorBody('TooManyRequests', 'slow down') }));
    const { client, clock } = api(graph, { retry: { maxAttempts: 3 } });
    const [r] = await client.batch([{ method: 'GET', url: '/me' }]);
    expect(r?.status).toBe(429);
    expect(r?.error).toMatchObject({ code: 'TooManyRequests', retryAfterMs: 1000 });
    expect(graph.batches).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('retries a throttled outer $batch call as a whole', async () => {
    let outer = 0;
    const graph = new FakeGraph(() => (++outer === 1 ? { status: 429, headers: { 'retry-after': '2' }, body: graphErrorBody('TooManyRequests', 'x') } : ok(undefined)), () => ({ status: 200, body: {} }));
    const { client, clock } = api(graph);
    const results = await client.batch([{ method: 'GET', url: '/me' }]);
    expect(results[0]?.status).toBe(200);
    expect(graph.batchCalls).toBe(2);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('marks every item failed when the outer call fails for good', async () => {
    const graph = new FakeGraph(() => ({ status: 400, headers: {}, body: graphErrorBody('BadRequest', 'Invalid batch payload') }));
    const { client } = api(graph);
    const results = await client.batch([{ method: 'GET', url: '/a' }, { method: 'GET', url: '/b' }]);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      [400, 'BadRequest'],
      [400, 'BadRequest'],
    ]);
  });

  it('keeps caller ids, refuses duplicates, and drops dependsOn edges to items not re-sent', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req, attempt) => (req.id === 'second' && attempt === 1 ? { status: 503 } : { status: 200, body: {} }));
    const { client } = api(graph);
    await expect(client.batch([{ id: 'x', method: 'GET', url: '/a' }, { id: 'x', method: 'GET', url: '/b' }])).rejects.toThrow(/unique/);
    const results = await client.batch([
      { id: 'first', method: 'GET', url: '/a' },
      { id: 'second', method: 'GET', url: '/b', dependsOn: ['first'] },
    ]);
    expect(results.map((r) => r.id)).toEqual(['first', 'second']);
    expect(graph.batches[0]?.[1]).toMatchObject({ dependsOn: ['first'] });
    expect(graph.batches[1]).toEqual([{ id: 'second', method: 'GET', url: '/b' }]);
  });
});

describe('GraphApi.request', () => {
  it('retries 503 with backoff and returns the success', async () => {
    let n = 0;
    const graph = new FakeGraph(() => (++n < 3 ? { status: 503, headers: {}, body: undefined } : ok({ id: 'me', userPrincipalName: 'a@contoso.com' })));
    const { client, clock } = api(graph);
    expect((await client.me()).id).toBe('me');
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(graph.requests[0]?.url).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/me\?\$select=id,displayName,/);
  });

  it('does not retry a 500 or a lost response for a POST', async () => {
    const graph500 = new FakeGraph(() => ({ status: 500, headers: {}, body: graphErrorBody('InternalServerError', 'boom') }));
    await expect(api(graph500).client.request('POST', '/invitations', { body: {} })).rejects.toMatchObject({ status: 500, code: 'InternalServerError' });
    expect(graph500.requests).toHaveLength(1);

    const lost = new FakeGraph(() => {
      throw new TypeError('fetch failed');
    });
    const err = await api(lost).client.request('POST', '/invitations', { body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphApiError);
    expect(err).toMatchObject({ status: 0, code: 'NetworkError' });
    expect(lost.requests).toHaveLength(1);
  });

  it('retries a lost response for a GET', async () => {
    let n = 0;
    const graph = new FakeGraph(() => {
      if (++n === 1) throw new TypeError('fetch failed');
      return ok({ value: [] });
    });
    const { client } = api(graph);
    await expect(verifiedDomains(client)).resolves.toEqual([]);
    expect(graph.requests).toHaveLength(2);
  });

  it('reports Graph’s answer, not a network error, when a read’s last retry got no response (browser throttling after 503s)', async () => {
    let n = 0;
    const graph = new FakeGraph(() => {
      if (++n <= 3) return { status: 503, headers: {}, body: graphErrorBody('ServiceUnavailable', 'The service is temporarily unavailable.') };
      throw new TypeError('Failed to fetch');
    });
    await expect(verifiedDomains(api(graph).client)).rejects.toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(graph.requests).toHaveLength(5);
    // A write whose last attempt got no response may have been applied: that stays a network error.
    let m = 0;
    const writes = new FakeGraph(() => {
      if (++m === 1) return { status: 503, headers: {}, body: graphErrorBody('ServiceUnavailable', 'The service is temporarily unavailable.') };
      throw new TypeError('Failed to fetch');
    });
    await expect(api(writes).client.request('POST', '/invitations', { body: {} })).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
    expect(writes.requests).toHaveLength(2);
  });

  it('renews the token once on 401 and repeats the request once', async () => {
    let n = 0;
    const graph = new FakeGraph(() => (++n === 1 ? { status: 401, headers: {}, body: graphErrorBody('InvalidAuthenticationToken', 'Access token has expired or is not yet valid.') } : ok({ id: 'u1' })));
    const renewToken = vi.fn(async () => {});
    const { client } = api(graph, { renewToken });
    expect(await getUser(client, 'u1')).toMatchObject({ id: 'u1' });
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(graph.requests).toHaveLength(2);
  });

  it('gives up after the second 401 with Graph code', async () => {
    const graph = new FakeGraph(() => ({ status: 401, headers: {}, body: graphErrorBody('InvalidAuthenticationToken', 'Access token validation failure.') }));
    const renewToken = vi.fn(async () => {});
    const { client } = api(graph, { renewToken });
    await expect(client.me()).rejects.toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(graph.requests).toHaveLength(2);
  });

  it('shares one renewal between concurrent 401s', async () => {
    const seen = new Map<string, number>();
    const graph = new FakeGraph((req) => {
      const k = req.url;
      seen.set(k, (seen.get(k) ?? 0) + 1);
      return seen.get(k) === 1 ? { status: 401, headers: {}, body: undefined } : ok({ id: 'x' });
    });
    let release: () => void = () => {};
    const renewToken = vi.fn(() => new Promise<void>((r) => (release = r)));
    const { client } = api(graph, { renewToken });
    const all = Promise.all([getUser(client, 'a'), getUser(client, 'b')]);
    await new Promise((r) => setTimeout(r, 0));
    release();
    await all;
    expect(renewToken).toHaveBeenCalledTimes(1);
  });

  it('answers undefined for a user that does not exist', async () => {
    const graph = new FakeGraph(() => ({ status: 404, headers: {}, body: graphErrorBody('Request_ResourceNotFound', "Resource 'x' does not exist") }));
    expect(await getUser(api(graph).client, 'x')).toBeUndefined();
  });

  it('uses the national cloud host', async () => {
    const graph = new FakeGraph(() => ok({ id: 'me' }));
    await api(graph, { cloud: 'UsGovDoD' }).client.me();
    expect(graph.requests[0]?.url.startsWith('https://dod-graph.microsoft.us/v1.0/me?')).toBe(true);
  });
});

describe('GraphApi operations', () => {
  it('invite sends invitedUser.id and maps the invitation', async () => {
    const graph = new FakeGraph((req) => ({
      status: 201,
      headers: {},
      body: { id: 'inv', status: 'PendingAcceptance', invitedUserType: 'Guest', invitedUser: { id: (req.body as InvitationBody).invitedUser.id } },
    }));
    const { client } = api(graph);
    const inv = await invite(client, buildInvitationBody({ userId: 'u1', email: 'ada@fabrikam.example' }, { inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t', sendInvitationMessage: false }));
    const sent = graph.requests[0] as TransportRequest;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('https://graph.microsoft.com/v1.0/invitations');
    expect(sent.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(JSON.stringify(sent.body))).toMatchObject({ invitedUser: { id: 'u1' }, invitedUserEmailAddress: 'ada@fabrikam.example' });
    expect(inv).toMatchObject({ id: 'inv', status: 'PendingAcceptance', invitedUser: { id: 'u1' } });
  });

  it('invite refuses a body without invitedUser.id before sending', async () => {
    const graph = new FakeGraph(() => ok({}));
    const body = { invitedUserEmailAddress: 'a@b.example', inviteRedirectUrl: 'r', sendInvitationMessage: false } as unknown as InvitationBody;
    await expect(invite(api(graph).client, body)).rejects.toMatchObject({ code: 'InvitedUserIdMissing' });
    expect(graph.requests).toHaveLength(0);
  });

  it('patchUser sends a PATCH with the body', async () => {
    const graph = new FakeGraph(() => ({ status: 204, headers: {}, body: undefined }));
    await patchUser(api(graph).client, 'u1', { otherMails: ['a@b.example'] });
    expect(graph.requests[0]).toMatchObject({ method: 'PATCH', url: 'https://graph.microsoft.com/v1.0/users/u1', body: { otherMails: ['a@b.example'] } });
  });

  it('listUsers follows nextLink page by page', async () => {
    const graph = new FakeGraph((req) =>
      req.url.includes('skiptoken')
        ? ok({ value: [userJson('c')] })
        : ok({ value: [userJson('a'), userJson('b')], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$top=2&$skiptoken=p2' }),
    );
    const pages: string[][] = [];
    for await (const page of api(graph).client.listUsers({ search: 'a', pageSize: 2 })) pages.push(page.map((u) => u.id));
    expect(pages).toEqual([['a', 'b'], ['c']]);
    expect(graph.requests[1]?.url).toBe('https://graph.microsoft.com/v1.0/users?$top=2&$skiptoken=p2');
  });

  it('listUsers advanced query mode sends ConsistencyLevel and $count', async () => {
    const graph = new FakeGraph(() => ok({ value: [] }));
    for await (const _ of api(graph).client.listUsers({ filter: "userType ne 'Guest'", advancedQuery: true })) void _;
    expect(graph.requests[0]?.headers).toEqual({ ConsistencyLevel: 'eventual' });
    expect(graph.requests[0]?.url).toMatch(/&\$count=true$/);
  });

  it('refuses to follow a nextLink to another host (it would receive the token)', async () => {
    const graph = new FakeGraph(() => ok({ value: [], '@odata.nextLink': 'https://evil.example/v1.0/users?x' }));
    const it = api(graph).client.listUsers();
    await it.next();
    await expect(it.next()).rejects.toMatchObject({ code: 'UnexpectedHost' });
    expect(graph.requests).toHaveLength(1);
  });

  it('roleAssignmentsFor batches one principal filter per user: 25 users, 2 round trips', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req) => {
      const pid = /principalId eq '([^']+)'/.exec(decodeURIComponent(req.url))?.[1] ?? '';
      if (pid === 'p3') return { status: 403, body: graphErrorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
      return { status: 200, body: { value: pid === 'p1' ? [{ id: 'ra', principalId: 'p1', roleDefinitionId: PRIVILEGED_ROLE_TEMPLATE_IDS[0], directoryScopeId: '/' }] : [] } };
    });
    const { client } = api(graph);
    const ids = Array.from({ length: 25 }, (_, i) => `p${i}`);
    const r = await roleAssignmentsFor(client, ids);
    expect(graph.batchCalls).toBe(2);
    expect(r.assignments.get('p1')?.map((a) => a.roleDefinitionId)).toEqual([PRIVILEGED_ROLE_TEMPLATE_IDS[0]]);
    expect(r.assignments.get('p2')).toEqual([]);
    expect(r.failed.get('p3')?.code).toBe('Authorization_RequestDenied');
    expect(r.assignments.has('p3')).toBe(false);
  });

  it('privilegedRoleHolders reads all fourteen roles in one batch and follows paging', async () => {
    const graph = new FakeGraph(
      (req) => ok({ value: [{ id: 'r9', principalId: 'late', roleDefinitionId: 'x', directoryScopeId: '/' }] }, { url: req.url }),
      (req) => {
        const role = /roleDefinitionId eq '([^']+)'/.exec(decodeURIComponent(req.url))?.[1] ?? '';
        if (role === PRIVILEGED_ROLE_TEMPLATE_IDS[0]) {
          return { status: 200, body: { value: [{ id: 'r1', principalId: 'admin', roleDefinitionId: role }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments?$skiptoken=2' } };
        }
        if (role === PRIVILEGED_ROLE_TEMPLATE_IDS[2]) return { status: 200, body: { value: [{ id: 'r2', principalId: 'admin', roleDefinitionId: role }] } };
        return { status: 200, body: { value: [] } };
      },
    );
    const holders = await privilegedRoleHolders(api(graph).client);
    expect(graph.batches).toHaveLength(1);
    expect(graph.batches[0]).toHaveLength(14);
    expect(holders.get('admin')).toEqual([PRIVILEGED_ROLE_TEMPLATE_IDS[0], PRIVILEGED_ROLE_TEMPLATE_IDS[2]]);
    expect(holders.get('late')).toEqual(['x']);
  });

  it('privilegedRoleHolders fails closed when any role cannot be read', async () => {
    const graph = new FakeGraph(() => ok(undefined), (req) => (req.id === '5' ? { status: 403, body: graphErrorBody('Authorization_RequestDenied', 'no') } : { status: 200, body: { value: [] } }));
    await expect(privilegedRoleHolders(api(graph).client)).rejects.toMatchObject({ code: 'Authorization_RequestDenied' });
  });

  it('verifiedDomains reads /organization', async () => {
    const graph = new FakeGraph(() => ok({ value: [{ id: 't', verifiedDomains: [{ name: 'contoso.com' }] }] }));
    expect(await verifiedDomains(api(graph).client)).toEqual(['contoso.com']);
    expect(graph.requests[0]?.url).toBe('https://graph.microsoft.com/v1.0/organization?$select=id,verifiedDomains');
  });
});
