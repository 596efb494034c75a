// /me and /users: reads with Graph's query rules, and PATCH of the few properties an admin tool writes.
import type { SandboxUser } from '../types';
import { ROLE } from '../types';
import { sandboxUser } from '../sandbox-user';
import { requireRole, requireScope } from './auth';
import { GraphError, badRequest, forbidden, notFound, unsupportedQuery } from './errors';
import { advancedConstruct, checkFilterable, checkInListSizes, checkValueLengths, evaluate, filterProps, parseFilter, type FilterOp } from './filters';
import type { Caller, GraphRequest, GraphResponse, Json, JsonObject } from './model';
import {
  GRAPH_ORIGIN,
  collection,
  countRequested,
  isEventual,
  option,
  pageSize,
  paginate,
  parseSelect,
  project,
  refuseSkip,
} from './query';
import { EMAIL_SHAPE } from './email';
import { propertyNames } from '../../contract/graph-contract';
import type { DirectoryStore } from './store';

const USER_TYPE = 'microsoft.graph.user';
const READ_ALL = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const READ_SELF = ['User.Read', 'User.ReadWrite', 'User.ReadBasic.All', ...READ_ALL];
const WRITE_ALL = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];

/** What Graph returns for a user when no $select is given (v1.0 default set). */
const DEFAULT_PROPS = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** The user's full Graph view; every key here is a property $select and $filter may name. */
export function userView(u: SandboxUser, initialDomain: string): JsonObject {
  return {
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    otherMails: [...u.otherMails],
    userType: u.userType,
    externalUserState: u.externalUserState,
    externalUserStateChangeDateTime: u.externalUserStateChangeDateTime,
    onPremisesUserPrincipalName: u.onPremisesUserPrincipalName,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled,
    accountEnabled: u.accountEnabled,
    creationType: u.creationType,
    jobTitle: u.jobTitle ?? null,
    department: u.department ?? null,
    identities: [{ signInType: 'userPrincipalName', issuer: initialDomain, issuerAssignedId: u.userPrincipalName }],
    businessPhones: [],
    givenName: null,
    surname: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    mailNickname: u.userPrincipalName.split('@')[0] ?? null,
    usageLocation: null,
  };
}

const KNOWN_PROPS = Object.keys(
  userView(sandboxUser({ id: '', displayName: '', userPrincipalName: '' }), ''),
);

const TEXT_OPS: readonly FilterOp[] = ['eq', 'ne', 'not', 'ge', 'le', 'in', 'startswith', 'eqNull'];
const ENUM_OPS: readonly FilterOp[] = ['eq', 'ne', 'not', 'in', 'eqNull'];
const BOOL_OPS: readonly FilterOp[] = ['eq', 'ne', 'not', 'eqNull'];
/**
 * Which user properties $filter accepts, and with which operators, from the "Supports $filter" notes of
 * https://learn.microsoft.com/en-us/graph/api/resources/user (ne/not/endswith still need advanced-query mode).
 * A property or operator not listed is refused with 400, not evaluated.
 */
