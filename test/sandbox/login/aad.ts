// Small helpers that shape answers the way Entra ID (AAD) does: AADSTS error bodies, redirects with errors,
// ids and timestamps.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export const AUTHORITY_ORIGIN = 'https://login.microsoftonline.com';

/** Well-known AADSTS codes the emulator answers with, and their (abridged) real texts. */
export const AADSTS = {
  loginRequired: [50058, 'A silent sign-in request was sent but no user is signed in. The cookies used to represent the user\'s session were not sent in the request to Azure AD.'],
  consentRequired: [65001, 'The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.'],
  userDeclined: [65004, 'User declined to consent to access the app.'],
  codeRedeemed: [54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'],
  badCode: [70000, 'The provided value for the \'code\' parameter is not valid.'],
  codeExpired: [70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'],
  pkceMismatch: [501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'],
  pkceRequired: [9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'],
  spaCrossOrigin: [9002327, 'Tokens issued for the \'Single-Page Application\' client-type may only be redeemed via cross-origin requests.'],
  missingParam: [900144, 'The request body must contain the following parameter'],
  unknownClient: [700016, 'Application was not found in the directory. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.'],
  redirectMismatch: [50011, 'The redirect URI specified in the request does not match the redirect URIs configured for the application.'],
  tenantNotFound: [90002, 'Tenant not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.'],
  unsupportedResponseType: [700054, 'response_type is not enabled for the application.'],
  unsupportedGrant: [70003, 'The app requested an unsupported grant type.'],
  refreshRevoked: [50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed.'],
  spaRefreshExpired: [700084, 'The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.'],
  badRefreshToken: [9002313, 'Invalid request. Request is malformed or invalid.'],
} as const satisfies Record<string, readonly [number, string]>;

export type AadstsKey = keyof typeof AADSTS;

export interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** `2026-11-27 17:52:03Z`, AAD's timestamp format. */
export function aadTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

export function aadError(error: string, key: AadstsKey, nowMs: number, detail?: string, correlationId?: string): AadErrorBody {
  const [code, text] = AADSTS[key];
  const trace = randomUUID();
  const correlation = correlationId ?? randomUUID();
  const stamp = aadTimestamp(nowMs);
  return {
    error,
    error_description: `AADSTS${code}: ${text}${detail ? ` ${detail}` : ''} Trace ID: ${trace} Correlation ID: ${correlation} Timestamp: ${stamp}`,
    error_codes: [code],
    timestamp: stamp,
    trace_id: trace,
    correlation_id: correlation,
    error_uri: `${AUTHORITY_ORIGIN}/error?code=${code}`,
  };
}

export function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function randomToken(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** S256 PKCE transform: base64url(sha256(ascii(verifier))). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** A GUID derived from text (stable across runs): used for pairwise `sub` and the foreign-tenant user. */
export function stableGuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store, no-cache',
    pragma: 'no-cache',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(html)),
    ...headers,
  });
  res.end(html);
}

/** Appends parameters to a redirect URI in the fragment (default) or the query, as response_mode asks. */
export function redirectWith(redirectUri: string, params: Record<string, string>, mode: 'fragment' | 'query'): string {
  const encoded = new URLSearchParams(params).toString();
  if (mode === 'query') {
    const u = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }
  const base = redirectUri.split('#')[0] ?? redirectUri;
  return `${base}#${encoded}`;
}
