// Formatting for progress, time left and dates. Pure and locale-stable (en-US digits) so tests can pin it.
import type { JobStatus } from '../../src/jobs/model';
import { jobStateText } from '../../src/job-state';
import type { ItemRowState, JobSummaryCounters as JobCounters, JobSummary } from '../../src/messages';

const n = (x: number) => x.toLocaleString('en-US');

/** Items that reached an end state (done, failed, blocked or cancelled). */
export function processed(c: JobCounters): number {
  return c.done + c.failed + c.blocked + c.cancelled;
}

export function progressFraction(c: JobCounters): number {
  if (c.total <= 0) return 0;
  return Math.min(1, Math.max(0, processed(c) / c.total));
}

/** "120 of 500 processed: 110 done, 10 failed, 15 verifying, 380 remaining" */
export function describeCounters(c: JobCounters): string {
  const parts = [`${n(c.done)} done`, `${n(c.failed)} failed`];
  if (c.blocked > 0) parts.push(`${n(c.blocked)} blocked`);
  if (c.cancelled > 0) parts.push(`${n(c.cancelled)} cancelled`);
  // Sent before an interruption, not yet read back from Graph: neither done nor still to do.
  if (c.verifying) parts.push(`${n(c.verifying)} verifying`);
  parts.push(`${n(c.remaining)} remaining`);
  return `${n(processed(c))} of ${n(c.total)} processed: ${parts.join(', ')}`;
}

/**
 * Time left: the worker's estimate (from the pacer's rate and this run's), given only while the job can move.
 * Undefined otherwise — paused, offline, waiting for sign-in — or when nothing remains. No estimate is made up
 * here: an average since the job was created would promise a time for a job that is standing still.
 */
export function estimateRemainingMs(job: Pick<JobSummary, 'counters' | 'etaMs' | 'state'>): number | undefined {
  if (job.counters.remaining <= 0 || job.state !== 'running') return undefined;
  return typeof job.etaMs === 'number' && Number.isFinite(job.etaMs) && job.etaMs >= 0 ? job.etaMs : undefined;
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

/** A job state in the popup's words: the shared wording (src/job-state.ts) from the state alone. */
export function jobStateLabel(state: JobStatus): string {
  return jobStateText({ state, counters: { total: 0, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 0 } }).label;
}

/** A job that still has work to do or may resume (running, paused, waiting). */
export function isActiveJob(job: Pick<JobSummary, 'state' | 'finishedAt'>): boolean {
  return job.finishedAt === undefined && job.state !== 'completed' && job.state !== 'cancelled';
}

/** Paused by the admin or waiting for the network: Resume is the way on. */
export function isPaused(job: Pick<JobSummary, 'state'>): boolean {
  return job.state === 'paused' || job.state === 'paused-offline';
}

export function isWaitingForSignIn(job: Pick<JobSummary, 'state'>): boolean {
  return job.state === 'waiting-for-sign-in';
}

/** The job to show as "running": the newest active one. */
export function pickRunningJob(jobs: readonly JobSummary[]): JobSummary | undefined {
  return [...jobs].filter(isActiveJob).sort((a, b) => b.createdAt - a.createdAt)[0];
}

/** Coarse text for an aria-live region: changes at state changes and every 10 %, not on every item. */
export function liveProgressText(job: Pick<JobSummary, 'state' | 'counters' | 'inFlight'>): string {
  const pct = Math.floor(progressFraction(job.counters) * 10) * 10;
  return `${jobStateText(job).label}: ${pct}% processed, ${n(job.counters.failed)} failed.`;
}

/** Item result states as the admin reads them: every state a job view can report (tsc checks), and older spellings. */
const ITEM_LABELS: Readonly<Record<ItemRowState, string>> & Readonly<Record<string, string>> = {
  pending: 'Pending',
  queued: 'Pending',
  running: 'In progress',
  inProgress: 'In progress',
  addingEmail: 'Adding email',
  inviting: 'Inviting',
  settingType: 'Setting user type',
  verifying: 'Verifying',
  convertingToInternal: 'Converting back to internal',
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

/**
 * The first sentence of a message and the rest ("" when there is no more), so a long Graph error shows one line
 * with a disclosure for the rest. A sentence ends at . ! or ? followed by white space.
 */
export function splitFirstSentence(text: string): { first: string; rest: string } {
  const trimmed = text.trim();
  const end = /[.!?](?=\s+\S)/.exec(trimmed);
  if (!end) return { first: trimmed, rest: '' };
  return { first: trimmed.slice(0, end.index + 1), rest: trimmed.slice(end.index + 1).trim() };
}

/** The domain part of a UPN (for a guest admin `x#EXT#@contoso.onmicrosoft.com`, the host tenant's domain). */
export function domainOf(upn: string): string {
  const at = upn.lastIndexOf('@');
  return at >= 0 ? upn.slice(at + 1) : '';
}