export const USER_FILTERABLE: Readonly<Record<string, readonly FilterOp[]>> = {
  id: ['eq', 'ne', 'not', 'in'],
  displayName: TEXT_OPS,
  userPrincipalName: ['eq', 'ne', 'not', 'ge', 'le', 'in', 'startswith', 'endswith'],
  mail: [...TEXT_OPS, 'endswith'],
  otherMails: ['any'],
  identities: ['any'],
  userType: ENUM_OPS,
  externalUserState: ['eq', 'ne', 'not', 'in'],
  externalUserStateChangeDateTime: ['eq', 'ne', 'not', 'ge', 'le', 'in'],
  creationType: ['eq', 'ne', 'not', 'in'],
  accountEnabled: BOOL_OPS,
  onPremisesSyncEnabled: BOOL_OPS,
  jobTitle: TEXT_OPS,
  department: TEXT_OPS,
  givenName: TEXT_OPS,
  surname: TEXT_OPS,
  mailNickname: TEXT_OPS,
  mobilePhone: TEXT_OPS,
  officeLocation: TEXT_OPS,
  preferredLanguage: ['eq', 'ne', 'not', 'ge', 'le', 'in', 'eqNull'],
  usageLocation: ['eq', 'ne', 'not', 'ge', 'le', 'in', 'startswith'],
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function contextFor(select: string[] | undefined, entity: boolean): string {
  const sel = select ? `(${select.join(',')})` : '';
  return `${GRAPH_ORIGIN}/v1.0/$metadata#users${sel}${entity ? '/$entity' : ''}`;
}

function lookup(store: DirectoryStore, key: string): SandboxUser {
  // A key is either an object id (GUID) or a UPN; anything else is not a valid identifier.
  if (!GUID.test(key) && !key.includes('@')) {
    throw badRequest(`Invalid object identifier '${key}'.`, 'Request_BadRequest');
  }
  const u = store.findUser(key);
  if (!u) throw notFound(key);
  return u;
}

function entity(store: DirectoryStore, req: GraphRequest, u: SandboxUser): GraphResponse {
  const select = parseSelect(req, KNOWN_PROPS, USER_TYPE);
  const body: JsonObject = { '@odata.context': contextFor(select, true) };
  Object.assign(body, project(userView(u, store.initialDomain()), select, DEFAULT_PROPS));
  return { status: 200, headers: {}, body };
}

export function getMe(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  requireScope(caller, READ_SELF);
  const me = store.findUser(caller.oid);
  if (!me) throw notFound(caller.oid);
  return entity(store, req, me);
}

export function getUser(store: DirectoryStore, caller: Caller, req: GraphRequest, key: string): GraphResponse {
  const self = store.findUser(key)?.id === caller.oid;
  requireScope(caller, self ? READ_SELF : READ_ALL);
  return entity(store, req, lookup(store, key));
}

/** $search="displayName:jo" (clauses joined by AND/OR): word-prefix match, like the directory index. */
function searchPredicate(raw: string): (view: JsonObject) => boolean {
  const clauses: { prop: string; term: string; join: 'AND' | 'OR' }[] = [];
  const re = /\s*(?:(AND|OR)\s+)?"([^":]+):([^"]*)"\s*/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(raw)) !== null) {
    if (clauses.length > 0 && !m[1]) break;
    clauses.push({ join: (m[1] as 'AND' | 'OR' | undefined) ?? 'OR', prop: (m[2] as string).trim(), term: m[3] as string });
    consumed = re.lastIndex;
  }
  if (clauses.length === 0 || consumed !== raw.length) {
    throw badRequest(`Syntax error: invalid $search clause '${raw}'. Use "property:value".`, 'Request_BadRequest');
  }
  const searchable = ['displayName', 'givenName', 'surname', 'mail', 'userPrincipalName', 'jobTitle', 'department', 'mailNickname'];
  for (const c of clauses) {
    const hit = searchable.find((s) => s.toLowerCase() === c.prop.toLowerCase());
    if (!hit) throw badRequest(`Could not find a property named '${c.prop}' on type '${USER_TYPE}'.`);
    c.prop = hit;
  }
  const words = (s: string) => s.toLowerCase().split(/[\s.,_@\-()]+/).filter(Boolean);
  const matches = (view: JsonObject, c: { prop: string; term: string }) => {
    const v = view[c.prop];
    if (typeof v !== 'string') return false;
    const have = words(v);
    return words(c.term).every((t) => have.some((w) => w.startsWith(t)));
  };
  return (view) => {
    let acc = matches(view, clauses[0] as (typeof clauses)[number]);
    for (const c of clauses.slice(1)) acc = c.join === 'AND' ? acc && matches(view, c) : acc || matches(view, c);
    return acc;
  };
}

