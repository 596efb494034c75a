// The login emulator over a real (plain HTTP) sandbox server: discovery, authorize, token, prompt=none, errors.
import { request } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSmallTenant } from '../demo-tenant';
import { startSandboxServer, type SandboxServer } from '../server';
import { TokenSigner } from '../tokens';
import { createLoginEmulator, type LoginEmulator } from './index';

const REDIRECT = 'https://ggklaglfgknobpkjjlbjjbdohkadcjbf.chromiumapp.org/';
const ORIGIN = 'chrome-extension://ggklaglfgknobpkjjlbjjbdohkadcjbf';
const tenant = buildSmallTenant();
const signer = new TokenSigner();
let now = Date.UTC(2026, 10, 27, 12, 0, 0);
let server: SandboxServer;
let login: LoginEmulator;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

/** The browser's cookies for the authority: value, and whether it outlives a browser restart. */
const jar = new Map<string, { value: string; persistent: boolean }>();

function keepCookies(setCookie: string[] | undefined): void {
  for (const line of setCookie ?? []) {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const name = pair.slice(0, pair.indexOf('='));
    const maxAge = attributes.find((a) => /^max-age=/i.test(a));
    if (maxAge && Number(maxAge.split('=')[1]) <= 0) jar.delete(name);
    else jar.set(name, { value: pair.slice(pair.indexOf('=') + 1), persistent: maxAge !== undefined || attributes.some((a) => /^expires=/i.test(a)) });
  }
}

/** What a browser keeps when it restarts: its persistent cookies only. */
function restartBrowser(): void {
  for (const [name, cookie] of jar) if (!cookie.persistent) jar.delete(name);
}

function call(method: string, path: string, opts: { form?: Record<string, string>; headers?: Record<string, string>; host?: string } = {}): Promise<Reply> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          host: opts.host ?? 'login.microsoftonline.com',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...(jar.size > 0 ? { cookie: [...jar].map(([name, c]) => `${name}=${c.value}`).join('; ') } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          keepCookies(res.headers['set-cookie']);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> });
        });
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

const SCOPES = 'https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/User.Invite.All openid profile offline_access';

function authorizeUrl(params: Record<string, string | undefined>, tenantSegment = 'organizations'): string {
  const q = new URLSearchParams();
  const all: Record<string, string | undefined> = {
    client_id: tenant.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    response_mode: 'fragment',
    scope: SCOPES,
    state: 'st-123',
    nonce: 'nonce-abc',
    client_info: '1',
    ...params,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, v);
  return `/${tenantSegment}/oauth2/v2.0/authorize?${q.toString()}`;
}

/** Follows the authorize redirect and returns the fragment's parameters. */
async function authorize(params: Record<string, string | undefined>, tenantSegment?: string) {
  const res = await call('GET', authorizeUrl(params, tenantSegment));
  expect(res.status).toBe(302);
  const location = String(res.headers.location);
  expect(location.startsWith(`${REDIRECT}#`)).toBe(true);
  return new URLSearchParams(location.slice(location.indexOf('#') + 1));
}

async function signIn(extra: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkce();
  const fragment = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', ...extra });
  const code = fragment.get('code');
  expect(code).toBeTruthy();
  return { code: code as string, verifier, fragment };
}

const redeem = (code: string, verifier: string, extra: Record<string, string> = {}) =>
  call('POST', '/organizations/oauth2/v2.0/token', {
    headers: { origin: ORIGIN },
    form: { client_id: tenant.clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, scope: SCOPES, ...extra },
  });

const claims = (jwt: unknown) => JSON.parse(Buffer.from(String(jwt).split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  login = createLoginEmulator({ tenant, signer, clock: () => now });
  server = await startSandboxServer({ tls: false, routes: { 'login.microsoftonline.com': login }, log: () => undefined });
});
afterAll(async () => server.close());
beforeEach(() => {
  login.set({ cancelNextSignIn: false, failConsent: false, wrongTenantId: undefined, accessTokenLifetimeSec: 3600, sessionCookie: 'session' });
  login.reset();
  jar.clear();
});

