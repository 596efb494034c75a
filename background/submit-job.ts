// job/submit: the worker re-reads the reviewed users and re-applies every rule before anything is written.
import type { GraphApi } from '../src/graph/client';
import { GraphApiError } from '../src/graph/http';
import { t, tn } from '../src/i18n';
import type { JobHeader } from '../src/jobs';
import type { RequestOf } from '../src/messages';
import { planHash } from '../src/plan/plan';
import { checkSubmission } from '../src/submission';
import type { JobsService } from './jobs-service';
import { tenantFacts } from '../src/directory-reads';
import { CHECKED_ROLE_IDS } from '../src/preflight';

export class SubmissionRefused extends Error {
  override name = 'SubmissionRefused';
}

export async function submitJob(
  jobs: JobsService,
  graph: GraphApi,
  account: { tenantId: string; objectId: string; username: string },
  request: RequestOf<'job/submit'>,
  submitterTabId: number | undefined,
): Promise<JobHeader> {
  if (account.tenantId.toLowerCase() !== request.expectedTenantId.toLowerCase()) {
    throw new SubmissionRefused(t('worker_submit_wrongTenant', { reviewed: request.expectedTenantId, signedin: account.tenantId }));
  }
  const sponsorIds = request.options.sponsors ?? [];
  const ids = [...request.items.map((i) => i.userId), ...sponsorIds];
  const [byIds, direct, tenant] = await Promise.all([graph.getUsersByIds(ids), graph.directoryRoleHolders(CHECKED_ROLE_IDS), tenantFacts(graph)]);
  const failure = byIds.failed.values().next();
  if (!failure.done) throw new GraphApiError(failure.value);
  if (direct.denied && request.acknowledgeUnverifiedRoles !== true) {
    throw new SubmissionRefused(t('worker_submit_rolesUnread', { code: direct.denied.code }));
  }
  const users = new Map([...byIds.users].map(([id, u]) => [id.toLowerCase(), u]));
  const check = checkSubmission(request.items, request.options, {
    signedInUserId: account.objectId,
    verifiedDomains: tenant.verifiedDomains,
    users,
    roles: direct.roles,
    sponsors: new Map(sponsorIds.map((id) => id.toLowerCase()).flatMap((id) => (users.has(id) ? [[id, users.get(id)!] as const] : []))),
  });
  if (!check.ok) {
    const shown = check.refusals.slice(0, 5).map((r) => `${r.userPrincipalName}: ${r.message}`);
    const more = check.refusals.length > 5 ? ` ${tn('worker_submit_more', check.refusals.length - 5)}` : '';
    throw new SubmissionRefused(tn('worker_submit_refused', check.refusals.length, { details: `${shown.join(' ')}${more}` }));
  }
  // The job's own plan hash, from what it will write: equal to the exported plan's unless something changed since.
  const hash = planHash({ tenantId: account.tenantId, options: check.options, items: check.items });
  if (request.planHash !== undefined && request.planHash !== hash) {
    throw new SubmissionRefused(t('worker_submit_planChanged'));
  }
  return jobs.start({ tenantId: account.tenantId, ranBy: account.username, items: check.items, options: check.options, planHash: hash }, submitterTabId);
}
