// Graph operations the tests use and the extension does not: reading one user, a single invitation or PATCH outside
// the job engine's $batch, the tenant's domains on their own, role assignments per principal or per role. They were
// methods of GraphApi; they live with the tests so the shipped client carries only what the product calls. Each is
// built on the client's public request(), getJson(), collect() and batch(), as the product's reads are.
import { PRIVILEGED_ROLE_TEMPLATE_IDS } from '../../src/eligibility';
import type { GraphApi } from '../../src/graph/client';
import { toGraphError } from '../../src/graph/errors';
import { GraphApiError, isRecord, type GraphError } from '../../src/graph/http';
import { graphPath, odataString, ROLE_ASSIGNMENT_SELECT, toRoleAssignment, toVerifiedDomains, USER_SELECT, type RoleAssignment } from '../../src/graph/queries';
import { otherMailsWriteProblem, emailWriteProblem, type InvitationBody } from '../../src/graph/writes';
import { toGraphUser, type GraphUser } from '../../src/users';

export function userPath(id: string): string {
  return graphPath(`/users/${encodeURIComponent(id)}`, [['$select', USER_SELECT]]);
}

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

/** Verified domains via /organization: User.Read suffices, whereas /domains needs Domain.Read.All. */
export function organizationDomainsPath(): string {
  return graphPath('/organization', [['$select', 'id,verifiedDomains']]);
}

export interface Invitation {
  id: string;
  inviteRedeemUrl: string | null;
  invitedUserEmailAddress: string | null;
  invitedUserType: string | null;
  status: string | null;
  invitedUser: { id: string; userPrincipalName: string | null } | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

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

/** PATCH body setting mail; refuses what Graph would refuse. */
export function buildMailPatch(address: string): { mail: string } {
  const a = address.trim();
  if (a === '') throw new RangeError('no address to set as mail');
  const problem = emailWriteProblem(a);
  if (problem !== undefined) throw new RangeError(problem);
  return { mail: a };
}

/** One user, or undefined when it does not exist (404). */
export async function getUser(graph: GraphApi, id: string): Promise<GraphUser | undefined> {
  try {
    return toGraphUser(await graph.getJson(userPath(id)));
  } catch (e) {
    if (e instanceof GraphApiError && e.status === 404) return undefined;
    throw e;
  }
}

/** PATCH /users/{id} (otherMails, userType); Graph answers 204. */
export async function patchUser(graph: GraphApi, id: string, body: Record<string, unknown>): Promise<void> {
  await graph.request('PATCH', `/users/${encodeURIComponent(id)}`, { body });
}

/** POST /invitations on its own. Refuses a body without invitedUser.id: Graph would then try to create a new user. */
export async function invite(graph: GraphApi, body: InvitationBody): Promise<Invitation> {
  if (typeof body.invitedUser?.id !== 'string' || body.invitedUser.id === '') {
    throw new GraphApiError({ status: 0, code: 'InvitedUserIdMissing', message: 'The invitation body has no invitedUser.id.' });
  }
  const res = await graph.request('POST', '/invitations', { body });
  const inv = toInvitation(res.body);
  if (inv === undefined) throw new GraphApiError({ status: res.status, code: 'UnexpectedResponse', message: 'POST /invitations returned no invitation.' });
  return inv;
}

/** Verified domain names of the tenant, lower-cased. */
export async function verifiedDomains(graph: GraphApi): Promise<string[]> {
  return toVerifiedDomains(await graph.getJson(organizationDomainsPath()));
}

export interface RoleAssignmentsResult {
  /** Direct role assignments per requested principal id (empty array = none). */
  assignments: Map<string, RoleAssignment[]>;
  /** Principals whose lookup failed: treat their roles as unknown, never as "none". */
  failed: Map<string, GraphError>;
}

/** Direct directory role assignments of each principal: one `principalId eq` request per principal, 20 per $batch. */
export async function roleAssignmentsFor(graph: GraphApi, principalIds: readonly string[]): Promise<RoleAssignmentsResult> {
  const distinct = [...new Set(principalIds)];
  const results = await graph.batch(distinct.map((id) => ({ method: 'GET' as const, url: roleAssignmentsForPrincipalPath(id) })));
  const assignments = new Map<string, RoleAssignment[]>();
  const failed = new Map<string, GraphError>();
  for (const [i, r] of results.entries()) {
    const id = distinct[i];
    if (id === undefined) continue;
    if (r.error !== undefined) {
      failed.set(id, r.error);
      continue;
    }
    try {
      assignments.set(id, await graph.collect(r.body, toRoleAssignment));
    } catch (e) {
      failed.set(id, toGraphError(e, graph.now()));
    }
  }
  return { assignments, failed };
}

/**
 * Principal id → privileged role template ids it holds directly: one `roleDefinitionId eq` request per role in a
 * single $batch. Fails as a whole if any role could not be read.
 */
export async function privilegedRoleHolders(graph: GraphApi, roleTemplateIds: readonly string[] = PRIVILEGED_ROLE_TEMPLATE_IDS): Promise<Map<string, string[]>> {
  const results = await graph.batch(roleTemplateIds.map((id) => ({ method: 'GET' as const, url: roleAssignmentsForRolePath(id) })));
  const holders = new Map<string, string[]>();
  for (const r of results) {
    if (r.error !== undefined) throw new GraphApiError(r.error);
    for (const a of await graph.collect(r.body, toRoleAssignment)) {
      const roles = holders.get(a.principalId) ?? [];
      if (!roles.includes(a.roleDefinitionId)) roles.push(a.roleDefinitionId);
      holders.set(a.principalId, roles);
    }
  }
  return holders;
}