describe('discovery', () => {
  it('answers instance discovery naming the tenant discovery endpoint', async () => {
    const res = await call('GET', `/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`https://login.microsoftonline.com/${tenant.tenantId}/oauth2/v2.0/authorize`)}`);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.tenant_discovery_endpoint).toBe(`https://login.microsoftonline.com/${tenant.tenantId}/v2.0/.well-known/openid-configuration`);
    expect(JSON.stringify(body.metadata)).toContain('login.microsoftonline.com');
  });

  it('serves OpenID configuration whose issuer shares the authority origin', async () => {
    const byId = (await call('GET', `/${tenant.tenantId}/v2.0/.well-known/openid-configuration`)).json();
    expect(byId.issuer).toBe(`https://login.microsoftonline.com/${tenant.tenantId}/v2.0`);
    expect(byId.authorization_endpoint).toBe(`https://login.microsoftonline.com/${tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(byId.token_endpoint).toBe(`https://login.microsoftonline.com/${tenant.tenantId}/oauth2/v2.0/token`);
    const byDomain = (await call('GET', '/contoso.com/v2.0/.well-known/openid-configuration')).json();
    expect(byDomain.issuer).toBe(byId.issuer);
    const orgs = (await call('GET', '/organizations/v2.0/.well-known/openid-configuration')).json();
    expect(orgs.issuer).toBe('https://login.microsoftonline.com/{tenantid}/v2.0');
    expect(orgs.token_endpoint).toBe('https://login.microsoftonline.com/organizations/oauth2/v2.0/token');
  });

  it('refuses an unknown tenant in AAD shape', async () => {
    const res = await call('GET', '/00000000-0000-0000-0000-000000000001/v2.0/.well-known/openid-configuration');
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body.error_description).toMatch(/^AADSTS90002/);
    expect(body.error_codes).toEqual([90002]);
  });

  it('answers CORS for extension origins', async () => {
    const pre = await call('OPTIONS', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);
    const res = await call('GET', '/common/discovery/instance', { headers: { origin: ORIGIN } });
    expect(res.headers['access-control-allow-origin']).toBe(ORIGIN);
  });
});

describe('authorize + token (PKCE)', () => {
  it('issues a code, client_info and session_state, and redeems it once for tokens', async () => {
    const { code, verifier, fragment } = await signIn();
    expect(fragment.get('state')).toBe('st-123');
    expect(JSON.parse(Buffer.from(fragment.get('client_info') ?? '', 'base64url').toString())).toEqual({ uid: tenant.adminUserId, utid: tenant.tenantId });
    expect(fragment.get('session_state')).toBeTruthy();
    expect(login.interactiveSignIns()).toBe(1);
    expect(login.redirectUris()).toContain(REDIRECT);

    const res = await redeem(code, verifier);
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(3600);
    expect(body.ext_expires_in).toBe(3600);
    expect(typeof body.refresh_token).toBe('string');
    expect(String(body.scope).split(' ')).toEqual(expect.arrayContaining(['https://graph.microsoft.com/User.Read.All', 'https://graph.microsoft.com/User.Invite.All', 'openid', 'profile']));

    const id = claims(body.id_token);
    expect(id).toMatchObject({ iss: `https://login.microsoftonline.com/${tenant.tenantId}/v2.0`, aud: tenant.clientId, tid: tenant.tenantId, oid: tenant.adminUserId, nonce: 'nonce-abc', preferred_username: 'admin@contoso.com' });
    expect(typeof id.sub).toBe('string');
    expect(Number(id.exp)).toBeGreaterThan(Number(id.iat));

    const at = signer.verify(String(body.access_token));
    expect(at).toBeDefined();
    expect(at).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenant.tenantId, oid: tenant.adminUserId, scp: 'User.Read.All User.Invite.All' });
    expect(at?.exp).toBe(Math.floor(now / 1000) + 3600);
    expect(JSON.parse(Buffer.from(String(body.client_info), 'base64url').toString())).toEqual({ uid: tenant.adminUserId, utid: tenant.tenantId });

    const again = await redeem(code, verifier);
    expect(again.status).toBe(400);
    expect(again.json()).toMatchObject({ error: 'invalid_grant', error_codes: [54005] });
  });

  it('rejects a verifier that does not hash to the challenge, and burns the code', async () => {
    const { code, verifier } = await signIn();
    const wrong = await redeem(code, randomBytes(32).toString('base64url'));
    expect(wrong.status).toBe(400);
    const body = wrong.json();
    expect(body).toMatchObject({ error: 'invalid_grant', error_codes: [501481] });
    expect(String(body.error_description)).toMatch(/^AADSTS501481: /);
    for (const k of ['timestamp', 'trace_id', 'correlation_id']) expect(typeof body[k]).toBe('string');
    expect((await redeem(code, verifier)).json()).toMatchObject({ error_codes: [54005] });
  });

  it('requires code_verifier and a matching redirect_uri', async () => {
    const a = await signIn();
    const noVerifier = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'authorization_code', code: a.code, redirect_uri: REDIRECT } });
    expect(noVerifier.json()).toMatchObject({ error: 'invalid_request', error_codes: [900144] });
    const b = await signIn();
    const other = await redeem(b.code, b.verifier, { redirect_uri: 'https://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.chromiumapp.org/' });
    expect(other.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses SPA code redemption without an Origin header (AADSTS9002327)', async () => {
    const { code, verifier } = await signIn();
    const res = await call('POST', '/organizations/oauth2/v2.0/token', { form: { client_id: tenant.clientId, grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT } });
    expect(res.json()).toMatchObject({ error: 'invalid_request', error_codes: [9002327] });
  });

  it('requires PKCE S256 at authorize', async () => {
    const noChallenge = await authorize({});
    expect(noChallenge.get('error')).toBe('invalid_request');
    expect(noChallenge.get('state')).toBe('st-123');
    const plain = await authorize({ code_challenge: pkce().challenge, code_challenge_method: 'plain' });
    expect(plain.get('error')).toBe('invalid_request');
    expect(login.interactiveSignIns()).toBe(0);
  });

  it('shows an error page (no redirect) for an unknown client or a foreign redirect URI', async () => {
    const badClient = await call('GET', authorizeUrl({ client_id: '11111111-1111-1111-1111-111111111111', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(badClient.status).toBe(400);
    expect(badClient.text).toContain('AADSTS700016');
    const badRedirect = await call('GET', authorizeUrl({ redirect_uri: 'https://evil.example/', code_challenge: pkce().challenge, code_challenge_method: 'S256' }));
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.text).toContain('AADSTS50011');
    expect(badRedirect.headers.location).toBeUndefined();
  });
});

