// Keeping the popup's list of jobs current from replies and progress events.
import type { AuthStatus, JobSummary } from '../../src/messages';
import { sessionKeys } from '../../src/storage/keys';

/** Insert or replace a job by id, newest first. */
export function upsertJob(jobs: readonly JobSummary[], job: JobSummary): JobSummary[] {
  const rest = jobs.filter((j) => j.id !== job.id);
  return [job, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}

export const POPUP_CACHE_KEY = sessionKeys.popupCache;
/** Only this many jobs are cached for the instant first paint; the full list comes from the worker. */
export const CACHED_JOBS = 20;

export interface PopupCache {
  auth?: AuthStatus;
  jobs?: JobSummary[];
  savedAt: number;
}

export function toCache(auth: AuthStatus | undefined, jobs: readonly JobSummary[] | undefined, now: number): PopupCache {
  const cache: PopupCache = { savedAt: now };
  if (auth) cache.auth = auth;
  if (jobs) cache.jobs = jobs.slice(0, CACHED_JOBS);
  return cache;
}

/** A cache entry is used only if it looks like one (storage may hold anything from an older version). */
export function readCache(raw: unknown): PopupCache | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const c = raw as Partial<PopupCache>;
  if (typeof c.savedAt !== 'number') return undefined;
  const out: PopupCache = { savedAt: c.savedAt };
  if (c.auth && typeof c.auth === 'object' && typeof c.auth.signedIn === 'boolean') out.auth = c.auth;
  if (Array.isArray(c.jobs)) out.jobs = c.jobs.filter((j) => j && typeof j.id === 'string' && j.counters && typeof j.createdAt === 'number');
  return out;
}
