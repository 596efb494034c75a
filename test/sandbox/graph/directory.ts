// Tenant-level reads: /organization (verifiedDomains), /domains, and directory role assignments.
import { propertyNames } from '../../contract/graph-contract';
import type { SandboxRoleAssignment } from '../types';
import { ROLE } from '../types';
import { requireRole, requireScope } from './auth';
import { badRequest, notFound } from './errors';
import { checkFilterable, checkInListSizes, parseFilter, type FilterNode, type FilterOp } from './filters';
import type { Caller, GraphRequest, GraphResponse, JsonObject } from './model';
import { GRAPH_ORIGIN, collection, option, pageSize, paginate, parseSelect, project, refuseSkip } from './query';
import type { DirectoryStore } from './store';

function domainFlags(store: DirectoryStore, name: string, index: number) {
  const isInitial = name.toLowerCase() === store.initialDomain().toLowerCase();
  // The default domain is the first custom one when there is one, else the initial domain.
  const firstCustom = store.tenant.verifiedDomains.findIndex((d) => !d.toLowerCase().endsWith('.onmicrosoft.com'));
  const isDefault = firstCustom >= 0 ? index === firstCustom : isInitial;
  return { isInitial, isDefault };
}

const ORG_PROPS = ['id', 'displayName', 'verifiedDomains', 'tenantType', 'countryLetterCode'];

export function getOrganization(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  // Reading the organization is allowed to any signed-in user with User.Read.
  requireScope(caller, ['User.Read', 'Organization.Read.All', 'Directory.Read.All', 'User.Read.All', 'User.ReadWrite.All']);
  const select = parseSelect(req, ORG_PROPS, 'microsoft.graph.organization');
  const full: JsonObject = {
    id: store.tenant.tenantId,
    displayName: store.tenant.displayName,
    tenantType: 'AAD',
    countryLetterCode: 'US',
    verifiedDomains: store.tenant.verifiedDomains.map((name, i) => ({
      capabilities: 'Email, OfficeCommunicationsOnline',
      ...domainFlags(store, name, i),
      name,
      type: 'Managed',
    })),
  };
  const sel = select ? `(${select.join(',')})` : '';
  return {
    status: 200,
    headers: {},
    body: collection(`${GRAPH_ORIGIN}/v1.0/$metadata#organization${sel}`, [project(full, select, ORG_PROPS)], {}),
  };
}

export function listDomains(store: DirectoryStore, caller: Caller): GraphResponse {
  // /domains needs a domain permission; User.Read is not enough (use /organization for that).
  requireScope(caller, ['Domain.Read.All', 'Domain.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All']);
  const value = store.tenant.verifiedDomains.map((name, i) => {
    const f = domainFlags(store, name, i);
    return {
      authenticationType: 'Managed',
      id: name,
      isAdminManaged: true,
      isDefault: f.isDefault,
      isInitial: f.isInitial,
      isRoot: true,
      isVerified: true,
      supportedServices: ['Email', 'OfficeCommunicationsOnline'],
    };
  });
  return { status: 200, headers: {}, body: collection(`${GRAPH_ORIGIN}/v1.0/$metadata#domains`, value, {}) };
}

/**
 * Filters https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments documents: `eq` on these
 * properties, and `in` on roleDefinitionId and principalId, joined by `and`. Anything else is refused.
 */
const RA_FILTERABLE: Readonly<Record<string, readonly FilterOp[]>> = {
  id: ['eq'],
  principalId: ['eq', 'in'],
  roleDefinitionId: ['eq', 'in'],
  directoryScopeId: ['eq'],
  appScopeId: ['eq'],
};
const RA_PROPS = propertyNames('microsoft.graph.unifiedRoleAssignment').filter((p) => !['appScope', 'directoryScope', 'principal', 'roleDefinition'].includes(p));
/** Properties returned by default: the structural ones the sandbox models. */
const RA_DEFAULT = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'appScopeId', 'condition', 'principalOrganizationId'];
const RA_SCOPES = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All', 'Directory.ReadWrite.All'];
/**
 * Delegated, the signed-in admin also needs a role that may read role assignments: Directory Readers, Global Reader,
 * Privileged Role Administrator (least privileged, per the page above) or Global Administrator. A Guest Inviter or
 * User Administrator alone is refused.
 */
export const ROLE_READER_ROLES: readonly string[] = [ROLE.directoryReaders, ROLE.globalReader, ROLE.privilegedRoleAdministrator, ROLE.globalAdministrator];

function raPredicate(tree: FilterNode): (r: JsonObject) => boolean {
  const clauses = tree.kind === 'and' ? tree.items : [tree];
  checkFilterable(tree, RA_FILTERABLE, 'unifiedRoleAssignment');
  checkInListSizes(tree);
  const tests = clauses.map((c) => {
    if (c.kind !== 'cmp' && c.kind !== 'in') throw badRequest('Invalid filter clause: only eq and in clauses joined by and are supported.');
    const values = (c.kind === 'cmp' ? [c.value] : c.values).map((v) => String(v).toLowerCase());
    const prop = Object.keys(RA_FILTERABLE).find((p) => p.toLowerCase() === c.prop.toLowerCase()) as string;
    return (r: JsonObject) => values.includes(String(r[prop]).toLowerCase());
  });
  return (r) => tests.every((t) => t(r));
}

function raRow(r: SandboxRoleAssignment): JsonObject {
  return { id: r.id, principalId: r.principalId, roleDefinitionId: r.roleDefinitionId, directoryScopeId: r.directoryScopeId, appScopeId: null, condition: null, principalOrganizationId: null };
}

function listAssignments(store: DirectoryStore, caller: Caller, req: GraphRequest, source: SandboxRoleAssignment[], set: string, scopes: readonly string[]): GraphResponse {
  requireScope(caller, scopes);
  requireRole(caller, store, ROLE_READER_ROLES);
  refuseSkip(req);
  const size = pageSize(req);
  const select = parseSelect(req, RA_PROPS, 'microsoft.graph.unifiedRoleAssignment');
  let rows = source.map(raRow);
  const raw = option(req, 'filter');
  if (raw !== null && raw.trim() !== '') rows = rows.filter(raPredicate(parseFilter(raw)));
  const { page, nextLink } = paginate(req, rows, size);
  const sel = select ? `(${select.join(',')})` : '';
  return {
    status: 200,
    headers: {},
    body: collection(`${GRAPH_ORIGIN}/v1.0/$metadata#roleManagement/directory/${set}${sel}`, page.map((r) => project(r, select, RA_DEFAULT)), { nextLink }),
  };
}

export function listRoleAssignments(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  return listAssignments(store, caller, req, store.tenant.roleAssignments, 'roleAssignments', RA_SCOPES);
}

/**
 * PIM eligible assignments (https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleeligibilityschedules):
 * RoleEligibilitySchedule.Read.Directory is the least privileged scope; RoleManagement.Read.Directory does not cover it.
 */
export function listRoleEligibilitySchedules(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  const scopes = ['RoleEligibilitySchedule.Read.Directory', 'RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'];
  return listAssignments(store, caller, req, store.tenant.roleEligibilities ?? [], 'roleEligibilitySchedules', scopes);
}

export function getRoleAssignment(store: DirectoryStore, caller: Caller, id: string): GraphResponse {
  requireScope(caller, ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All']);
  requireRole(caller, store, ROLE_READER_ROLES);
  const r = store.tenant.roleAssignments.find((x) => x.id === id);
  if (!r) throw notFound(id);
  return {
    status: 200,
    headers: {},
    body: { '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#roleManagement/directory/roleAssignments/$entity`, ...r },
  };
}
