// Reads for the review and the pickers, all batched: a pre-flight of N users costs ceil(N/300) + 2 Graph
// round trips (users by `id in` chunks packed in $batch, privileged role holders, the organization).
import { myAppsRedirectUrl } from './clouds';
import type { Settings } from './config';
import { GraphApiError } from './graph/http';
import type { GraphApi } from './graph/client';
import { chunk, graphPath, inFilter, MAX_IN_VALUES, searchUsersFilter, toUserPage, toVerifiedDomains, USER_SELECT } from './graph/queries';
import type { PreflightResult, UserSummary } from './messages';
import { buildPreflight, CHECKED_ROLE_IDS } from './preflight';
import type { GraphUser } from './users';
import { isGuid } from './config';
import { RESET_ROLE_IDS } from './setup-check';

const summary = (u: GraphUser): UserSummary => ({
  id: u.id,
  displayName: u.displayName ?? '',
  userPrincipalName: u.userPrincipalName ?? '',
  mail: u.mail,
});

export interface TenantFacts {
  tenantId: string;
  tenantName: string;
  verifiedDomains: string[];
}

export async function tenantFacts(graph: GraphApi): Promise<TenantFacts> {
  const res = await graph.request('GET', graphPath('/organization', [['$select', 'id,displayName,verifiedDomains']]));
  const org = (res.body as { value?: Array<{ id?: string; displayName?: string }> } | undefined)?.value?.[0];
  return { tenantId: org?.id ?? '', tenantName: org?.displayName ?? '', verifiedDomains: toVerifiedDomains(res.body) };
}

/**
 * Parallel reads that serve one answer: when one fails, the others stop (no further request, no further wait before
 * a retry): their answers would be dropped, and their retries spend the tenant's throttling budget.
 */
async function readTogether<T>(graph: GraphApi, reads: (stoppable: GraphApi) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  try {
    return await reads(graph.stoppedBy(stop.signal));
  } catch (error) {
    stop.abort();
    throw error;
  }
}

/**
 * The review's reads: the users (`id in` chunks packed in $batch calls), the holders of the roles the rules care about
 * (`roleDefinitionId in`, one $batch call whatever the number of users), PIM eligible holders when `readEligible`
 * (the optional permission is granted), and the tenant: ⌈N/300⌉ + 2 round trips. A refused role read does not fail
 * the pre-flight: it reports the roles as not verified.
 */
export async function preflight(
  graph: GraphApi,
  settings: Settings,
  signedInUserId: string,
  userIds: readonly string[],
  opts: { readEligible?: boolean } = {},
): Promise<PreflightResult> {
  const [byIds, direct, eligible, tenant] = await readTogether(graph, (reads) =>
    Promise.all([
      reads.getUsersByIds(userIds),
      reads.directoryRoleHolders(CHECKED_ROLE_IDS),
      opts.readEligible === true ? reads.directoryRoleHolders(CHECKED_ROLE_IDS, 'roleEligibilitySchedules') : Promise.resolve(undefined),
      tenantFacts(reads),
    ]),
  );
  // A user whose read failed has an unknown state: never guess, fail the pre-flight so the admin retries.
  const firstFailure = byIds.failed.values().next();
  if (!firstFailure.done) throw new GraphApiError(firstFailure.value);
  const users = new Map([...byIds.users].map(([id, u]) => [id.toLowerCase(), u]));
  const eligibleRead = eligible !== undefined && eligible.denied === undefined;
  const roles = new Map<string, string[]>();
  for (const source of [direct.roles, eligibleRead ? eligible.roles : new Map<string, string[]>()]) {
    for (const [id, held] of source) roles.set(id, [...new Set([...(roles.get(id) ?? []), ...held])]);
  }
  return buildPreflight({
    ...(direct.denied ? { rolesDeniedCode: direct.denied.code } : {}),
    eligibleRolesChecked: eligibleRead,
    ...tenant,
    signedInUserId,
    defaultRedirectUrl: myAppsRedirectUrl(settings.cloud, tenant.tenantId),
    requestedIds: userIds,
    users,
    roles,
  });
}

/** The picker's search box: first 25 users whose name, UPN or mail starts with the text. */
export async function searchUsers(graph: GraphApi, query: string): Promise<UserSummary[]> {
  if (query.trim() === '') return [];
  const first = await graph.listUsers({ search: query, pageSize: 25 }).next();
  return (first.value ?? []).map(summary);
}

/** Pasted or imported identifiers (object ids or UPNs) → users, with the ones Graph does not know. */
export async function resolveIdentifiers(graph: GraphApi, identifiers: readonly string[]): Promise<{ found: UserSummary[]; notFound: string[] }> {
  const cleaned = [...new Set(identifiers.map((s) => s.trim()).filter((s) => s !== ''))];
  const ids = cleaned.filter(isGuid);
  const upns = cleaned.filter((s) => !isGuid(s));
  const found = new Map<string, GraphUser>();
  if (ids.length > 0) {
    const r = await graph.getUsersByIds(ids);
    const failure = r.failed.values().next();
    if (!failure.done) throw new GraphApiError(failure.value);
    for (const u of r.users.values()) found.set(u.id.toLowerCase(), u);
  }
  if (upns.length > 0) {
    const paths = chunk(upns, MAX_IN_VALUES).map((c) =>
      graphPath('/users', [['$filter', inFilter('userPrincipalName', c)], ['$select', USER_SELECT], ['$top', String(MAX_IN_VALUES)]]),
    );
    for (const r of await graph.batch(paths.map((url) => ({ method: 'GET' as const, url })))) {
      if (r.error) throw new GraphApiError(r.error);
      for (const u of toUserPage(r.body).value) found.set(u.id.toLowerCase(), u);
    }
  }
  const known = new Set([...found.values()].flatMap((u) => [u.id.toLowerCase(), (u.userPrincipalName ?? '').toLowerCase()]));
  return { found: [...found.values()].map(summary), notFound: cleaned.filter((s) => !known.has(s.toLowerCase())) };
}

/** "Select all N users found": every id matching the grid's search, read as ids only, 999 a page. */
export async function allFound(graph: GraphApi, search: string): Promise<string[]> {
  const ids: string[] = [];
  const filter = search.trim() === '' ? undefined : searchUsersFilter(search);
  let url: string | undefined = graphPath('/users', [['$select', 'id'], ['$filter', filter], ['$top', '999']]);
  while (url) {
    const res = await graph.request('GET', url);
    const page = res.body as { value?: Array<{ id?: unknown }>; '@odata.nextLink'?: string };
    for (const item of page.value ?? []) if (typeof item.id === 'string') ids.push(item.id);
    url = page['@odata.nextLink'];
  }
  return ids;
}

/**
 * "Check my setup"'s reads for the signed-in admin: the holders of the roles the extension cares about (one $batch
 * call; a refusal is reported, not thrown) and the organization — 2 round trips.
 */
export async function setupReads(
  graph: GraphApi,
  adminId: string,
): Promise<{ roles: { readable: true; held: string[] } | { readable: false; code: string }; verifiedDomains: string[]; tenantName: string }> {
  const [holders, tenant] = await readTogether(graph, (reads) => Promise.all([reads.directoryRoleHolders([...CHECKED_ROLE_IDS, ...RESET_ROLE_IDS]), tenantFacts(reads)]));
  const roles = holders.denied
    ? { readable: false as const, code: holders.denied.code }
    : { readable: true as const, held: holders.roles.get(adminId.toLowerCase()) ?? [] };
  return { roles, verifiedDomains: tenant.verifiedDomains, tenantName: tenant.tenantName };
}
