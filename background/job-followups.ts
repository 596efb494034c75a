// After a job: the invitation state of its users refreshed from Graph in batches, and the follow-up
// actions (reset redemption, set user type to Guest), each recorded with Graph's answer for the audit trail.
import type { GraphApi } from '../src/graph/client';
import { reasonText } from '../src/engine-reasons';
import { t } from '../src/i18n';
import { buildUserTypeGuestPatch } from '../src/graph/writes';
import { invitationBody } from '../src/jobs/requests';
import type { ItemStatus, JobItemView as EngineItem, JobRunner } from '../src/jobs';
import { decodeSpec } from '../src/jobs/schema';
import type { ItemsFilter, JobItemRow } from '../src/messages';
import { localKeys, STATUS_PAGE, type FollowUpRecord, type JobRecords, type StatusRecord, type StorageArea } from '../src/storage';

/** Where follow-ups keep what they learn: the job's records, and storage.local for the job's spec. */
export interface FollowUpStore {
  records: JobRecords;
  local: StorageArea;
  /** The time recorded with each follow-up. */
  now: () => number;
}

/** Reads the invitation state of every converted user of the job; returns how many Graph round trips it took. */
export async function refreshInvitationState(
  store: FollowUpStore,
  runner: JobRunner,
  graph: GraphApi,
  roundTrips: () => number,
  jobId: string,
): Promise<{ roundTrips: number; items: number }> {
  const start = roundTrips();
  let count = 0;
  const settled: string[] = [];
  for (let page = 0; ; page++) {
    const { total, items } = await runner.readItems(jobId, { offset: page * STATUS_PAGE, limit: 1000 });
    // readItems pages by 1000; gather the whole status page first.
    const all: EngineItem[] = [...items];
    for (let offset = page * STATUS_PAGE + 1000; offset < Math.min(total, (page + 1) * STATUS_PAGE); offset += 1000) {
      all.push(...(await runner.readItems(jobId, { offset, limit: 1000 })).items);
    }
    const ids = all.filter((i) => i.invited).map((i) => i.userId);
    if (ids.length > 0) {
      const result = await graph.getUsersByIds(ids);
      const record: StatusRecord = {};
      for (const u of result.users.values()) record[u.id.toLowerCase()] = [u.externalUserState, u.externalUserStateChangeDateTime];
      await store.records.writeStatusPage(jobId, page, record);
      settled.push(...settledUsers(record));
      count += result.users.size;
    }
    if ((page + 1) * STATUS_PAGE >= total) break;
  }
  await forgetSettledLinks(store, runner, jobId, settled);
  return { roundTrips: roundTrips() - start, items: count };
}

export async function runFollowUp(
  store: FollowUpStore,
  runner: JobRunner,
  graph: GraphApi,
  jobId: string,
  userIds: readonly string[],
  action: 'resetRedemption' | 'setGuest',
): Promise<{ succeeded: number; failed: Array<{ userId: string; code: string; message: string }> }> {
  const wanted = new Set(userIds.map((id) => id.toLowerCase()));
  const items: EngineItem[] = [];
  const { total } = await runner.readItems(jobId, { offset: 0, limit: 1 });
  for (let offset = 0; offset < total && items.length < wanted.size; offset += 1000) {
    items.push(...(await runner.readItems(jobId, { offset, limit: 1000 })).items.filter((i) => wanted.has(i.userId.toLowerCase())));
  }
  if (items.length === 0) throw new Error(t('worker_followUpNoUsers'));
  // Follow-ups act on users this job invited. Reset redemption is a POST /invitations with the user's id: for a user
  // the job never invited (blocked, failed, cancelled before the write) it would convert them without the review's
  // checks. Refuse the whole request rather than act on part of it.
  if (items.some((i) => !i.invited)) throw new Error(t('worker_followUpNotInvited'));
  const specKey = localKeys.job.spec(jobId);
  const options = decodeSpec((await store.local.get([specKey]))[specKey], `job ${jobId} spec`);
  const requests = items.map((item) =>
    action === 'setGuest'
      ? { method: 'PATCH' as const, url: `/users/${encodeURIComponent(item.userId)}`, body: buildUserTypeGuestPatch() }
      : {
          method: 'POST' as const,
          url: '/invitations',
          body: invitationBody(item, options, { resetRedemption: true }),
        },
  );
  const results = await graph.batch(requests);
  const at = store.now();
  const records: FollowUpRecord[] = results.map((r, i) => {
    const userId = items[i]!.userId;
    const body = r.body as { inviteRedeemUrl?: unknown } | undefined;
    return {
      userId,
      action,
      at,
      status: r.status,
      ...(r.error ? { code: r.error.code, message: r.error.message, ...(r.error.requestId ? { requestId: r.error.requestId } : {}) } : {}),
      ...(typeof body?.inviteRedeemUrl === 'string' ? { inviteRedeemUrl: body.inviteRedeemUrl } : {}),
    };
  });
  // Bounded: the newest 5,000 follow-ups of a job are kept.
  await store.records.appendFollowUps(jobId, records);
  if (action === 'resetRedemption') {
    // The user is PendingAcceptance again: drop stale "Accepted" states until the next refresh.
    await refreshInvitationStateFor(store, runner, graph, jobId, items);
  }
  const failed = records.filter((r) => r.code).map((r) => ({ userId: r.userId, code: r.code ?? '', message: r.message ?? '' }));
  return { succeeded: records.length - failed.length, failed };
}