export function listUsers(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  requireScope(caller, READ_ALL);
  refuseSkip(req);
  const select = parseSelect(req, KNOWN_PROPS, USER_TYPE);
  const size = pageSize(req);
  const wantCount = countRequested(req);
  const advanced = isEventual(req) && wantCount;

  const getter = (view: JsonObject) => (p: string) => {
    const k = KNOWN_PROPS.find((x) => x.toLowerCase() === p.toLowerCase());
    return k === undefined ? undefined : (view[k] as Json);
  };

  const filterRaw = option(req, 'filter');
  const parsed = filterRaw !== null && filterRaw.trim() !== '' ? parseFilter(filterRaw) : undefined;
  // `id in (...)` names its users: look them up by index instead of viewing the whole directory (the filter is
  // still evaluated below, so the answer is the same; a 10,000-user tenant no longer costs 10,000 views a read).
  const named = parsed?.kind === 'in' && parsed.prop.toLowerCase() === 'id' ? parsed.values.filter((v): v is string => typeof v === 'string') : undefined;
  const wanted = named ? new Set(named.map((id) => store.findUser(id))) : undefined;
  const candidates = wanted ? store.users.filter((u) => wanted.has(u)) : store.users; // directory order kept
  let views = candidates.map((u) => userView(u, store.initialDomain()));

  if (filterRaw !== null && parsed !== undefined) {
    const tree = parsed;
    for (const p of filterProps(tree)) {
      if (!KNOWN_PROPS.some((k) => k.toLowerCase() === p.toLowerCase())) {
        throw badRequest(`Could not find a property named '${p}' on type '${USER_TYPE}'.`);
      }
    }
    const adv = advancedConstruct(tree);
    if (adv && !advanced) {
      throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${adv.prop}' of resource 'User'.`);
    }
    checkFilterable(tree, USER_FILTERABLE, 'User');
    checkInListSizes(tree);
    checkValueLengths(tree);
    views = views.filter((v) => evaluate(tree, getter(v)));
  }

  const searchRaw = option(req, 'search');
  if (searchRaw !== null) {
    if (!isEventual(req)) {
      throw unsupportedQuery(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      );
    }
    const pred = searchPredicate(searchRaw.trim());
    views = views.filter(pred);
  }

  const orderRaw = option(req, 'orderby');
  if (orderRaw !== null) {
    const m = /^\s*(displayName|userPrincipalName)(?:\s+(asc|desc))?\s*$/i.exec(orderRaw);
    if (!m) throw unsupportedQuery(`Sorting by '${orderRaw}' is not supported.`);
    // Sorting a filtered or searched set is an advanced query.
    if ((filterRaw !== null || searchRaw !== null) && !advanced) throw unsupportedQuery('Sorting not supported for current query.');
    const key = (m[1] as string).toLowerCase() === 'displayname' ? 'displayName' : 'userPrincipalName';
    const dir = (m[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
    views = [...views].sort((a, b) => dir * String(a[key]).localeCompare(String(b[key])));
  }

  const { page, nextLink } = paginate(req, views, size);
  const value = page.map((v) => project(v, select, DEFAULT_PROPS));
  return {
    status: 200,
    headers: {},
    body: collection(contextFor(select, false), value, { count: wantCount ? views.length : undefined, nextLink }),
  };
}

const WRITABLE = ['otherMails', 'userType', 'displayName', 'jobTitle', 'department', 'accountEnabled', 'mail'] as const;
/** Attributes an on-premises sync owns: the cloud copy cannot be edited. */
const SYNC_MASTERED = new Set(['otherMails', 'displayName', 'jobTitle', 'department', 'mail', 'accountEnabled']);
/** Only a Global Administrator may edit users holding these roles. */
const PROTECTED_ROLES = [ROLE.globalAdministrator, ROLE.privilegedRoleAdministrator, ROLE.securityAdministrator];
/** Every property microsoft.graph.user has in the v1.0 CSDL: a PATCH naming anything else is refused. */
const CSDL_USER_PROPS = new Set(propertyNames('microsoft.graph.user'));
/**
 * "Who can update sensitive attributes" (https://learn.microsoft.com/en-us/graph/api/user-update#permissions):
 * `mail` and `otherMails` of a user holding an admin role may be changed only by the most privileged roles; roles
 * that do not make their holder an administrator (below) leave the user editable by User/Helpdesk Administrators.
 */
export const SENSITIVE_ATTRIBUTES = new Set(['mail', 'otherMails']);
export const UNPRIVILEGED_ROLES: readonly string[] = [ROLE.directoryReaders, ROLE.guestInviter, ROLE.messageCenterReader, ROLE.reportsReader];
const SENSITIVE_EDITORS_OF_ADMINS: readonly string[] = [ROLE.globalAdministrator, ROLE.privilegedAuthenticationAdministrator];
/** otherMails limits (https://learn.microsoft.com/en-us/graph/api/resources/user, otherMails): 250 × 250, no accents. */
export const OTHER_MAILS_MAX_VALUES = 250;
export const OTHER_MAILS_MAX_LENGTH = 250;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

const invalidValue = (p: string) => badRequest(`Invalid value specified for property '${p}' of resource 'User'.`, 'Request_BadRequest');

/** Holds a directory role that makes the user an administrator (anything but the few reader-like roles). */
function holdsAdminRole(store: DirectoryStore, userId: string): boolean {
  return store.rolesOf(userId).some((r) => !UNPRIVILEGED_ROLES.includes(r.roleDefinitionId));
}

export function patchUser(store: DirectoryStore, caller: Caller, req: GraphRequest, key: string): GraphResponse {
  requireScope(caller, WRITE_ALL);
  requireRole(caller, store, [ROLE.globalAdministrator, ROLE.userAdministrator]);
  const u = lookup(store, key);
  if (store.hasAnyRole(u.id, PROTECTED_ROLES) && !store.isGlobalAdmin(caller.oid)) throw forbidden();
  if (req.invalidJson) throw badRequest('Invalid JSON. The request body could not be parsed.');
  const body = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Empty Payload. JSON content expected.');
  }
  // Validate everything first so a bad request changes nothing.
  const changes: Partial<SandboxUser> = {};
  for (const [p, v] of Object.entries(body)) {
    if (p.startsWith('@odata.')) continue;
    const prop = WRITABLE.find((w) => w === p);
    if (!prop) {
      if (!CSDL_USER_PROPS.has(p)) throw badRequest(`Property '${p}' does not exist on type '${USER_TYPE}'.`);
      throw badRequest(`Property '${p}' is read-only and cannot be set.`, 'Request_BadRequest');
    }
    if (SENSITIVE_ATTRIBUTES.has(prop) && holdsAdminRole(store, u.id) && !store.hasAnyRole(caller.oid, SENSITIVE_EDITORS_OF_ADMINS)) {
      throw forbidden();
    }
    if (u.onPremisesSyncEnabled && SYNC_MASTERED.has(prop)) {
      throw badRequest(
        'Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.',
        'Request_BadRequest',
      );
    }
    switch (prop) {
      case 'otherMails':
        if (
          !Array.isArray(v) ||
          v.length > OTHER_MAILS_MAX_VALUES ||
          !v.every((x) => typeof x === 'string' && x.length <= OTHER_MAILS_MAX_LENGTH && PRINTABLE_ASCII.test(x) && EMAIL_SHAPE.test(x))
        ) {
          throw invalidValue(p);
        }
        changes.otherMails = v as string[];
        break;
      case 'userType':
        if (v !== 'Member' && v !== 'Guest') throw invalidValue(p);
        changes.userType = v;
        break;
      case 'displayName':
        if (typeof v !== 'string' || v.trim() === '' || v.length > 256) throw invalidValue(p);
        changes.displayName = v;
        break;
      case 'jobTitle':
      case 'department':
        if (v !== null && typeof v !== 'string') throw invalidValue(p);
        changes[prop] = v;
        break;
      case 'accountEnabled':
        if (typeof v !== 'boolean') throw invalidValue(p);
        changes.accountEnabled = v;
        break;
      case 'mail':
        if (typeof v !== 'string' || v.length > OTHER_MAILS_MAX_LENGTH || !PRINTABLE_ASCII.test(v) || !EMAIL_SHAPE.test(v)) throw invalidValue(p);
        // A mailbox owns `mail`: it can only be set from outside Exchange while the user has none.
        if (u.mail) {
          throw new GraphError(
            400,
            'Request_BadRequest',
            'Unable to update the specified properties for objects that have originated within an external service.',
          );
        }
        changes.mail = v;
        break;
    }
  }
  Object.assign(u, changes);
  return { status: 204, headers: {} };
}
