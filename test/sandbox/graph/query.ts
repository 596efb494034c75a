// Query options shared by directory collections: $select projection, $top, opaque $skiptoken paging with an
// absolute @odata.nextLink, and the advanced-query (ConsistencyLevel: eventual) gate.
import { GraphError, badRequest } from './errors';
import type { GraphRequest, Json, JsonObject } from './model';

export const GRAPH_ORIGIN = 'https://graph.microsoft.com';

export function isEventual(req: GraphRequest): boolean {
  return (req.headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

/** Reads an OData system query option; Graph also accepts them without the `$`. */
export function option(req: GraphRequest, name: string): string | null {
  return req.query.get(`$${name}`) ?? req.query.get(name);
}

/** Resolves $select names case-insensitively against the entity's properties; undefined = no $select. */
export function parseSelect(req: GraphRequest, known: readonly string[], typeName: string): string[] | undefined {
  const raw = option(req, 'select');
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => {
    const name = s.trim();
    const hit = known.find((k) => k.toLowerCase() === name.toLowerCase());
    if (!hit) throw badRequest(`Could not find a property named '${name}' on type '${typeName}'.`);
    return hit;
  });
}

export function project(full: JsonObject, select: string[] | undefined, defaults: readonly string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of select ?? defaults) out[k] = full[k] ?? null;
  return out;
}

export function pageSize(req: GraphRequest, def = 100, max = 999): number {
  const raw = option(req, 'top');
  if (raw === null) return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badRequest(`Invalid page size specified: '${raw}'. Must be between 1 and ${max} inclusive.`, 'Request_BadRequest');
  }
  return n;
}

// The token only has to look opaque to clients; it carries the offset of the next page.
const TOKEN_PREFIX = 'RFNwdAIAAQAAAB';

function encodeToken(offset: number): string {
  return TOKEN_PREFIX + Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string): number {
  const expired = () =>
    new GraphError(
      400,
      'Directory_ExpiredPageToken',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  if (!token.startsWith(TOKEN_PREFIX)) throw expired();
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url').toString('utf8'));
    const o = (parsed as { o?: unknown }).o;
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // fall through to the expired-token answer, as Graph does for any token it cannot use
  }
  throw expired();
}

/** Slices one page and builds the nextLink from the request's own options (keeping `$` literal like Graph). */
export function paginate<T>(req: GraphRequest, items: T[], size: number): { page: T[]; nextLink?: string } {
  const tokenRaw = option(req, 'skiptoken');
  const start = tokenRaw === null ? 0 : decodeToken(tokenRaw);
  const page = items.slice(start, start + size);
  if (start + size >= items.length) return { page };
  const parts: string[] = [];
  for (const [k, v] of req.query) {
    if (k === '$skiptoken' || k === 'skiptoken') continue;
    parts.push(`${k.replace(/[^$A-Za-z0-9_]/g, encodeURIComponent)}=${encodeURIComponent(v)}`);
  }
  parts.push(`$skiptoken=${encodeToken(start + size)}`);
  return { page, nextLink: `${GRAPH_ORIGIN}${req.path}?${parts.join('&')}` };
}

/** $skip is not supported on directory collections. */
export function refuseSkip(req: GraphRequest): void {
  if (option(req, 'skip') !== null) throw badRequest("'$skip' is not supported by the service.", 'Request_BadRequest');
}

/**
 * $count=true counts only in advanced-query mode; without `ConsistencyLevel: eventual` Graph ignores it rather than
 * refusing (https://learn.microsoft.com/en-us/graph/aad-advanced-queries). Returns whether a count is returned.
 */
export function countRequested(req: GraphRequest): boolean {
  const raw = option(req, 'count');
  if (raw === null) return false;
  if (raw.toLowerCase() !== 'true' && raw.toLowerCase() !== 'false') {
    throw badRequest(`Invalid value '${raw}' for $count.`, 'Request_BadRequest');
  }
  if (raw.toLowerCase() === 'false') return false;
  return isEventual(req);
}

export function collection(context: string, value: Json[], extra: { count?: number; nextLink?: string }): JsonObject {
  const body: JsonObject = { '@odata.context': context };
  if (extra.count !== undefined) body['@odata.count'] = extra.count;
  body.value = value;
  if (extra.nextLink) body['@odata.nextLink'] = extra.nextLink;
  return body;
}
