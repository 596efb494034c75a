// The login authority emulator, served on https://login.microsoftonline.com by the sandbox server.
// It speaks the parts of the Microsoft identity platform (v2.0 endpoints) that a single-page-application client
// such as MSAL uses: instance discovery, OpenID configuration, authorize (auth code + PKCE, prompt=none),
// token (authorization_code and refresh_token grants) and logout — with Entra ID's error shapes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { TokenClaims, TokenSigner } from '../tokens';
import type { HostApp, SandboxTenant } from '../types';
import {
  AUTHORITY_ORIGIN,
  aadError,
  b64url,
  escapeHtml,
  randomToken,
  redirectWith,
  s256,
  sendHtml,
  sendJson,
  stableGuid,
  type AadstsKey,
} from './aad';
import { GRAPH_RESOURCE, classifyScopes, stripGraphPrefix, unconsentedScopes, type ScopeRequest } from './scopes';

export { AUTHORITY_ORIGIN } from './aad';

export interface LoginOptions {
  tenant: SandboxTenant;
  signer: TokenSigner;
  /** Lifetime of issued access tokens (`expires_in`); default 3600. Short values drive expiry tests. */
  accessTokenLifetimeSec?: number;
  /** Lifetime of SPA refresh tokens; default 86400 (Entra ID's fixed 24 h for SPAs). */
  refreshTokenLifetimeSec?: number;
  /** The next interactive sign-in is cancelled by the user (error=access_denied, AADSTS65004). One-shot. */
  cancelNextSignIn?: boolean;
  /** Sign-ins land in this tenant instead of the page's tenant (tokens carry this tid). */
  wrongTenantId?: string;
  /** Every Graph scope is treated as not consented (AADSTS65001). */
  failConsent?: boolean;
  /** Extra latency (ms) before each answer. */
  latencyMs?: number;
  /**
   * Entra ID refuses to redeem SPA codes and refresh tokens without an Origin header (AADSTS9002327). Default true.
   * Unit tests may send `origin` themselves or turn this off.
   */
  requireCrossOriginRedemption?: boolean;
  /**
   * How the browser keeps the login session. Entra ID keeps it in a session cookie (ESTSAUTH), which the browser
   * drops when it restarts, unless the admin answered "Stay signed in" (a persistent ESTSAUTHPERSISTENT cookie).
   * Default 'session'. Silent renewal (prompt=none) finds the session only through the cookie the browser sends.
   */
  sessionCookie?: 'session' | 'persistent';
  /** Server clock (ms); default Date.now. */
  clock?: () => number;
}

/** Options that can be changed while the sandbox runs. */
export type LoginRuntimeOptions = Omit<LoginOptions, 'tenant' | 'signer' | 'clock'>;

export type LoginEndpoint = 'authorize' | 'token' | 'discovery' | 'openid-configuration' | 'keys' | 'logout' | 'preflight' | 'other';

export interface LoginLogEntry {
  at: number;
  endpoint: LoginEndpoint;
  method: string;
  path: string;
  /** Tenant segment of the path (`organizations`, a GUID, a domain). */
  tenantSegment: string;
  /** Query parameters (GET) or form fields (POST). */
  params: Record<string, string>;
  /** Request's Origin header, if any. */
  origin: string | undefined;
  status: number;
  /** `code`, `token`, `error:<error>:<AADSTS code>`, `ok`. */
  outcome: string;
  /** authorize only: true unless prompt=none. */
  interactive?: boolean;
  /** token only: grant type. */
  grantType?: string;
}

export interface LoginSession {
  id: string;
  clientId: string;
  /** UPN of the signed-in user. */
  upn: string;
  oid: string;
  tid: string;
  createdAt: number;
  /** Kept in a persistent cookie ("Stay signed in"), not a session cookie. */
  persistent: boolean;
}

