// Bearer-token checks in the order Graph applies them: present, well-formed and signed, for Graph, for this
// tenant, in its lifetime. Authorization (scopes, directory roles) is a separate step per route.
import type { TokenSigner } from '../tokens';
import { forbidden, unauthorized } from './errors';
import type { Caller } from './model';
import type { DirectoryStore } from './store';

const GRAPH_AUDIENCES = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

export function authenticate(
  authorization: string | undefined,
  deps: { signer: TokenSigner; tenantId: string; nowMs: number; expireTokensBefore?: number },
): Caller {
  if (!authorization) throw unauthorized('Access token is empty.');
  const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!m?.[1]) throw unauthorized('Access token is empty.');
  const claims = deps.signer.verify(m[1]);
  if (!claims) throw unauthorized('Access token validation failure. Invalid signature.');
  if (!GRAPH_AUDIENCES.has(String(claims.aud))) throw unauthorized('Access token validation failure. Invalid audience.');
  const issuers = [`https://login.microsoftonline.com/${deps.tenantId}/v2.0`, `https://sts.windows.net/${deps.tenantId}/`];
  if (claims.tid !== deps.tenantId || !issuers.includes(claims.iss)) {
    throw unauthorized('Access token validation failure. Invalid issuer.');
  }
  const nowSec = deps.nowMs / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= nowSec) {
    throw unauthorized('Lifetime validation failed, the token is expired.');
  }
  if (typeof claims.nbf === 'number' && claims.nbf > nowSec + 300) {
    throw unauthorized('Lifetime validation failed, the token is not yet valid.');
  }
  // Lets a test revoke every token issued so far without touching the login emulator.
  if (deps.expireTokensBefore !== undefined && claims.iat * 1000 < deps.expireTokensBefore) {
    throw unauthorized('Lifetime validation failed, the token is expired.');
  }
  if (typeof claims.oid !== 'string' || !claims.oid) throw unauthorized('Access token validation failure.');
  const scopes = new Set((claims.scp ?? '').split(' ').filter(Boolean));
  return { claims, oid: claims.oid, scopes };
}

/** Delegated permission: at least one of `anyOf` must be in the token (Graph accepts any higher one too). */
export function requireScope(caller: Caller, anyOf: readonly string[]): void {
  if (!anyOf.some((s) => caller.scopes.has(s))) throw forbidden();
}

/** Delegated calls also need the signed-in user to hold a directory role that allows the operation. */
export function requireRole(caller: Caller, store: DirectoryStore, anyOf: readonly string[]): void {
  if (!store.hasAnyRole(caller.oid, anyOf)) throw forbidden();
}
