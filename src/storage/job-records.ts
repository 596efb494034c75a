// Everything a job writes, as one module: the engine's records (src/jobs/schema.ts), the invitation state and
// follow-ups the worker adds after it, and the submitting tab. `removeJob` deletes all of it in one operation,
// so clearing history or the history cap leave nothing behind.
import { decodeHeader } from '../jobs/schema';
import type { JobHeader } from '../jobs';
import { entryBytes, type StorageAreas } from './area';
import { localKeys, sessionKeys, STATUS_PAGE } from './keys';
import { FOLLOW_UPS_KEPT, followUpsSchema, jobTabSchema, parsed, statusRecordSchema, type FollowUpRecord, type StatusRecord } from './records';

/** How many invitation-state records a job of `total` users can have. */
export function statusPagesOf(total: number): number {
  return Math.max(1, Math.ceil(total / STATUS_PAGE));
}

export class JobRecords {
  constructor(private readonly areas: StorageAreas) {}

  /** Every key the job may have written, by area. */
  keysOf(header: Pick<JobHeader, 'id' | 'total' | 'chunkCount'>): { local: string[]; session: string[] } {
    const id = header.id;
    const local = [localKeys.job.header(id), localKeys.job.spec(id), localKeys.jobFollowUps(id)];
    for (let c = 0; c < header.chunkCount; c++) local.push(localKeys.job.items(id, c), localKeys.job.states(id, c));
    for (let p = 0; p < statusPagesOf(header.total); p++) local.push(localKeys.jobStatus(id, p));
    return { local, session: [sessionKeys.jobTab(id)] };
  }

  async header(jobId: string): Promise<JobHeader> {
    const key = localKeys.job.header(jobId);
    return decodeHeader((await this.areas.local.get([key]))[key], key);
  }

  /**
   * Deletes the job and every record it wrote. `unindex` is the engine's own deletion (it takes the job out of
   * the index under the engine's lock); whatever else the job wrote goes after it.
   */
  async removeJob(jobId: string, unindex: (jobId: string) => Promise<void>): Promise<void> {
    const header = await this.header(jobId);
    await unindex(jobId);
    const { local, session } = this.keysOf(header);
    await this.areas.local.remove(local);
    await this.areas.session.remove(session);
  }

  /** Bytes the job takes in storage.local (quota accounting). */
  async bytesOf(header: Pick<JobHeader, 'id' | 'total' | 'chunkCount'>): Promise<number> {
    const stored = await this.areas.local.get(this.keysOf(header).local);
    return Object.entries(stored).reduce((n, [k, v]) => n + entryBytes(k, v), 0);
  }

  async statusPages(jobId: string, pages: readonly number[]): Promise<Map<number, StatusRecord>> {
    const stored = await this.areas.local.get(pages.map((p) => localKeys.jobStatus(jobId, p)));
    const out = new Map<number, StatusRecord>();
    for (const page of pages) {
      const record = parsed(statusRecordSchema, stored[localKeys.jobStatus(jobId, page)]);
      if (record) out.set(page, record);
    }
    return out;
  }

  async writeStatusPage(jobId: string, page: number, record: StatusRecord): Promise<void> {
    await this.areas.local.set({ [localKeys.jobStatus(jobId, page)]: record });
  }

  /** Adds to what a page holds (a refresh of a few users keeps the others' states). */
  async mergeStatusPage(jobId: string, page: number, record: StatusRecord): Promise<void> {
    const current = (await this.statusPages(jobId, [page])).get(page) ?? {};
    await this.writeStatusPage(jobId, page, { ...current, ...record });
  }

  async followUps(jobId: string): Promise<FollowUpRecord[]> {
    const key = localKeys.jobFollowUps(jobId);
    return parsed(followUpsSchema, (await this.areas.local.get([key]))[key]) ?? [];
  }

  async appendFollowUps(jobId: string, records: readonly FollowUpRecord[]): Promise<void> {
    const previous = await this.followUps(jobId);
    await this.areas.local.set({ [localKeys.jobFollowUps(jobId)]: [...previous, ...records].slice(-FOLLOW_UPS_KEPT) });
  }

  /**
   * Removes the redeem links of these users from the job's follow-up records (their invitations were accepted: a
   * link lets whoever holds it redeem). The records themselves stay for the audit trail. Returns how many it removed.
   */
  async dropRedeemLinks(jobId: string, userIds: readonly string[]): Promise<number> {
    const wanted = new Set(userIds.map((id) => id.toLowerCase()));
    const records = await this.followUps(jobId);
    let removed = 0;
    const kept = records.map((r) => {
      if (!r.inviteRedeemUrl || !wanted.has(r.userId.toLowerCase())) return r;
      removed += 1;
      const { inviteRedeemUrl: _dropped, ...rest } = r;
      return rest;
    });
    if (removed > 0) await this.areas.local.set({ [localKeys.jobFollowUps(jobId)]: kept });
    return removed;
  }

  async setSubmitterTab(jobId: string, tabId: number): Promise<void> {
    await this.areas.session.set({ [sessionKeys.jobTab(jobId)]: tabId });
  }

  async submitterTab(jobId: string): Promise<number | undefined> {
    const key = sessionKeys.jobTab(jobId);
    return parsed(jobTabSchema, (await this.areas.session.get([key]))[key]);
  }
}