export interface LoginControl {
  /** Current runtime options. */
  readonly options: Readonly<LoginRuntimeOptions>;
  /** Changes runtime options (merged). */
  set(options: Partial<LoginRuntimeOptions>): void;
  /** Every request seen, oldest first. */
  log(): LoginLogEntry[];
  clearLog(): void;
  /** Forgets log, counters, sessions, codes, refresh tokens and recorded redirect URIs (options stay). */
  reset(): void;
  /** Successful interactive sign-ins (authorize without prompt=none that issued a code). */
  interactiveSignIns(): number;
  /** Successful silent (prompt=none) authorizations. */
  silentSignIns(): number;
  /** Redirect URIs clients used (each distinct value once), e.g. `https://<extension id>.chromiumapp.org/`. */
  redirectUris(): string[];
  /** Live browser login sessions. */
  sessions(): LoginSession[];
  /** Ends every browser login session (server side): the next prompt=none answers login_required. */
  revokeSessions(): void;
  /** Revokes every refresh token issued so far (refresh grant answers invalid_grant AADSTS50173). */
  revokeRefreshTokens(): void;
  /** Access tokens issued so far (newest last), for tests that inspect claims. */
  issuedAccessTokens(): string[];
}

export type LoginEmulator = HostApp & LoginControl;

interface CodeGrant {
  code: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: ScopeRequest;
  nonce: string | undefined;
  tid: string;
  oid: string;
  upn: string;
  name: string;
  issuedAt: number;
  redeemed: boolean;
}

