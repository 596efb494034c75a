// job/submit: the worker re-reads the reviewed users and re-applies every rule before anything is written.
import type { GraphApi } from '../src/graph/client';
import { GraphApiError } from '../src/graph/errors';
import type { JobHeader } from '../src/jobs';
import type { RequestOf } from '../src/messages';
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
    throw new SubmissionRefused(
      `Nothing was converted: you are signed in to tenant ${account.tenantId}, but the review was for tenant ${request.expectedTenantId}. Sign in to the right tenant and review again.`,
    );
  }
  const ids = request.items.map((i) => i.userId);
  const [byIds, direct, tenant] = await Promise.all([graph.getUsersByIds(ids), graph.directoryRoleHolders(CHECKED_ROLE_IDS), tenantFacts(graph)]);
  const failure = byIds.failed.values().next();
  if (!failure.done) throw new GraphApiError(failure.value);
  if (direct.denied && request.acknowledgeUnverifiedRoles !== true) {
    throw new SubmissionRefused(
      `Nothing was converted: Microsoft Graph refused to read the users' directory roles (${direct.denied.code}). Review again and acknowledge that their roles were not checked.`,
    );
  }
  const check = checkSubmission(request.items, request.options, {
    signedInUserId: account.objectId,
    verifiedDomains: tenant.verifiedDomains,
    users: new Map([...byIds.users].map(([id, u]) => [id.toLowerCase(), u])),
    roles: direct.roles,
  });
  if (!check.ok) {
    const shown = check.refusals.slice(0, 5).map((r) => `${r.userPrincipalName}: ${r.message}`);
    const more = check.refusals.length > 5 ? ` …and ${check.refusals.length - 5} more.` : '';
    throw new SubmissionRefused(`Nothing was converted: ${check.refusals.length} user(s) cannot be converted as reviewed. ${shown.join(' ')}${more} Review again.`);
  }
  return jobs.start({ tenantId: account.tenantId, ranBy: account.username, items: check.items, options: check.options }, submitterTabId);
}