describe('scopes', () => {
  it('expands .default to the consented Graph scopes and spells scp as the directory does', async () => {
    const a = await signIn({ scope: 'https://graph.microsoft.com/.default openid profile offline_access' });
    const at = signer.verify(String((await redeem(a.code, a.verifier)).json().access_token));
    expect(String(at?.scp).split(' ').sort()).toEqual(['RoleManagement.Read.Directory', 'User.Invite.All', 'User.Read', 'User.Read.All', 'User.ReadWrite.All']);
    const b = await signIn({ scope: 'user.read.all openid', prompt: 'login' });
    const body = (await redeem(b.code, b.verifier)).json();
    expect(signer.verify(String(body.access_token))?.scp).toBe('User.Read.All');
    expect(body.scope).toBe('user.read.all openid');
    expect(login.sessions()).toHaveLength(1);
  });
});

describe('refresh grant', () => {
  it('issues new tokens from a refresh token and honours revocation and expiry', async () => {
    login.set({ accessTokenLifetimeSec: 5 });
    const { code, verifier } = await signIn();
    const first = (await redeem(code, verifier)).json();
    expect(first.expires_in).toBe(5);
    now += 10_000;
    const refreshed = await call('POST', '/organizations/oauth2/v2.0/token', {
      headers: { origin: ORIGIN },
      form: { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: String(first.refresh_token), scope: 'https://graph.microsoft.com/User.ReadWrite.All openid profile offline_access' },
    });
    expect(refreshed.status).toBe(200);
    const body = refreshed.json();
    expect(signer.verify(String(body.access_token))).toMatchObject({ scp: 'User.ReadWrite.All', oid: tenant.adminUserId });
    expect(claims(body.id_token).nonce).toBeUndefined();
    expect(body.refresh_token).not.toBe(first.refresh_token);

    // Unconsented scope on refresh.
    const unconsented = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: String(body.refresh_token), scope: 'Directory.ReadWrite.All' } });
    expect(unconsented.json()).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });

    login.revokeRefreshTokens();
    const revoked = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: String(body.refresh_token) } });
    expect(revoked.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50173] });

    const fresh = (await redeem(...Object.values(await signIn()).slice(0, 2) as [string, string])).json();
    now += 86_400_000 + 1;
    const expired = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: String(fresh.refresh_token) } });
    expect(expired.json()).toMatchObject({ error: 'invalid_grant', error_codes: [700084] });

    const garbage = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'refresh_token', refresh_token: 'nope' } });
    expect(garbage.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const res = await call('POST', '/organizations/oauth2/v2.0/token', { headers: { origin: ORIGIN }, form: { client_id: tenant.clientId, grant_type: 'password', username: 'x', password: 'y' } });
    expect(res.json()).toMatchObject({ error: 'unsupported_grant_type', error_codes: [70003] });
  });
});

