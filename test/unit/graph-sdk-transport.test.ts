import { afterEach, describe, expect, it, vi } from 'vitest';
import { GraphApi } from '../../src/graph/client';
import { createSdkTransport } from '../../src/graph/sdk-transport';
import { invite } from '../support/graph-ops';

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

function stubFetch(respond: (seen: Seen, n: number) => Response | Promise<Response>): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const s: Seen = {
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? init.body : undefined,
    };
    seen.push(s);
    return respond(s, seen.length);
  });
  return seen;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('SDK transport', () => {
  it('sends the exact URL with the bearer token from the injected provider', async () => {
    const seen = stubFetch(() => json(200, { value: [] }));
    const t = createSdkTransport({ cloud: 'Global', getAccessToken: async () => 'tok-1' });
    const url = "https://graph.microsoft.com/v1.0/users?$filter=id%20in%20('a','b''c')&$select=id,mail&$top=15";
    const res = await t.send({ method: 'GET', url, headers: {} });
    expect(res).toEqual({ status: 200, headers: { 'content-type': 'application/json' }, body: { value: [] } });
    expect(seen[0]?.url).toBe(url);
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer tok-1');
  });

  it('resolves (does not throw) for error statuses, without SDK retries', async () => {
    const seen = stubFetch(() => json(429, { error: { code: 'TooManyRequests', message: 'x' } }, { 'Retry-After': '1' }));
    const t = createSdkTransport({ cloud: 'Global', getAccessToken: async () => 't' });
    const res = await t.send({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: {} });
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(seen).toHaveLength(1);
  });

  it('serialises JSON bodies with Content-Type and keeps invitedUser', async () => {
    const seen = stubFetch(() => json(201, { id: 'inv', invitedUser: { id: 'u1' } }));
    const t = createSdkTransport({ cloud: 'UsGov', getAccessToken: async () => 't' });
    await t.send({
      method: 'POST',
      url: 'https://graph.microsoft.us/v1.0/invitations',
      headers: { 'Content-Type': 'application/json' },
      body: { invitedUserEmailAddress: 'a@b.example', invitedUser: { id: 'u1' } },
    });
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.url).toBe('https://graph.microsoft.us/v1.0/invitations');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(seen[0]?.body ?? '{}')).toEqual({ invitedUserEmailAddress: 'a@b.example', invitedUser: { id: 'u1' } });
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer t');
  });

  it('handles an empty 204 body and a national $batch URL', async () => {
    const seen = stubFetch(() => new Response(null, { status: 204 }));
    const t = createSdkTransport({ cloud: 'China', getAccessToken: async () => 't' });
    const res = await t.send({ method: 'PATCH', url: 'https://microsoftgraph.chinacloudapi.cn/v1.0/users/u1', headers: {}, body: { userType: 'Guest' } });
    expect(res).toEqual({ status: 204, headers: {}, body: undefined });
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer t');
  });

  it('rejects when no response arrives, which GraphApi maps to NetworkError', async () => {
    stubFetch(() => {
      throw new TypeError('fetch failed');
    });
    const transport = createSdkTransport({ cloud: 'Global', getAccessToken: async () => 't' });
    const api = new GraphApi({ transport, sleep: async () => {}, now: () => 0, retry: { maxAttempts: 1 } });
    await expect(invite(api, { invitedUserEmailAddress: 'a@b.example', inviteRedirectUrl: 'r', sendInvitationMessage: false, invitedUser: { id: 'u' } })).rejects.toMatchObject({
      status: 0,
      code: 'NetworkError',
    });
  });

  it('works end to end with GraphApi: 401 → renewToken → new token', async () => {
    let token = 'old';
    const seen = stubFetch((s) => (s.headers.get('authorization') === 'Bearer old' ? json(401, { error: { code: 'InvalidAuthenticationToken', message: 'expired' } }) : json(200, { id: 'me' })));
    const transport = createSdkTransport({ cloud: 'Global', getAccessToken: async () => token });
    const api = new GraphApi({ transport, sleep: async () => {}, now: () => 0, renewToken: async () => void (token = 'new') });
    expect((await api.me()).id).toBe('me');
    expect(seen.map((s) => s.headers.get('authorization'))).toEqual(['Bearer old', 'Bearer new']);
  });
});

describe('SDK transport: a request that never gets an answer', () => {
  it('gives up after its time limit as "no answer" (status 0 for GraphApi), and the request was aborted', async () => {
    let signal: AbortSignal | undefined;
    vi.stubGlobal('fetch', (_input: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      // A stalled connection: nothing arrives until the request is aborted.
      return new Promise<Response>((_, fail) => signal?.addEventListener('abort', () => fail(new DOMException('aborted', 'AbortError'))));
    });
    const t = createSdkTransport({ cloud: 'Global', getAccessToken: async () => 't', requestTimeoutMs: 30 });
    await expect(t.send({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: {} })).rejects.toThrow(
      /^Microsoft Graph did not answer within \d+ seconds\.$/,
    );
    expect(signal?.aborted).toBe(true);
    const api = new GraphApi({ transport: t, cloud: 'Global', sleep: async () => undefined, now: () => 0, retry: { maxAttempts: 1 } });
    await expect(api.getJson('/me')).rejects.toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it('an answer in time is not affected by the limit', async () => {
    stubFetch(async () => {
      await new Promise((r) => setTimeout(r, 5));
      return json(200, { id: 'me' });
    });
    const t = createSdkTransport({ cloud: 'Global', getAccessToken: async () => 't', requestTimeoutMs: 1_000 });
    expect((await t.send({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/me', headers: {} })).body).toEqual({ id: 'me' });
  });
});
