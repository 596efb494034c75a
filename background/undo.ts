// Convert back to internal (preview), at the worker: the feature's switch (turning it on is the only moment its
// permission is asked for), the undo review's reads, and the undo job — created only after the worker has re-read
// every user and re-applied every rule (src/undo-review.ts). Writes come from extension pages only (src/messages.ts).
import { t, tn } from '../src/i18n';
import type { GraphApi } from '../src/graph/client';
import { GraphApiError } from '../src/graph/http';
import { tenantFacts } from '../src/directory-reads';
import type { JobItemView } from '../src/jobs';
import type { RequestOf, ResponseMap, UndoStatus } from '../src/messages';
import type { ScopeTier } from '../src/scopes';
import { localKeys, parsed, undoFeatureSchema, type StorageArea } from '../src/storage';
import { rolesOfUsers } from '../src/undo-reads';
import { buildUndoPreview, checkUndoSubmission, type ConvertedItem, type UndoFacts } from '../src/undo-review';
import type { AuthService } from './auth/auth-service';
import type { JobsService } from './jobs-service';
import type { Handlers } from './router';

type UndoOps = 'undo/status' | 'undo/setEnabled' | 'undo/preview' | 'undo/submit';

export interface UndoDeps {
  auth: Pick<AuthService, 'signIn' | 'account' | 'token'>;
  jobs: JobsService;
  local: StorageArea;
  /** The signed-in account and a Graph client for a tier (service-worker.ts). */
  session: (tier: ScopeTier) => Promise<{ account: { tenantId: string; username: string }; graph: GraphApi }>;
  /** The sign-in state changed (the options page and popup show the account's permissions). */
  announce: () => void;
}

export class UndoRefused extends Error {
  override name = 'UndoRefused';
}


async function enabled(local: StorageArea): Promise<boolean> {
  return parsed(undoFeatureSchema, (await local.get([localKeys.undoFeature]))[localKeys.undoFeature])?.enabled === true;
}

/** The job's items for these users (the whole job is scanned once, a page of 1000 at a time). */
async function convertedItems(jobs: JobsService, jobId: string, userIds: readonly string[]): Promise<Map<string, ConvertedItem>> {
  const header = (await jobs.runner.listJobs()).find((j) => j.id === jobId);
  if (!header) throw new UndoRefused(t('undo_refused_noJob'));
  if (header.kind === 'undo') throw new UndoRefused(t('undo_refused_undoJob'));
  const wanted = new Set(userIds.map((id) => id.toLowerCase()));
  const out = new Map<string, ConvertedItem>();
  for (let offset = 0; offset < header.total && out.size < wanted.size; offset += 1000) {
    const page: JobItemView[] = (await jobs.runner.readItems(jobId, { offset, limit: 1000 })).items;
    for (const i of page) if (wanted.has(i.userId.toLowerCase())) out.set(i.userId.toLowerCase(), { userId: i.userId, email: i.email, invited: i.invited });
  }
  return out;
}

/** What Graph says now about these users: the users, every directory role each holds, the tenant's verified domains. */
async function readFacts(graph: GraphApi, jobItems: Map<string, ConvertedItem>, userIds: readonly string[]): Promise<UndoFacts & { tenantId: string }> {
  const ids = userIds.filter((id) => jobItems.has(id.toLowerCase()));
  const [byIds, roles, tenant] = await Promise.all([graph.getUsersByIds(ids), rolesOfUsers(graph, ids), tenantFacts(graph)]);
  const failure = byIds.failed.values().next();
  if (!failure.done) throw new GraphApiError(failure.value);
  return {
    tenantId: tenant.tenantId,
    jobItems,
    users: new Map([...byIds.users].map(([id, u]) => [id.toLowerCase(), u])),
    roles,
    verifiedDomains: tenant.verifiedDomains,
  };
}

export function undoHandlers(deps: UndoDeps): Pick<Handlers, UndoOps> {
  const status = async (): Promise<UndoStatus> => ({ enabled: await enabled(deps.local), granted: (await deps.auth.account())?.undoGranted === true });
  return {
    'undo/status': status,
    'undo/setEnabled': async ({ enabled: on }) => {
      // Turning it on is the consent: an interactive sign-in asking for the undo permission (MSAL incremental consent).
      // If the admin cancels, the feature stays off.
      if (on) await deps.auth.signIn('undo');
      await deps.local.set({ [localKeys.undoFeature]: { enabled: on } });
      deps.announce();
      return status();
    },
    'undo/preview': async ({ jobId, userIds }): Promise<ResponseMap['undo/preview']> => {
      if (!(await enabled(deps.local))) throw new UndoRefused(t('undo_refused_off'));
      const jobItems = await convertedItems(deps.jobs, jobId, userIds);
      const { account, graph } = await deps.session('read');
      const facts = await readFacts(graph, jobItems, userIds);
      return buildUndoPreview(jobId, facts.tenantId || account.tenantId, userIds, facts);
    },
    'undo/submit': async (request: RequestOf<'undo/submit'>) => {
      if (!(await enabled(deps.local))) throw new UndoRefused(t('undo_refused_off'));
      const { account, graph } = await deps.session('read');
      if (account.tenantId.toLowerCase() !== request.expectedTenantId.toLowerCase()) {
        throw new UndoRefused(t('undo_refused_otherTenant', { signedIn: account.tenantId, reviewed: request.expectedTenantId }));
      }
      // The writes need the undo permission's token: a missing consent is reported now, before any job exists.
      await deps.auth.token('undo');
      const userIds = request.items.map((i) => i.userId);
      const jobItems = await convertedItems(deps.jobs, request.jobId, userIds);
      const check = checkUndoSubmission(request.items, await readFacts(graph, jobItems, userIds));
      if (!check.ok) {
        const shown = check.refusals.slice(0, 5).map((r) => `${r.userPrincipalName}: ${r.message}`);
        const more = check.refusals.length > 5 ? ` ${tn('undo_refused_more', check.refusals.length - 5)}` : '';
        throw new UndoRefused(`${tn('undo_refused_problems', check.refusals.length)} ${shown.join(' ')}${more}`);
      }
      const header = await deps.jobs.start({ kind: 'undo', tenantId: account.tenantId, ranBy: account.username, items: check.items, secrets: check.secrets, undoOf: request.jobId }, undefined);
      return { jobId: header.id };
    },
  };
}
