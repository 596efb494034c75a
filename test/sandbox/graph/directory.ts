// Tenant-level reads: /organization (verifiedDomains), /domains, and directory role assignments.
import { requireScope } from './auth';
import { badRequest, notFound } from './errors';
import { parseFilter, type FilterNode } from './filters';
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

const RA_FILTERABLE = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId'];

/** Role assignments accept only `eq` on a few properties, joined by `and`; `in`/`or` are refused. */
function raPredicate(tree: FilterNode): (r: JsonObject) => boolean {
  const clauses = tree.kind === 'and' ? tree.items : [tree];
  const tests = clauses.map((c) => {
    if (c.kind !== 'cmp' || c.op !== 'eq' || typeof c.value !== 'string') {
      throw badRequest('Invalid filter clause: only eq on id, principalId, roleDefinitionId or directoryScopeId is supported.');
    }
    const prop = RA_FILTERABLE.find((p) => p.toLowerCase() === c.prop.toLowerCase());
    if (!prop) throw badRequest(`Invalid filter clause: filtering on '${c.prop}' is not supported.`);
    const want = c.value.toLowerCase();
    return (r: JsonObject) => String(r[prop]).toLowerCase() === want;
  });
  return (r) => tests.every((t) => t(r));
}

export function listRoleAssignments(store: DirectoryStore, caller: Caller, req: GraphRequest): GraphResponse {
  requireScope(caller, [
    'RoleManagement.Read.Directory',
    'RoleManagement.Read.All',
    'RoleManagement.ReadWrite.Directory',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ]);
  refuseSkip(req);
  const size = pageSize(req);
  let rows: JsonObject[] = store.tenant.roleAssignments.map((r) => ({
    id: r.id,
    principalId: r.principalId,
    roleDefinitionId: r.roleDefinitionId,
    directoryScopeId: r.directoryScopeId,
  }));
  const raw = option(req, 'filter');
  if (raw !== null && raw.trim() !== '') rows = rows.filter(raPredicate(parseFilter(raw)));
  const { page, nextLink } = paginate(req, rows, size);
  return {
    status: 200,
    headers: {},
    body: collection(`${GRAPH_ORIGIN}/v1.0/$metadata#roleManagement/directory/roleAssignments`, page, { nextLink }),
  };
}

export function getRoleAssignment(store: DirectoryStore, caller: Caller, id: string): GraphResponse {
  requireScope(caller, ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All']);
  const r = store.tenant.roleAssignments.find((x) => x.id === id);
  if (!r) throw notFound(id);
  return {
    status: 200,
    headers: {},
    body: { '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#roleManagement/directory/roleAssignments/$entity`, ...r },
  };
}
