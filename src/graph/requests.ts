// Pure builders for the Graph requests the product makes and mappers for their responses. No I/O here:
// the client (client.ts) sends what these build, and tests can assert the exact wire shapes.
import { USER_SELECT_FIELDS, toGraphUser, type GraphUser } from '../users';
import { t } from '../i18n';
import { graphErrorFromResponse, type GraphError } from './errors';
import { parseRetryAfter } from './retry';
import { headerValue, type HttpMethod } from './transport';

/** Graph's default cap on values in an OData `in (...)` filter. */
export const MAX_IN_VALUES = 15;
/** Graph's cap on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;
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

export function userPath(id: string): string {
  return graphPath(`/users/${encodeURIComponent(id)}`, [['$select', USER_SELECT]]);
}

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

/** Direct role assignments of one principal (`principalId eq` is the filter Graph documents for this). */
export function roleAssignmentsForPrincipalPath(principalId: string): string {
  return graphPath('/roleManagement/directory/roleAssignments', [
    ['$filter', `principalId eq ${odataString(principalId)}`],
    ['$select', ROLE_ASSIGNMENT_SELECT],
  ]);
}

/** All assignments of one role definition (built-in roles: definition id = template id). */
export function roleAssignmentsForRolePath(roleDefinitionId: string): string {
  return graphPath('/roleManagement/directory/roleAssignments', [
    ['$filter', `roleDefinitionId eq ${odataString(roleDefinitionId)}`],
    ['$select', ROLE_ASSIGNMENT_SELECT],
  ]);
}

/** Where directory role assignments are read: active (direct) ones, or PIM eligible ones. */
export type RoleAssignmentSource = 'roleAssignments' | 'roleEligibilitySchedules';

/** Every assignment of up to 15 roles in one read: `roleDefinitionId in (...)` (built-in roles: id = template id). */
export function roleAssignmentsOfRolesPath(roleDefinitionIds: readonly string[], source: RoleAssignmentSource = 'roleAssignments'): string {
  return graphPath(`/roleManagement/directory/${source}`, [
    ['$filter', inFilter('roleDefinitionId', roleDefinitionIds)],
    ['$select', ROLE_ASSIGNMENT_SELECT],
  ]);
}

/** Verified domains via /organization: User.Read suffices, whereas /domains needs Domain.Read.All. */
export function organizationDomainsPath(): string {
  return graphPath('/organization', [['$select', 'id,verifiedDomains']]);
}

// ---- Invitations ------------------------------------------------------------------------------------------

export interface InvitationOptions {
  /** The internal user's object id: ALWAYS sent, or Graph would try to create a new guest. */
  userId: string;
  email: string;
  redirectUrl: string;
  sendInvitationMessage?: boolean;
  message?: {
    /** e.g. en-US; Graph's default is en-US. */
    language?: string;
    /** At most one, per Graph. */
    ccRecipients?: readonly string[];
    /** Plain text. */
    customizedMessageBody?: string;
  };
  /** Re-invite an already converted user (needs User.ReadWrite.All). */
  resetRedemption?: boolean;
  /**
   * Object ids of the users (or groups) who sponsor the invited user: at most five. Without any, Entra makes the
   * inviter the sponsor (https://learn.microsoft.com/entra/external-id/b2b-sponsors).
   */
  sponsors?: readonly string[];
}

/** Learn: "You can assign a maximum of five sponsors to a single guest user" (b2b-sponsors). */
export const MAX_SPONSORS = 5;

export interface InvitationBody {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  sendInvitationMessage: boolean;
  invitedUserMessageInfo?: {
    messageLanguage?: string;
    ccRecipients?: Array<{ emailAddress: { address: string } }>;
    customizedMessageBody?: string;
  };
  invitedUser: { id: string };
  resetRedemption?: boolean;
  /** v1.0 `invitedUserSponsors`: directoryObject references by id. */
  invitedUserSponsors?: Array<{ id: string }>;
}