interface RefreshGrant {
  token: string;
  clientId: string;
  tid: string;
  oid: string;
  upn: string;
  name: string;
  scopes: ScopeRequest;
  expiresAt: number;
  revoked: boolean;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;
/** Entra ID's names: the session cookie, and the one "Stay signed in" adds. */
export const SESSION_COOKIE = 'ESTSAUTH';
export const PERSISTENT_COOKIE = 'ESTSAUTHPERSISTENT';
/** The persistent cookie's lifetime (Entra ID's default for "Stay signed in" is 90 days). */
const PERSISTENT_COOKIE_MAX_AGE_SEC = 90 * 24 * 3600;

/** `name=value` pairs of a Cookie header. */
function cookiesOf(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

/** The Set-Cookie values for a new session: a session cookie, or (Stay signed in) a persistent one. */
function sessionCookies(session: LoginSession): string[] {
  const attributes = 'Path=/; Secure; HttpOnly; SameSite=None';
  if (session.persistent) return [`${PERSISTENT_COOKIE}=${session.id}; Max-Age=${PERSISTENT_COOKIE_MAX_AGE_SEC}; ${attributes}`, `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`];
  return [`${SESSION_COOKIE}=${session.id}; ${attributes}`, `${PERSISTENT_COOKIE}=; Max-Age=0; ${attributes}`];
}

/** The app registration's SPA redirect URIs: Chromium's `<id>.chromiumapp.org` and Firefox's `<sha1>.extensions.allizom.org`. */
const EXTENSION_REDIRECT = /^https:\/\/([a-z0-9-]+\.chromiumapp\.org|[0-9a-f]{40}\.extensions\.allizom\.org)\/$/;

export function createLoginEmulator(init: LoginOptions): LoginEmulator {
  const { tenant, signer } = init;
  const clock = init.clock ?? (() => Date.now());
  const opts: LoginRuntimeOptions = {
    accessTokenLifetimeSec: init.accessTokenLifetimeSec ?? 3600,
    refreshTokenLifetimeSec: init.refreshTokenLifetimeSec ?? 86_400,
    cancelNextSignIn: init.cancelNextSignIn ?? false,
    wrongTenantId: init.wrongTenantId,
    failConsent: init.failConsent ?? false,
    latencyMs: init.latencyMs ?? 0,
    requireCrossOriginRedemption: init.requireCrossOriginRedemption ?? true,
    sessionCookie: init.sessionCookie ?? 'session',
  };
  const requestLog: LoginLogEntry[] = [];
  const codes = new Map<string, CodeGrant>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const sessions = new Map<string, LoginSession>();
  const redirectUris = new Set<string>();
  const accessTokens: string[] = [];
  let interactiveCount = 0;
  let silentCount = 0;

  const admin = tenant.users.find((u) => u.id === tenant.adminUserId);
  const adminUpn = admin?.userPrincipalName ?? `admin@${tenant.verifiedDomains[0] ?? 'contoso.onmicrosoft.com'}`;
  const adminName = admin?.displayName ?? 'Sandbox Admin';
  const domains = new Set(tenant.verifiedDomains.map((d) => d.toLowerCase()));

  /** The identity a sign-in produces: the tenant's admin, or (wrongTenantId) the same person in another tenant. */
  const signedInIdentity = () => {
    const wrong = opts.wrongTenantId;
    if (wrong && wrong.toLowerCase() !== tenant.tenantId.toLowerCase()) {
      return { tid: wrong, oid: stableGuid(`${wrong}|${adminUpn}`), upn: adminUpn, name: adminName };
    }
    return { tid: tenant.tenantId, oid: tenant.adminUserId, upn: adminUpn, name: adminName };
  };

  type TenantRef = { kind: 'tenant'; tid: string } | { kind: 'multi'; segment: 'common' | 'organizations' };
  const resolveTenant = (segment: string): TenantRef | undefined => {
    const s = segment.toLowerCase();
    if (s === 'common' || s === 'organizations') return { kind: 'multi', segment: s };
    if (s === tenant.tenantId.toLowerCase() || domains.has(s)) return { kind: 'tenant', tid: tenant.tenantId };
    if (opts.wrongTenantId && s === opts.wrongTenantId.toLowerCase()) return { kind: 'tenant', tid: opts.wrongTenantId };
    return undefined;
  };

  const corsHeaders = (req: IncomingMessage): Record<string, string> => {
    const origin = req.headers.origin;
    if (typeof origin !== 'string' || !/^(chrome|moz)-extension:\/\//.test(origin)) return {};
    return {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? 'content-type'),
      'access-control-expose-headers': 'client-request-id, x-ms-request-id',
      'access-control-max-age': '600',
      vary: 'Origin',
    };
  };

  const record = (entry: Omit<LoginLogEntry, 'at'>) => {
    requestLog.push({ at: clock(), ...entry });
  };

  // ---------------------------------------------------------------- discovery

  const openidConfiguration = (segment: string, ref: TenantRef) => {
    const t = ref.kind === 'tenant' ? ref.tid : segment;
    const base = `${AUTHORITY_ORIGIN}/${t}`;
    const issuer = ref.kind === 'tenant' ? `${AUTHORITY_ORIGIN}/${ref.tid}/v2.0` : `${AUTHORITY_ORIGIN}/{tenantid}/v2.0`;
    return {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer,
      request_uri_parameter_supported: false,
      userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: ref.kind === 'tenant' ? 'EU' : null,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    };
  };

  const instanceDiscovery = (url: URL) => {
    let tenantSegment = 'common';
    const endpoint = url.searchParams.get('authorization_endpoint');
    if (endpoint) {
      try {
        const seg = new URL(endpoint).pathname.split('/').filter(Boolean)[0];
        if (seg) tenantSegment = seg;
      } catch {
        /* keep common */
      }
    }
    return {
      tenant_discovery_endpoint: `${AUTHORITY_ORIGIN}/${tenantSegment}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [
        {
          preferred_network: 'login.microsoftonline.com',
          preferred_cache: 'login.windows.net',
          aliases: ['login.microsoftonline.com', 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'],
        },
        { preferred_network: 'login.partner.microsoftonline.cn', preferred_cache: 'login.partner.microsoftonline.cn', aliases: ['login.partner.microsoftonline.cn', 'login.chinacloudapi.cn'] },
        { preferred_network: 'login.microsoftonline.us', preferred_cache: 'login.microsoftonline.us', aliases: ['login.microsoftonline.us', 'login.usgovcloudapi.net'] },
      ],
    };
  };

  // ---------------------------------------------------------------- authorize

  const authorize = (req: IncomingMessage, res: ServerResponse, segment: string, params: URLSearchParams) => {
    const p = Object.fromEntries(params) as Record<string, string>;
    const prompt = params.get('prompt') ?? undefined;
    const interactive = prompt !== 'none';
    const base = { endpoint: 'authorize' as const, method: req.method ?? 'GET', path: `/${segment}/oauth2/v2.0/authorize`, tenantSegment: segment, params: p, origin: req.headers.origin, interactive };

    // Errors that Entra ID shows on its own page: the redirect URI cannot be trusted yet.
    const errorPage = (status: number, error: string, key: AadstsKey, detail?: string) => {
      const body = aadError(error, key, clock(), detail);
      record({ ...base, status, outcome: `error:${error}:${body.error_codes[0]}` });
      sendHtml(
        res,
        status,
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in to your account</title></head><body>` +
          `<h1>Sorry, but we're having trouble signing you in.</h1><p id="error-code">${escapeHtml(body.error_description)}</p></body></html>`,
      );
    };

    if (!resolveTenant(segment)) return errorPage(400, 'invalid_tenant', 'tenantNotFound', `Tenant '${segment}' not found.`);
    const clientId = params.get('client_id');
    if (!clientId) return errorPage(400, 'invalid_request', 'missingParam', "'client_id'.");
    if (clientId.toLowerCase() !== tenant.clientId.toLowerCase()) {
      return errorPage(400, 'unauthorized_client', 'unknownClient', `Application with identifier '${clientId}' was not found in the directory '${tenant.displayName}'.`);
    }
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri || !EXTENSION_REDIRECT.test(redirectUri)) {
      return errorPage(400, 'invalid_request', 'redirectMismatch', `The redirect URI '${redirectUri ?? ''}' specified in the request does not match the redirect URIs configured for the application '${tenant.clientId}'.`);
    }
    redirectUris.add(redirectUri);

    const responseMode = params.get('response_mode') === 'query' ? 'query' : 'fragment';
    const state = params.get('state');
    const withState = (extra: Record<string, string>) => (state !== null ? { ...extra, state } : extra);
    const redirectError = (error: string, key: AadstsKey, detail?: string) => {
      const body = aadError(error, key, clock(), detail);
      record({ ...base, status: 302, outcome: `error:${error}:${body.error_codes[0]}` });
      const location = redirectWith(redirectUri, withState({ error, error_description: body.error_description, error_uri: body.error_uri }), responseMode);
      res.writeHead(302, { location, 'cache-control': 'no-store' });
      res.end();
    };

    if (params.get('response_type') !== 'code') {
      return redirectError('unsupported_response_type', 'unsupportedResponseType', `Requested: '${params.get('response_type') ?? ''}'.`);
    }
    const challenge = params.get('code_challenge');
    if (!challenge || params.get('code_challenge_method') !== 'S256') {
      return redirectError('invalid_request', 'pkceRequired', 'A code_challenge with code_challenge_method=S256 is required.');
    }
    if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      return redirectError('invalid_request', 'pkceRequired', 'The code_challenge is not a base64url SHA-256 value.');
    }
    const scopeParam = params.get('scope');
    if (!scopeParam) return redirectError('invalid_request', 'missingParam', "'scope'.");
    const scopes = classifyScopes(scopeParam, tenant.consentedScopes);

