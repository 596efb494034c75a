// The reads the product makes, as pure builders of Graph paths and filters, and the mappers of what they return.
// No I/O here: the client (client.ts) sends what these build, and tests can assert the exact wire shapes.
import { USER_SELECT_FIELDS, toGraphUser, type GraphUser } from '../users';
import { isRecord } from './http';

/** Graph's default cap on values in an OData `in (...)` filter. */
export const MAX_IN_VALUES = 15;
/** Graph's cap on `$top` for users. */
export const MAX_USERS_PAGE_SIZE = 999;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Quote a value as an OData string literal: single quotes are doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `id in ('a','b')` for up to MAX_IN_VALUES values. */
export function inFilter(field: string, values: readonly string[]): string {
  if (values.length === 0 || values.length > MAX_IN_VALUES) {
    throw new RangeError(`an 'in' filter takes 1..${MAX_IN_VALUES} values, got ${values.length}`);
  }
  return `${field} in (${values.map(odataString).join(',')})`;
}

/** `startswith` over display name, UPN and mail: what the user picker's search box means. */
export function searchUsersFilter(term: string): string {
  const t = odataString(term.trim());
  return `startswith(displayName,${t}) or startswith(userPrincipalName,${t}) or startswith(mail,${t})`;
}

/** Encode a query value; commas stay literal so `$select` lists remain readable in logs. */
function encodeQueryValue(v: string): string {
  return encodeURIComponent(v).replace(/%2C/gi, ',');
}

/** Relative Graph path + query (no version) from ordered parameters; undefined values are skipped. */
export function graphPath(path: string, params: ReadonlyArray<readonly [string, string | undefined]> = []): string {
  const q = params
    .filter((p): p is readonly [string, string] => p[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeQueryValue(v)}`)
    .join('&');
  return q === '' ? path : `${path}?${q}`;
}

export const USER_SELECT = USER_SELECT_FIELDS.join(',');

export function mePath(): string {
  return graphPath('/me', [['$select', USER_SELECT]]);
}

export interface ListUsersQuery {
  /** A raw OData filter (caller's responsibility to escape literals; see odataString). */
  filter?: string;
  /** Free text matched with startswith on display name, UPN and mail. */
  search?: string;
  /** 1..999; Graph's default is 100. */
  pageSize?: number;
}

export function listUsersPath(q: ListUsersQuery = {}): string {
  const parts: string[] = [];
  if (q.filter !== undefined && q.filter.trim() !== '') parts.push(q.filter.trim());
  if (q.search !== undefined && q.search.trim() !== '') parts.push(searchUsersFilter(q.search));
  const filter = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' and ');
  const top = q.pageSize === undefined ? undefined : String(Math.min(MAX_USERS_PAGE_SIZE, Math.max(1, Math.floor(q.pageSize))));
  return graphPath('/users', [
    ['$select', USER_SELECT],
    ['$filter', filter],
    ['$top', top],
  ]);
}

/** One `GET /users?$filter=id in (...)` path per chunk of 15 distinct ids. */
export function usersByIdsPaths(ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  return chunk(distinct, MAX_IN_VALUES).map((c) =>
    graphPath('/users', [
      ['$filter', inFilter('id', c)],
      ['$select', USER_SELECT],
      ['$top', String(MAX_IN_VALUES)],
    ]),
  );
}

export const ROLE_ASSIGNMENT_SELECT = 'id,principalId,roleDefinitionId,directoryScopeId';

/** Where directory role assignments are read: active (direct) ones, or PIM eligible ones. */
export type RoleAssignmentSource = 'roleAssignments' | 'roleEligibilitySchedules';

/** Every assignment of up to 15 roles in one read: `roleDefinitionId in (...)` (built-in roles: id = template id). */
export function roleAssignmentsOfRolesPath(roleDefinitionIds: readonly string[], source: RoleAssignmentSource = 'roleAssignments'): string {
  return graphPath(`/roleManagement/directory/${source}`, [
    ['$filter', inFilter('roleDefinitionId', roleDefinitionIds)],
    ['$select', ROLE_ASSIGNMENT_SELECT],
  ]);
}

// ---- What the reads return --------------------------------------------------------------------------------

export interface Page<T> {
  value: T[];
  nextLink?: string;
}

export function toPage<T>(raw: unknown, map: (item: unknown) => T | undefined): Page<T> {
  if (!isRecord(raw)) return { value: [] };
  const value = Array.isArray(raw.value) ? raw.value.map(map).filter((x): x is T => x !== undefined) : [];
  const next = raw['@odata.nextLink'];
  return typeof next === 'string' && next !== '' ? { value, nextLink: next } : { value };
}

export function toUserPage(raw: unknown): Page<GraphUser> {
  return toPage(raw, toGraphUser);
}

export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

export function toRoleAssignment(raw: unknown): RoleAssignment | undefined {
  if (!isRecord(raw) || typeof raw.principalId !== 'string' || typeof raw.roleDefinitionId !== 'string') return undefined;
  return {
    id: typeof raw.id === 'string' ? raw.id : '',
    principalId: raw.principalId,
    roleDefinitionId: raw.roleDefinitionId,
    directoryScopeId: typeof raw.directoryScopeId === 'string' ? raw.directoryScopeId : '/',
  };
}

/** Verified domain names from `GET /organization?$select=verifiedDomains` (lower-cased, de-duplicated). */
export function toVerifiedDomains(raw: unknown): string[] {
  const orgs = isRecord(raw) && Array.isArray(raw.value) ? raw.value : [];
  const names = new Set<string>();
  for (const org of orgs) {
    if (!isRecord(org) || !Array.isArray(org.verifiedDomains)) continue;
    for (const d of org.verifiedDomains) if (isRecord(d) && typeof d.name === 'string') names.add(d.name.toLowerCase());
  }
  return [...names];
}