export function buildInvitationBody(o: InvitationOptions): InvitationBody {
  if (o.userId.trim() === '') throw new RangeError('invitation needs the internal user id (invitedUser.id)');
  if (o.email.trim() === '') throw new RangeError('invitation needs an email address');
  if (o.redirectUrl.trim() === '') throw new RangeError('invitation needs a redirect URL');
  const body: InvitationBody = {
    invitedUserEmailAddress: o.email.trim(),
    inviteRedirectUrl: o.redirectUrl,
    sendInvitationMessage: o.sendInvitationMessage ?? false,
    invitedUser: { id: o.userId },
  };
  const m = o.message;
  if (m !== undefined) {
    const cc = (m.ccRecipients ?? []).map((a) => a.trim()).filter((a) => a !== '');
    if (cc.length > 1) throw new RangeError('Microsoft Graph accepts at most one CC recipient per invitation');
    const info: NonNullable<InvitationBody['invitedUserMessageInfo']> = {};
    if (m.language !== undefined && m.language.trim() !== '') info.messageLanguage = m.language.trim();
    if (cc.length === 1) info.ccRecipients = cc.map((address) => ({ emailAddress: { address } }));
    if (m.customizedMessageBody !== undefined && m.customizedMessageBody.trim() !== '') info.customizedMessageBody = m.customizedMessageBody;
    if (Object.keys(info).length > 0) body.invitedUserMessageInfo = info;
  }
  if (o.resetRedemption === true) body.resetRedemption = true;
  const sponsors = [...new Set((o.sponsors ?? []).map((id) => id.trim()).filter((id) => id !== ''))];
  if (sponsors.length > MAX_SPONSORS) throw new RangeError(`an invitation takes at most ${MAX_SPONSORS} sponsors, got ${sponsors.length}`);
  if (sponsors.length > 0) body.invitedUserSponsors = sponsors.map((id) => ({ id }));
  return body;
}

export interface Invitation {
  id: string;
  inviteRedeemUrl: string | null;
  invitedUserEmailAddress: string | null;
  invitedUserType: string | null;
  status: string | null;
  invitedUser: { id: string; userPrincipalName: string | null } | null;
}

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function toInvitation(raw: unknown): Invitation | undefined {
  if (!isRecord(raw) || typeof raw.id !== 'string') return undefined;
  const iu = isRecord(raw.invitedUser) && typeof raw.invitedUser.id === 'string' ? raw.invitedUser : undefined;
  return {
    id: raw.id,
    inviteRedeemUrl: str(raw.inviteRedeemUrl),
    invitedUserEmailAddress: str(raw.invitedUserEmailAddress),
    invitedUserType: str(raw.invitedUserType),
    status: str(raw.status),
    invitedUser: iu === undefined ? null : { id: iu.id as string, userPrincipalName: str(iu.userPrincipalName) },
  };
}

// ---- User updates -----------------------------------------------------------------------------------------

/** otherMails limits (https://learn.microsoft.com/en-us/graph/api/resources/user): 250 values of 250 characters. */
export const OTHER_MAILS_MAX_VALUES = 250;
export const OTHER_MAILS_MAX_LENGTH = 250;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** Why Graph would refuse this address in mail or otherMails (no accented characters, 250 characters), if it would. */
export function emailWriteProblem(address: string): string | undefined {
  const a = address.trim();
  if (!PRINTABLE_ASCII.test(a)) return t('email_write_nonAscii', { address: a });
  if (a.length > OTHER_MAILS_MAX_LENGTH) return t('email_write_tooLong', { address: `${a.slice(0, 40)}…`, max: OTHER_MAILS_MAX_LENGTH });
  return undefined;
}

/** Why adding the address to otherMails would be refused or is pointless (already there), if it would. */
export function otherMailsWriteProblem(current: readonly string[], add: string): string | undefined {
  const address = add.trim();
  if (current.some((m) => m.trim().toLowerCase() === address.toLowerCase())) return t('email_write_alreadyInOtherMails', { address });
  if (current.length >= OTHER_MAILS_MAX_VALUES) return t('email_write_otherMailsFull', { count: current.length });
  return emailWriteProblem(address);
}

/**
 * PATCH body adding an address to otherMails. Graph replaces the whole collection, so the current list is
 * sent along; undefined when the address is already there (case-insensitive), meaning: no write needed. An address
 * Graph would refuse (non-ASCII, too long, list full) throws before anything is sent.
 */