    const identity = signedInIdentity();
    const loginHint = params.get('login_hint')?.toLowerCase();

    // The browser's session is the one its cookie names (a session cookie is gone after a browser restart).
    const cookies = cookiesOf(req);
    const cookieSession = [cookies.get(PERSISTENT_COOKIE), cookies.get(SESSION_COOKIE)].map((id) => (id ? sessions.get(id) : undefined)).find((s) => s !== undefined);
    const live =
      cookieSession && cookieSession.clientId.toLowerCase() === clientId.toLowerCase() && (!loginHint || cookieSession.upn.toLowerCase() === loginHint) ? cookieSession : undefined;
    if (!interactive) {
      if (!live) return redirectError('login_required', 'loginRequired');
    } else if (opts.cancelNextSignIn) {
      opts.cancelNextSignIn = false;
      return redirectError('access_denied', 'userDeclined', 'The user cancelled the sign-in.');
    }

    const missing = opts.failConsent ? [...scopes.graph, ...scopes.foreign] : unconsentedScopes(scopes, tenant.consentedScopes);
    if (missing.length > 0) {
      // Silent requests get consent_required (MSAL: InteractionRequiredAuthError); interactive ones end as the
      // error Entra ID gives a user who cannot grant consent.
      return redirectError(
        interactive ? 'invalid_client' : 'consent_required',
        'consentRequired',
        `Application '${tenant.clientId}'. Missing scopes: ${missing.join(' ')}.`,
      );
    }

