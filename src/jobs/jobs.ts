// Creating, listing, reading and deleting jobs: plain functions over the store port.
import {
  decodeHeader,
  decodeIndex,
  decodeItemChunk,
  decodeStateChunk,
  DEFAULT_CHUNK_SIZE,
  encodeHeader,
  encodeIndex,
  encodeItemChunk,
  encodeSpec,
  encodeStateChunk,
  keys,
} from './schema';
import { JobNotFoundError } from './job-file';
import {
  emptyCounters,
  STEP_FLAG,
  tally,
  type CreateJobInput,
  type ItemState,
  type ItemStatus,
  type JobHeader,
  type JobItemInput,
  type JobItemView,
} from './model';
import type { JobStorePort } from './ports';
import { blockReason, JobInputError, validate } from './job-input';

export { JobInputError };

// The index is read-modify-write; serialize updates per store so two creations cannot lose each other.
const indexLocks = new WeakMap<JobStorePort, Promise<unknown>>();
function withIndexLock<T>(store: JobStorePort, work: () => Promise<T>): Promise<T> {
  const previous = indexLocks.get(store) ?? Promise.resolve();
  const next = previous.then(work, work);
  indexLocks.set(store, next.catch(() => undefined));
  return next;
}

export interface CreateJobOptions {
  now?: () => number;
  chunkSize?: number;
  newId?: () => string;
}

/**
 * Persists a new job (status `running`: a created job is meant to run and resumeAll() will pick it up
 * even if the worker dies before run() is called). Chunks are written first and the index last, so a
 * crash mid-creation leaves an invisible orphan rather than a half job.
 */
export async function createJob(store: JobStorePort, input: CreateJobInput, opts: CreateJobOptions = {}): Promise<JobHeader> {
  validate(input);
  const now = opts.now ?? Date.now;
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new JobInputError('chunkSize must be a positive integer');
  const id = input.id ?? (opts.newId ?? (() => crypto.randomUUID()))();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new JobInputError('job id must be 1-64 characters [A-Za-z0-9_-]');
  const createdAt = now();
  const total = input.items.length;
  const chunkCount = Math.ceil(total / chunkSize);
  const counters = emptyCounters();
  const seen = new Set<string>();

  const existing = await store.get([keys.header(id)]);
  if (existing[keys.header(id)] !== undefined) throw new JobInputError(`job ${id} already exists`);

  const undo = input.kind === 'undo' ? input : undefined;
  for (let c = 0; c < chunkCount; c++) {
    const items = input.items.slice(c * chunkSize, (c + 1) * chunkSize).map((item) => ({ ...item, email: item.email.trim() }));
    const states = items.map((item, k): ItemState => {
      const reason = blockReason(item, input.ranBy, seen);
      // A blocked item never sends, so its password is never stored.
      const secret = reason ? undefined : undo?.secrets[c * chunkSize + k];
      const state: ItemState = reason
        ? { status: 'blocked', sent: false, attempt: 0, steps: 0, round: 0, updatedAt: createdAt, reason }
        : { status: 'queued', sent: false, attempt: 0, steps: 0, round: 0, updatedAt: createdAt, ...(secret !== undefined ? { secret } : {}) };
      tally(counters, state, 1);
      return state;
    });
    await store.set({ [keys.items(id, c)]: encodeItemChunk(items) });
    await store.set({ [keys.states(id, c)]: encodeStateChunk(states) });
  }
  const header: JobHeader = {
    v: 1,
    id,
    tenantId: input.tenantId,
    ranBy: input.ranBy,
    createdAt,
    total,
    chunkSize,
    chunkCount,
    status: 'running',
    counters,
    updatedAt: createdAt,
    round: 0,
    ...(input.kind === 'undo'
      ? { kind: 'undo' as const, undoOf: input.undoOf }
      : {
          ...(input.planHash ? { planHash: input.planHash } : {}),
          ...(input.options.sponsors && input.options.sponsors.length > 0 ? { sponsors: input.options.sponsors.map((s) => ({ ...s })) } : {}),
        }),
  };
  await store.set({ [keys.spec(id)]: encodeSpec(input.kind === 'undo' ? undefined : input.options) });
  await store.set({ [keys.header(id)]: encodeHeader(header) });
  await withIndexLock(store, async () => {
    const ids = decodeIndex((await store.get([keys.index()]))[keys.index()]);
    if (!ids.includes(id)) await store.set({ [keys.index()]: encodeIndex([...ids, id]) });
  });
  return encodeHeader(header);
}

/** Every job's header, oldest first. Jobs whose header cannot be read are skipped (see listJobsDetailed). */
export async function listJobs(store: JobStorePort): Promise<JobHeader[]> {
  return (await listJobsDetailed(store)).jobs;
}