describe('consent and cancellation', () => {
  it('redirects with AADSTS65001 when a scope is not consented', async () => {
    const { challenge } = pkce();
    const interactive = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', scope: 'https://graph.microsoft.com/Directory.ReadWrite.All openid' });
    expect(interactive.get('error')).toBe('invalid_client');
    expect(interactive.get('error_description')).toMatch(/^AADSTS65001/);
    expect(interactive.get('code')).toBeNull();
    expect(login.interactiveSignIns()).toBe(0);
  });

  it('failConsent makes even consented scopes fail; prompt=none answers consent_required', async () => {
    await signIn();
    login.set({ failConsent: true });
    const { challenge } = pkce();
    const silent = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' });
    expect(silent.get('error')).toBe('consent_required');
    expect(silent.get('error_description')).toMatch(/^AADSTS65001/);
  });

  it('cancelNextSignIn answers access_denied AADSTS65004 once', async () => {
    login.set({ cancelNextSignIn: true });
    const { challenge } = pkce();
    const cancelled = await authorize({ code_challenge: challenge, code_challenge_method: 'S256' });
    expect(cancelled.get('error')).toBe('access_denied');
    expect(cancelled.get('error_description')).toMatch(/^AADSTS65004/);
    expect(login.options.cancelNextSignIn).toBe(false);
    await signIn();
    expect(login.interactiveSignIns()).toBe(1);
  });
});