    let sessionState: string;
    let setCookie: string[] | undefined;
    if (interactive) {
      // Signing in again (prompt=login, select_account) replaces the user's session for this client.
      for (const [id, s] of sessions) {
        if (s.clientId.toLowerCase() === clientId.toLowerCase() && s.upn.toLowerCase() === identity.upn.toLowerCase()) sessions.delete(id);
      }
      const session: LoginSession = { id: randomUUID(), clientId, upn: identity.upn, oid: identity.oid, tid: identity.tid, createdAt: clock(), persistent: opts.sessionCookie === 'persistent' };
      sessions.set(session.id, session);
      sessionState = session.id;
      setCookie = sessionCookies(session);
      interactiveCount++;
    } else {
      sessionState = live?.id ?? randomUUID();
      silentCount++;
    }

    const code = randomToken('sbx.code.');
    codes.set(code, {
      code,
      clientId,
      redirectUri,
      challenge,
      scopes,
      nonce: params.get('nonce') ?? undefined,
      tid: identity.tid,
      oid: identity.oid,
      upn: identity.upn,
      name: identity.name,
      issuedAt: clock(),
      redeemed: false,
    });
    const answer = withState({ code, client_info: clientInfo(identity.oid, identity.tid), session_state: sessionState });
    record({ ...base, status: 302, outcome: 'code' });
    if (params.get('response_mode') === 'form_post') {
      const fields = Object.entries(answer)
        .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
        .join('');
      if (setCookie) res.setHeader('set-cookie', setCookie);
      sendHtml(res, 200, `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${escapeHtml(redirectUri)}">${fields}</form></body></html>`);
      return;
    }
    if (setCookie) res.setHeader('set-cookie', setCookie);
    res.writeHead(302, { location: redirectWith(redirectUri, answer, responseMode), 'cache-control': 'no-store' });
    res.end();
  };

  // ---------------------------------------------------------------- token

  const clientInfo = (oid: string, tid: string) => b64url(JSON.stringify({ uid: oid, utid: tid }));

  const issueTokens = (grant: { clientId: string; tid: string; oid: string; upn: string; name: string; scopes: ScopeRequest; nonce?: string | undefined }) => {
    const now = Math.floor(clock() / 1000);
    const lifetime = opts.accessTokenLifetimeSec ?? 3600;
    const graphScopes = grant.scopes.graph;
    // Permission names in the token use the directory's spelling, whatever case the client asked in.
    const canonical = new Map(tenant.consentedScopes.map((c) => [stripGraphPrefix(c).toLowerCase(), stripGraphPrefix(c)]));
    const scp = graphScopes.map((g) => canonical.get(g.toLowerCase()) ?? g).join(' ');
    const wids = tenant.roleAssignments
      .filter((a) => a.principalId === grant.oid && a.directoryScopeId === '/' && grant.tid === tenant.tenantId)
      .map((a) => a.roleDefinitionId);
    const accessClaims: TokenClaims = {
      aud: GRAPH_RESOURCE,
      iss: `https://sts.windows.net/${grant.tid}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      tid: grant.tid,
      oid: grant.oid,
      sub: stableGuid(`at|${grant.oid}|${grant.clientId}`),
      scp,
      appid: grant.clientId,
      appidacr: '0',
      idtyp: 'user',
      upn: grant.upn,
      unique_name: grant.upn,
      name: grant.name,
      wids,
      uti: randomToken('', 16),
      ver: '1.0',
    };
    const accessToken = signer.sign(accessClaims);
    accessTokens.push(accessToken);
    const idClaims: TokenClaims = {
      iss: `${AUTHORITY_ORIGIN}/${grant.tid}/v2.0`,
      aud: grant.clientId,
      tid: grant.tid,
      oid: grant.oid,
      sub: stableGuid(`id|${grant.oid}|${grant.clientId}`),
      preferred_username: grant.upn,
      name: grant.name,
      iat: now,
      nbf: now,
      exp: now + 3600,
      ver: '2.0',
      ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    };
    const refresh: RefreshGrant = {
      token: randomToken('sbx.rt.', 48),
      clientId: grant.clientId,
      tid: grant.tid,
      oid: grant.oid,
      upn: grant.upn,
      name: grant.name,
      scopes: grant.scopes,
      expiresAt: clock() + (opts.refreshTokenLifetimeSec ?? 86_400) * 1000,
      revoked: false,
    };
    refreshTokens.set(refresh.token, refresh);
    // The scope string echoes each granted Graph scope in the form it was requested, plus the OIDC scopes asked for.
    const scope = [...graphScopes.map((g) => grant.scopes.graphRequestedForm.get(g) ?? g), ...grant.scopes.oidc].join(' ');
    return {
      token_type: 'Bearer',
      scope,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      refresh_token_expires_in: opts.refreshTokenLifetimeSec ?? 86_400,
      access_token: accessToken,
      refresh_token: refresh.token,
      id_token: signer.sign(idClaims),
      client_info: clientInfo(grant.oid, grant.tid),
    };
  };

  const token = (req: IncomingMessage, res: ServerResponse, segment: string, form: URLSearchParams) => {
    const p = Object.fromEntries(form) as Record<string, string>;
    const grantType = form.get('grant_type') ?? '';
    const base = { endpoint: 'token' as const, method: 'POST', path: `/${segment}/oauth2/v2.0/token`, tenantSegment: segment, params: p, origin: req.headers.origin, grantType };
    const cors = corsHeaders(req);
    const fail = (status: number, error: string, key: AadstsKey, detail?: string) => {
      const body = aadError(error, key, clock(), detail, form.get('client-request-id') ?? undefined);
      record({ ...base, status, outcome: `error:${error}:${body.error_codes[0]}` });
      sendJson(res, status, body, cors);
    };
    const ok = (body: ReturnType<typeof issueTokens>) => {
      record({ ...base, status: 200, outcome: 'token' });
      sendJson(res, 200, body, cors);
    };

    if (!resolveTenant(segment)) return fail(400, 'invalid_request', 'tenantNotFound', `Tenant '${segment}' not found.`);
    const clientId = form.get('client_id');
    if (!clientId) return fail(400, 'invalid_request', 'missingParam', "'client_id'.");
    if (clientId.toLowerCase() !== tenant.clientId.toLowerCase()) {
      return fail(400, 'unauthorized_client', 'unknownClient', `Application with identifier '${clientId}' was not found.`);
    }
    if (opts.requireCrossOriginRedemption && !req.headers.origin) return fail(400, 'invalid_request', 'spaCrossOrigin');

    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return fail(400, 'invalid_request', 'missingParam', "'code'.");
      const grant = codes.get(code);
      if (!grant) return fail(400, 'invalid_grant', 'badCode');
      if (grant.redeemed) return fail(400, 'invalid_grant', 'codeRedeemed');
      if (clock() - grant.issuedAt > CODE_LIFETIME_MS) return fail(400, 'invalid_grant', 'codeExpired');
      if (grant.clientId.toLowerCase() !== clientId.toLowerCase()) return fail(400, 'invalid_grant', 'badCode', 'The code was issued to another client.');
      const redirectUri = form.get('redirect_uri');
      if (redirectUri !== grant.redirectUri) {
        return fail(400, 'invalid_grant', 'redirectMismatch', `Expected '${grant.redirectUri}', got '${redirectUri ?? ''}'.`);
      }
      const verifier = form.get('code_verifier');
      if (!verifier) return fail(400, 'invalid_request', 'missingParam', "'code_verifier'.");
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || s256(verifier) !== grant.challenge) {
        // A failed PKCE check burns the code, as a stolen-code attempt should.
        grant.redeemed = true;
        return fail(400, 'invalid_grant', 'pkceMismatch');
      }
      grant.redeemed = true;
      return ok(issueTokens(grant));
    }

    if (grantType === 'refresh_token') {
      const rt = form.get('refresh_token');
      if (!rt) return fail(400, 'invalid_request', 'missingParam', "'refresh_token'.");
      const grant = refreshTokens.get(rt);
      if (!grant) return fail(400, 'invalid_grant', 'badRefreshToken', 'The refresh token is malformed or unknown.');
      if (grant.revoked) return fail(400, 'invalid_grant', 'refreshRevoked');
      if (clock() >= grant.expiresAt) return fail(400, 'invalid_grant', 'spaRefreshExpired');
      if (grant.clientId.toLowerCase() !== clientId.toLowerCase()) return fail(400, 'invalid_grant', 'badRefreshToken', 'The refresh token was issued to another client.');
      const scopeParam = form.get('scope');
      const scopes = scopeParam ? classifyScopes(scopeParam, tenant.consentedScopes) : grant.scopes;
      const missing = opts.failConsent ? [...scopes.graph, ...scopes.foreign] : unconsentedScopes(scopes, tenant.consentedScopes);
      if (missing.length > 0) return fail(400, 'invalid_grant', 'consentRequired', `Missing scopes: ${missing.join(' ')}.`);
      return ok(issueTokens({ ...grant, scopes }));
    }

    if (!grantType) return fail(400, 'invalid_request', 'missingParam', "'grant_type'.");
    return fail(400, 'unsupported_grant_type', 'unsupportedGrant', `Grant type '${grantType}'.`);
  };

  // ---------------------------------------------------------------- logout

  const logout = (req: IncomingMessage, res: ServerResponse, segment: string, params: URLSearchParams) => {
    const hadSessions = sessions.size;
    sessions.clear();
    const attributes = 'Path=/; Secure; HttpOnly; SameSite=None';
    res.setHeader('set-cookie', [`${SESSION_COOKIE}=; Max-Age=0; ${attributes}`, `${PERSISTENT_COOKIE}=; Max-Age=0; ${attributes}`]);
    const target = params.get('post_logout_redirect_uri');
    record({ endpoint: 'logout', method: req.method ?? 'GET', path: `/${segment}/oauth2/v2.0/logout`, tenantSegment: segment, params: Object.fromEntries(params), origin: req.headers.origin, status: target ? 302 : 200, outcome: `ok:${hadSessions}` });
    if (target && /^https:\/\//.test(target)) {
      res.writeHead(302, { location: target });
      res.end();
      return;
    }
    sendHtml(res, 200, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out</title></head><body><h1>You signed out of your account</h1></body></html>');
  };

  // ---------------------------------------------------------------- dispatch

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => {
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs));
    const method = (req.method ?? 'GET').toUpperCase();
    const parts = url.pathname.split('/').filter(Boolean);
    const segment = parts[0] ?? '';
    const rest = parts.slice(1).join('/').toLowerCase();
    const query = url.searchParams;
    const baseLog = { method, path: url.pathname, tenantSegment: segment, params: Object.fromEntries(query), origin: req.headers.origin };

    if (method === 'OPTIONS') {
      record({ ...baseLog, endpoint: 'preflight', status: 204, outcome: 'ok' });
      res.writeHead(204, { ...corsHeaders(req), 'content-length': '0' });
      res.end();
      return;
    }

    if (rest === 'discovery/instance' && method === 'GET') {
      record({ ...baseLog, endpoint: 'discovery', status: 200, outcome: 'ok' });
      return sendJson(res, 200, instanceDiscovery(url), corsHeaders(req));
    }
    if ((rest === 'v2.0/.well-known/openid-configuration' || rest === '.well-known/openid-configuration') && method === 'GET') {
      const ref = resolveTenant(segment);
      if (!ref) {
        const err = aadError('invalid_tenant', 'tenantNotFound', clock(), `Tenant '${segment}' not found.`);
        record({ ...baseLog, endpoint: 'openid-configuration', status: 400, outcome: `error:invalid_tenant:${err.error_codes[0]}` });
        return sendJson(res, 400, err, corsHeaders(req));
      }
      record({ ...baseLog, endpoint: 'openid-configuration', status: 200, outcome: 'ok' });
      const config = openidConfiguration(segment, ref);
      if (rest === '.well-known/openid-configuration') {
        // v1 metadata: issuer on sts.windows.net, endpoints without /v2.0.
        const t = ref.kind === 'tenant' ? ref.tid : segment;
        Object.assign(config, {
          issuer: ref.kind === 'tenant' ? `https://sts.windows.net/${ref.tid}/` : 'https://sts.windows.net/{tenantid}/',
          token_endpoint: `${AUTHORITY_ORIGIN}/${t}/oauth2/token`,
          authorization_endpoint: `${AUTHORITY_ORIGIN}/${t}/oauth2/authorize`,
          jwks_uri: `${AUTHORITY_ORIGIN}/common/discovery/keys`,
        });
      }
      return sendJson(res, 200, config, corsHeaders(req));
    }
    if ((rest === 'discovery/v2.0/keys' || rest === 'discovery/keys') && method === 'GET') {
      record({ ...baseLog, endpoint: 'keys', status: 200, outcome: 'ok' });
      // Sandbox tokens are HS256 with a per-run secret; there is no public key to publish.
      return sendJson(res, 200, { keys: [] }, corsHeaders(req));
    }
    if (rest === 'oauth2/v2.0/authorize' && (method === 'GET' || method === 'POST')) {
      const params = method === 'POST' ? new URLSearchParams(body.toString('utf8')) : query;
      return authorize(req, res, segment, params);
    }
    if (rest === 'oauth2/v2.0/token') {
      if (method !== 'POST') {
        record({ ...baseLog, endpoint: 'token', status: 405, outcome: 'error:method' });
        return sendJson(res, 405, aadError('invalid_request', 'missingParam', clock(), 'The token endpoint only accepts POST.'), corsHeaders(req));
      }
      return token(req, res, segment, new URLSearchParams(body.toString('utf8')));
    }
    if (rest === 'oauth2/v2.0/logout' || rest === 'oauth2/logout') {
      return logout(req, res, segment, method === 'POST' ? new URLSearchParams(body.toString('utf8')) : query);
    }
    record({ ...baseLog, endpoint: 'other', status: 404, outcome: 'not-found' });
    sendJson(res, 404, aadError('invalid_request', 'missingParam', clock(), `Unknown endpoint '${url.pathname}'.`), corsHeaders(req));
  };

  return {
    handle,
    get options() {
      return { ...opts };
    },
    set(patch) {
      Object.assign(opts, patch);
    },
    log: () => requestLog.map((e) => ({ ...e, params: { ...e.params } })),
    clearLog: () => {
      requestLog.length = 0;
    },
    reset: () => {
      requestLog.length = 0;
      interactiveCount = 0;
      silentCount = 0;
      sessions.clear();
      codes.clear();
      refreshTokens.clear();
      redirectUris.clear();
      accessTokens.length = 0;
    },
    interactiveSignIns: () => interactiveCount,
    silentSignIns: () => silentCount,
    redirectUris: () => [...redirectUris],
    sessions: () => [...sessions.values()].map((s) => ({ ...s })),
    revokeSessions: () => sessions.clear(),
    revokeRefreshTokens: () => {
      for (const rt of refreshTokens.values()) rt.revoked = true;
    },
    issuedAccessTokens: () => [...accessTokens],
  };
}

/** The extension id in a `https://<id>.chromiumapp.org/` redirect URI. */
export function extensionIdFromRedirect(redirectUri: string): string | undefined {
  const m = /^https:\/\/([a-z0-9-]+)\.chromiumapp\.org\//.exec(redirectUri);
  return m?.[1];
}