/** Like listJobs, plus the jobs that could not be decoded (e.g. written by a newer version). */
export async function listJobsDetailed(store: JobStorePort): Promise<{ jobs: JobHeader[]; unreadable: Array<{ id: string; error: string }> }> {
  const ids = decodeIndex((await store.get([keys.index()]))[keys.index()]);
  if (ids.length === 0) return { jobs: [], unreadable: [] };
  const got = await store.get(ids.map((id) => keys.header(id)));
  const jobs: JobHeader[] = [];
  const unreadable: Array<{ id: string; error: string }> = [];
  for (const id of ids) {
    const raw = got[keys.header(id)];
    if (raw === undefined) continue;
    try {
      jobs.push(decodeHeader(raw, `job ${id} header`));
    } catch (error) {
      unreadable.push({ id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { jobs, unreadable };
}

export async function readHeader(store: JobStorePort, jobId: string): Promise<JobHeader> {
  const raw = (await store.get([keys.header(jobId)]))[keys.header(jobId)];
  if (raw === undefined) throw new JobNotFoundError(`job ${jobId} not found`);
  return decodeHeader(raw, `job ${jobId} header`);
}

export interface ReadItemsQuery {
  offset?: number;
  limit?: number;
  filter?: {
    status?: readonly ItemStatus[];
    /** Items whose outcome is not known yet. */
    outcomeUnknown?: boolean;
    /** Case-insensitive substring of UPN, display name or email. */
    text?: string;
  };
}

export function toView(index: number, item: JobItemInput, state: ItemState): JobItemView {
  const view: JobItemView = {
    ...item,
    index,
    status: state.status,
    outcomeUnknown: state.sent,
    attempt: state.attempt,
    emailAdded: (state.steps & STEP_FLAG.addingEmail) !== 0,
    invited: (state.steps & STEP_FLAG.inviting) !== 0,
    userTypeSet: (state.steps & STEP_FLAG.settingType) !== 0,
    convertedToInternal: (state.steps & STEP_FLAG.convertingToInternal) !== 0,
    round: state.round,
    updatedAt: state.updatedAt,
  };
  if (state.reason) view.reason = { ...state.reason };
  if (state.receipt) view.receipt = { ...state.receipt };
  return view;
}

/**
 * A page of items as persisted (a running job's newest transitions appear once flushed). Without a
 * filter only the chunks covering the page are read; with one, chunks are scanned in order.
 */
export async function readItems(store: JobStorePort, jobId: string, query: ReadItemsQuery = {}): Promise<{ total: number; items: JobItemView[] }> {
  const header = await readHeader(store, jobId);
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const limit = Math.max(0, Math.min(1000, Math.floor(query.limit ?? 100)));
  const filter = query.filter;
  const text = filter?.text?.trim().toLowerCase();
  const matches = (item: JobItemInput, state: ItemState): boolean =>
    (!filter?.status || filter.status.includes(state.status)) &&
    (filter?.outcomeUnknown === undefined || filter.outcomeUnknown === state.sent) &&
    (!text || [item.userPrincipalName, item.displayName, item.email].some((s) => s.toLowerCase().includes(text)));
  const unfiltered = !filter?.status && filter?.outcomeUnknown === undefined && !text;
  const firstChunk = unfiltered ? Math.floor(offset / header.chunkSize) : 0;
  const items: JobItemView[] = [];
  let seen = unfiltered ? firstChunk * header.chunkSize : 0;
  for (let c = firstChunk; c < header.chunkCount; c++) {
    if (unfiltered && items.length >= limit) break;
    const itemsKey = keys.items(jobId, c);
    const statesKey = keys.states(jobId, c);
    const got = await store.get([itemsKey, statesKey]);
    const chunkItems = decodeItemChunk(got[itemsKey], itemsKey);
    const states = decodeStateChunk(got[statesKey], statesKey);
    chunkItems.forEach((item, i) => {
      const state = states[i];
      if (!state || !matches(item, state)) return;
      if (seen >= offset && items.length < limit) items.push(toView(c * header.chunkSize + i, item, state));
      seen += 1;
    });
  }
  return { total: unfiltered ? header.total : seen, items };
}

/** Removes a job and its records. The caller makes sure no runner is working on it. */
export async function deleteJob(store: JobStorePort, jobId: string): Promise<void> {
  const header = await readHeader(store, jobId);
  await withIndexLock(store, async () => {
    const ids = decodeIndex((await store.get([keys.index()]))[keys.index()]);
    const rest = ids.filter((id) => id !== jobId);
    // The last job gone: no index at all, as before the first job (an empty index would outlive every job).
    if (rest.length === 0) await store.remove([keys.index()]);
    else await store.set({ [keys.index()]: encodeIndex(rest) });
  });
  const all = [keys.header(jobId), keys.spec(jobId)];
  for (let c = 0; c < header.chunkCount; c++) all.push(keys.items(jobId, c), keys.states(jobId, c));
  await store.remove(all);
}

/** Counters recomputed from the stored states (for diagnostics and tests). */
export async function countStored(store: JobStorePort, jobId: string): Promise<JobHeader['counters']> {
  const header = await readHeader(store, jobId);
  const counters = emptyCounters();
  for (let c = 0; c < header.chunkCount; c++) {
    const key = keys.states(jobId, c);
    for (const state of decodeStateChunk((await store.get([key]))[key], key)) tally(counters, state, 1);
  }
  return counters;
}