describe('prompt=none', () => {
  it('answers login_required (AADSTS50058) without a browser session', async () => {
    const { challenge } = pkce();
    const res = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' });
    expect(res.get('error')).toBe('login_required');
    expect(res.get('error_description')).toMatch(/^AADSTS50058/);
    expect(res.get('state')).toBe('st-123');
  });

  it('succeeds silently after an interactive sign-in, until sessions are revoked', async () => {
    await signIn();
    const silent = await signIn({ prompt: 'none', login_hint: 'admin@contoso.com' });
    expect(silent.fragment.get('session_state')).toBe(login.sessions()[0]?.id);
    expect((await redeem(silent.code, silent.verifier)).status).toBe(200);
    expect(login.interactiveSignIns()).toBe(1);
    expect(login.silentSignIns()).toBe(1);

    const { challenge } = pkce();
    const otherUser = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none', login_hint: 'someone.else@contoso.com' });
    expect(otherUser.get('error')).toBe('login_required');

    login.revokeSessions();
    const after = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' });
    expect(after.get('error')).toBe('login_required');
    const log = login.log().filter((e) => e.endpoint === 'authorize');
    expect(log.map((e) => e.interactive)).toEqual([true, false, false, false]);
  });

  it('finds the session only through the browser\'s cookie: another browser gets login_required', async () => {
    await signIn();
    expect(jar.has('ESTSAUTH')).toBe(true);
    jar.clear();
    const { challenge } = pkce();
    const res = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' });
    expect(res.get('error')).toBe('login_required');
    expect(login.sessions()).toHaveLength(1);
  });

  it('a session cookie does not survive a browser restart (AADSTS50058)', async () => {
    await signIn();
    expect(jar.get('ESTSAUTH')?.persistent).toBe(false);
    restartBrowser();
    const { challenge } = pkce();
    const res = await authorize({ code_challenge: challenge, code_challenge_method: 'S256', prompt: 'none' });
    expect(res.get('error')).toBe('login_required');
    expect(res.get('error_description')).toMatch(/^AADSTS50058/);
  });

  it('"Stay signed in" (persistent cookie) survives a browser restart', async () => {
    login.set({ sessionCookie: 'persistent' });
    await signIn();
    expect(jar.get('ESTSAUTHPERSISTENT')?.persistent).toBe(true);
    expect(jar.has('ESTSAUTH')).toBe(false);
    restartBrowser();
    const silent = await signIn({ prompt: 'none', login_hint: 'admin@contoso.com' });
    expect((await redeem(silent.code, silent.verifier)).status).toBe(200);
    expect(login.sessions()[0]).toMatchObject({ persistent: true });
  });

  it('logout ends the browser session', async () => {
    await signIn();
    const out = await call('GET', '/organizations/oauth2/v2.0/logout?post_logout_redirect_uri=https%3A%2F%2Fggklaglfgknobpkjjlbjjbdohkadcjbf.chromiumapp.org%2F');
    expect(out.status).toBe(302);
    expect(login.sessions()).toHaveLength(0);
    expect(jar.size).toBe(0);
  });
});

describe('wrong tenant', () => {
  it('signs in to another tenant when wrongTenantId is set', async () => {
    const other = '99999999-8888-4777-8666-555555555555';
    login.set({ wrongTenantId: other });
    const { code, verifier, fragment } = await signIn();
    expect(JSON.parse(Buffer.from(fragment.get('client_info') ?? '', 'base64url').toString()).utid).toBe(other);
    const body = (await redeem(code, verifier)).json();
    expect(claims(body.id_token)).toMatchObject({ tid: other, iss: `https://login.microsoftonline.com/${other}/v2.0` });
    const at = signer.verify(String(body.access_token));
    expect(at?.tid).toBe(other);
    expect(at?.oid).not.toBe(tenant.adminUserId);
  });
});

describe('sandbox server routing', () => {
  it('answers 404 JSON for unknown hosts and 500 (not a crash) when a handler throws', async () => {
    const unknown = await call('GET', '/', { host: 'unknown.example' });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'UnknownHost' } });
    server.route('*.reactblade.portal.azure.net', { handle: () => { throw new Error('boom'); } });
    const failed = await call('GET', '/React/Index', { host: 'sandbox-8-2.reactblade.portal.azure.net' });
    expect(failed.status).toBe(500);
    expect((await call('GET', '/common/discovery/instance')).status).toBe(200);
    expect(server.resolve('reactblade.portal.azure.net')).toBeUndefined();
  });
});
