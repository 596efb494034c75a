// Redeem links kept in item receipts. A redeem link lets whoever holds it redeem the invitation, so it is kept only
// while the invitation is pending: once Graph says a user accepted (or is no longer invited), the worker asks the
// engine to forget the link. Only the link goes; the receipt's request id stays for the audit trail, and the item's
// status, counters and updatedAt are left as they were (this is not a transition of the item).
import { decodeHeader, decodeItemChunk, decodeStateChunk, encodeStateChunk, keys } from './schema';
import type { JobStatus } from './model';
import type { JobStorePort } from './ports';

/**
 * Statuses in which no execution can start without going through the runner's control lock (pause/resume/retry):
 * a `running`, `paused-offline`, `waiting-for-sign-in` or `cancelling` job may be resumed on worker start, so its
 * chunks are left alone (the links go at the next refresh after it ended).
 */
const SETTLED: readonly JobStatus[] = ['paused', 'completed', 'cancelled'];

/** Removes the redeem link from the receipts of these users (case-insensitive ids); returns how many it removed. */
export async function forgetRedeemLinks(store: JobStorePort, jobId: string, userIds: readonly string[]): Promise<number> {
  const wanted = new Set(userIds.map((id) => id.toLowerCase()));
  if (wanted.size === 0) return 0;
  const headerKey = keys.header(jobId);
  const raw = (await store.get([headerKey]))[headerKey];
  if (raw === undefined) return 0;
  const header = decodeHeader(raw, `job ${jobId} header`);
  if (!SETTLED.includes(header.status)) return 0;
  let removed = 0;
  for (let c = 0; c < header.chunkCount; c++) {
    const itemsKey = keys.items(jobId, c);
    const statesKey = keys.states(jobId, c);
    const got = await store.get([itemsKey, statesKey]);
    const items = decodeItemChunk(got[itemsKey], itemsKey);
    const states = decodeStateChunk(got[statesKey], statesKey);
    let changed = false;
    states.forEach((state, i) => {
      const item = items[i];
      if (!item || !wanted.has(item.userId.toLowerCase()) || !state.receipt?.inviteRedeemUrl) return;
      const { inviteRedeemUrl: _dropped, ...rest } = state.receipt;
      if (Object.keys(rest).length > 0) state.receipt = rest;
      else delete state.receipt;
      changed = true;
      removed += 1;
    });
    if (changed) await store.set({ [statesKey]: encodeStateChunk(states) });
  }
  return removed;
}