export function buildOtherMailsPatch(current: readonly string[], add: string): { otherMails: string[] } | undefined {
  const address = add.trim();
  if (address === '') throw new RangeError('no address to add to otherMails');
  if (current.some((m) => m.trim().toLowerCase() === address.toLowerCase())) return undefined;
  const problem = otherMailsWriteProblem(current, address);
  if (problem !== undefined) throw new RangeError(problem);
  return { otherMails: [...current, address] };
}

/** PATCH body setting mail (the documented place for the conversion address); refuses what Graph would refuse. */
export function buildMailPatch(address: string): { mail: string } {
  const a = address.trim();
  if (a === '') throw new RangeError('no address to set as mail');
  const problem = emailWriteProblem(a);
  if (problem !== undefined) throw new RangeError(problem);
  return { mail: a };
}

/** PATCH body setting userType Guest (MAU billing); the invitation itself leaves userType unchanged. */
export function buildUserTypeGuestPatch(): { userType: 'Guest' } {
  return { userType: 'Guest' };
}

// ---- Paged collections ------------------------------------------------------------------------------------

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

// ---- JSON batching ----------------------------------------------------------------------------------------

export interface BatchItem {
  /** Unique within its batch. */
  id: string;
  method: HttpMethod;
  /** Relative to the version root, e.g. `/users/abc`. Absolute Graph URLs are made relative. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchRequestJson {
  requests: BatchItem[];
}

/** `https://graph.microsoft.com/v1.0/users?x` → `/users?x` (batch items take version-relative URLs). */
export function toBatchRelativeUrl(url: string): string {
  const m = /^https:\/\/[^/]+\/(?:v1\.0|beta)(\/.*)?$/i.exec(url);
  if (m !== null) return m[1] ?? '/';
  return url.startsWith('/') ? url : `/${url}`;
}

/** The `$batch` body for up to 20 items with unique ids; a body gets a Content-Type (Graph requires it). */
export function buildBatchBody(items: readonly BatchItem[]): BatchRequestJson {
  if (items.length === 0 || items.length > MAX_BATCH_REQUESTS) {
    throw new RangeError(`a batch takes 1..${MAX_BATCH_REQUESTS} requests, got ${items.length}`);
  }
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) throw new RangeError(`duplicate batch request id ${it.id}`);
    ids.add(it.id);
  }
  return {
    requests: items.map((it) => {
      const r: BatchRequestJson['requests'][number] = { id: it.id, method: it.method, url: toBatchRelativeUrl(it.url) };
      const headers = { ...(it.headers ?? {}) };
      if (it.body !== undefined && headerValue(headers, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
      if (Object.keys(headers).length > 0) r.headers = headers;
      if (it.body !== undefined) r.body = it.body;
      if (it.dependsOn !== undefined && it.dependsOn.length > 0) r.dependsOn = [...it.dependsOn];
      return r;
    }),
  };
}

export interface BatchItemResult {
  id: string;
  /** The item's HTTP status; 0 when the batch response did not contain it. */
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set for any status outside 2xx. */
  error?: GraphError;
  /** From the item's own Retry-After (each item is throttled on its own). */
  retryAfterMs?: number;
}

function stringHeaders(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * Map a `$batch` response (items in any order) back to the sent items, in the sent order. An item missing
 * from the response gets status 0 so it is treated like a request that got no answer.
 */
export function mapBatchResponse(sent: readonly BatchItem[], raw: unknown, nowMs: number): BatchItemResult[] {
  const byId = new Map<string, Record<string, unknown>>();
  const responses = isRecord(raw) && Array.isArray(raw.responses) ? raw.responses : [];
  for (const r of responses) if (isRecord(r) && (typeof r.id === 'string' || typeof r.id === 'number')) byId.set(String(r.id), r);
  return sent.map((item) => {
    const r = byId.get(item.id);
    if (r === undefined || typeof r.status !== 'number') {
      return {
        id: item.id,
        status: 0,
        headers: {},
        body: undefined,
        error: { status: 0, code: 'MissingBatchResponse', message: 'The batch response did not include this request.' },
      };
    }
    const headers = stringHeaders(r.headers);
    const result: BatchItemResult = { id: item.id, status: r.status, headers, body: r.body };
    const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), nowMs);
    if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    if (r.status < 200 || r.status >= 300) result.error = graphErrorFromResponse(r.status, headers, r.body, nowMs);
    return result;
  });
}