/** Users whose invitation Graph no longer reports as pending (accepted, or no longer an invited external user). */
function settledUsers(record: StatusRecord): string[] {
  return Object.entries(record)
    .filter(([, [state]]) => state !== 'PendingAcceptance')
    .map(([id]) => id);
}

/**
 * A redeem link lets whoever holds it redeem the invitation: once the invitation is no longer pending, the link is
 * removed from storage — from the follow-up records and from the engine's item receipts (the engine leaves a job
 * it is working on alone; the next refresh after it stopped removes them).
 */
async function forgetSettledLinks(store: FollowUpStore, runner: JobRunner, jobId: string, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await store.records.dropRedeemLinks(jobId, userIds);
  await runner.forgetRedeemLinks(jobId, userIds);
}

async function refreshInvitationStateFor(store: FollowUpStore, runner: JobRunner, graph: GraphApi, jobId: string, items: readonly EngineItem[]): Promise<void> {
  const result = await graph.getUsersByIds(items.map((i) => i.userId));
  const byPage = new Map<number, StatusRecord>();
  for (const item of items) {
    const page = Math.floor(item.index / STATUS_PAGE);
    const u = result.users.get(item.userId) ?? [...result.users.values()].find((x) => x.id.toLowerCase() === item.userId.toLowerCase());
    if (!u) continue;
    const rec = byPage.get(page) ?? {};
    rec[u.id.toLowerCase()] = [u.externalUserState, u.externalUserStateChangeDateTime];
    byPage.set(page, rec);
  }
  for (const [page, rec] of byPage) await store.records.mergeStatusPage(jobId, page, rec);
  await forgetSettledLinks(store, runner, jobId, [...byPage.values()].flatMap(settledUsers));
}

const PENDING: ItemStatus[] = ['queued', 'addingEmail', 'inviting', 'settingType', 'convertingToInternal'];

export function statusFilter(filter: ItemsFilter | undefined): ItemStatus[] | undefined {
  switch (filter) {
    case undefined:
    case 'all':
      return undefined;
    case 'pending':
      return PENDING;
    default:
      return [filter];
  }
}

/** A page of a job's items as the popup shows them: result, Graph's error, invitation state, redeem link. */
export async function itemsView(
  store: FollowUpStore,
  runner: JobRunner,
  jobId: string,
  query: { offset: number; limit: number; filter?: ItemsFilter; search?: string },
): Promise<{ total: number; items: JobItemRow[] }> {
  const status = statusFilter(query.filter);
  const search = query.search?.trim();
  const { total, items } = await runner.readItems(jobId, {
    offset: query.offset,
    limit: query.limit,
    ...(status || search ? { filter: { ...(status ? { status } : {}), ...(search ? { text: search } : {}) } } : {}),
  });
  const pages = [...new Set(items.map((i) => Math.floor(i.index / STATUS_PAGE)))];
  const statuses = await store.records.statusPages(jobId, pages);
  const follow = await store.records.followUps(jobId);
  const latestLink = new Map<string, FollowUpRecord>();
  for (const f of follow) if (f.inviteRedeemUrl) latestLink.set(f.userId.toLowerCase(), f);
  return {
    total,
    items: items.map((i) => {
      const state = statuses.get(Math.floor(i.index / STATUS_PAGE))?.[i.userId.toLowerCase()];
      // A redeem link lets whoever holds it redeem the invitation: shown only while the invitation is pending,
      // never once Graph says it was accepted.
      const pending = state ? state[0] === 'PendingAcceptance' : i.invited === true;
      const link = pending ? (latestLink.get(i.userId.toLowerCase())?.inviteRedeemUrl ?? i.receipt?.inviteRedeemUrl) : undefined;
      return {
        userId: i.userId,
        userPrincipalName: i.userPrincipalName,
        displayName: i.displayName,
        email: i.email,
        state: i.outcomeUnknown ? 'verifying' : i.status,
        // Graph's answers get the admin-facing advice (Graph's code stays beside it); the engine's own reasons
        // (status 0: e.g. "already external when checked") their sentence in the admin's language.
        ...(i.reason ? { errorCode: i.reason.code, errorMessage: reasonText(i.reason) } : {}),
        ...(i.reason?.requestId || i.receipt?.requestId ? { requestId: i.reason?.requestId ?? i.receipt?.requestId } : {}),
        updatedAt: i.updatedAt,
        ...(state ? { externalUserState: state[0], externalUserStateChangeDateTime: state[1] } : i.invited ? { externalUserState: 'PendingAcceptance' } : {}),
        ...(link ? { inviteRedeemUrl: link } : {}),
        ...(i.toInternal?.userPrincipalName ? { newUserPrincipalName: i.toInternal.userPrincipalName } : {}),
      };
    }),
  };
}
