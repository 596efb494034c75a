// Formatting for progress, time left and dates. Pure and locale-stable (en-US digits) so tests can pin it.
import type { JobCounters, JobSummary } from '../../src/messages';

const n = (x: number) => x.toLocaleString('en-US');

/** Items that reached an end state (done, failed, blocked or cancelled). */
export function processed(c: JobCounters): number {
  return c.done + c.failed + c.blocked + c.cancelled;
}

export function progressFraction(c: JobCounters): number {
  if (c.total <= 0) return 0;
  return Math.min(1, Math.max(0, processed(c) / c.total));
}

/** "120 of 500 processed: 110 done, 10 failed, 380 remaining" */
export function describeCounters(c: JobCounters): string {
  const parts = [`${n(c.done)} done`, `${n(c.failed)} failed`];
  if (c.blocked > 0) parts.push(`${n(c.blocked)} blocked`);
  if (c.cancelled > 0) parts.push(`${n(c.cancelled)} cancelled`);
  parts.push(`${n(c.remaining)} remaining`);
  return `${n(processed(c))} of ${n(c.total)} processed: ${parts.join(', ')}`;
}

/**
 * Time left: the worker's estimate when it gave one, else the average rate since the job started.
 * Undefined when nothing can be said yet (nothing processed) or nothing remains.
 */
export function estimateRemainingMs(job: Pick<JobSummary, 'counters' | 'createdAt' | 'etaMs'>, now: number): number | undefined {
  if (job.counters.remaining <= 0) return undefined;
  if (typeof job.etaMs === 'number' && Number.isFinite(job.etaMs) && job.etaMs >= 0) return job.etaMs;
  const done = processed(job.counters);
  const elapsed = now - job.createdAt;
  if (done <= 0 || elapsed <= 0) return undefined;
  return Math.round((elapsed / done) * job.counters.remaining);
}

/** "less than a minute left", "about 4 min left", "about 1 h 5 min left", "calculating time left…" */
export function formatTimeLeft(ms: number | undefined): string {
  if (ms === undefined) return 'Estimating time left…';
  if (ms < 60_000) return 'Less than a minute left';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `About ${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `About ${h} h left` : `About ${h} h ${m} min left`;
}

/** "2m 5s" / "1h 2m" / "45s" — elapsed durations. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** A timestamp as local date and time; '' for missing/invalid. */
export function formatDateTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A timestamp as ISO 8601 (UTC); '' for missing/invalid. */
export function toIso(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** "just now", "5 min ago", "3 h ago", else the date. */
export function formatAgo(then: number, now: number): string {
  const s = Math.round((now - then) / 1000);
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return formatDateTime(then);
}

/**
 * Job states the engine reports (src/jobs/model.ts JobStatus). PROPOSED: `JobSummary.state` typed as that
 * union in src/messages.ts. Unknown strings are shown as they are.
 */
export type KnownJobState = 'running' | 'paused' | 'paused-offline' | 'cancelling' | 'cancelled' | 'completed';

const STATE_LABELS: Record<string, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  'paused-offline': 'Paused (offline)',
  cancelling: 'Cancelling',
  done: 'Finished',
  completed: 'Finished',
  finished: 'Finished',
  cancelled: 'Cancelled',
  canceled: 'Cancelled',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

export function jobStateLabel(state: string): string {
  return STATE_LABELS[state] ?? (state ? state.charAt(0).toUpperCase() + state.slice(1) : 'Unknown');
}

const TERMINAL = new Set(['done', 'completed', 'finished', 'cancelled', 'canceled', 'failed']);

/** A job that still has work to do or may resume (running, queued, paused). */
export function isActiveJob(job: Pick<JobSummary, 'state' | 'finishedAt'>): boolean {
  return job.finishedAt === undefined && !TERMINAL.has(job.state);
}

export function isPaused(job: Pick<JobSummary, 'state'>): boolean {
  return job.state === 'paused' || job.state.startsWith('paused-');
}

/** The job to show as "running": the newest active one. */
export function pickRunningJob(jobs: readonly JobSummary[]): JobSummary | undefined {
  return [...jobs].filter(isActiveJob).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Coarse text for an aria-live region: changes at state changes and every 10 %, not on every item. */
export function liveProgressText(job: Pick<JobSummary, 'state' | 'counters'>): string {
  const pct = Math.floor(progressFraction(job.counters) * 10) * 10;
  return `${jobStateLabel(job.state)}: ${pct}% processed, ${n(job.counters.failed)} failed.`;
}

/** Item result states as the admin reads them. */
const ITEM_LABELS: Record<string, string> = {
  pending: 'Pending',
  queued: 'Pending',
  running: 'In progress',
  inProgress: 'In progress',
  addingEmail: 'Adding email',
  inviting: 'Inviting',
  settingType: 'Setting user type',
  done: 'Converted',
  succeeded: 'Converted',
  failed: 'Failed',
  blocked: 'Blocked',
  cancelled: 'Cancelled',
};

export function itemStateLabel(state: string): string {
  return ITEM_LABELS[state] ?? state;
}

export function itemStateTone(state: string): 'ok' | 'bad' | 'warn' | '' {
  if (state === 'done' || state === 'succeeded') return 'ok';
  if (state === 'failed') return 'bad';
  if (state === 'blocked') return 'warn';
  return '';
}
