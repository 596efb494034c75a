// Formatting for progress, time left and dates, in the words of the catalogue in use (src/i18n): numbers and dates
// follow the catalogue's language, so tests with the English catalogue can pin them.
import type { JobStatus } from '../../src/jobs/model';
import { jobStateText } from '../../src/job-state';
import { formatDateTime as formatLocalDateTime, t } from '../../src/i18n';
import type { ItemRowState, JobSummaryCounters as JobCounters, JobSummary } from '../../src/messages';

/** Items that reached an end state (done, failed, blocked or cancelled). */
export function processed(c: JobCounters): number {
  return c.done + c.failed + c.blocked + c.cancelled;
}

export function progressFraction(c: JobCounters): number {
  if (c.total <= 0) return 0;
  return Math.min(1, Math.max(0, processed(c) / c.total));
}

/** The counters as parts ("110 done", "10 failed", …): the progress legend and describeCounters. */
export function counterParts(c: JobCounters): string[] {
  const parts = [t('counters_done', { count: c.done }), t('counters_failed', { count: c.failed })];
  if (c.blocked > 0) parts.push(t('counters_blocked', { count: c.blocked }));
  if (c.cancelled > 0) parts.push(t('counters_cancelled', { count: c.cancelled }));
  // Sent before an interruption, not yet read back from Graph: neither done nor still to do.
  if (c.verifying) parts.push(t('counters_verifying', { count: c.verifying }));
  parts.push(t('counters_remaining', { count: c.remaining }));
  return parts;
}

/** "120 of 500 processed: 110 done, 10 failed, 15 verifying, 380 remaining" */
export function describeCounters(c: JobCounters): string {
  return t('counters_processed', { parts: counterParts(c).join(', '), processed: processed(c), total: c.total });
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

/** "Less than a minute left", "About 4 min left", "About 1 h 5 min left", "Estimating time left…" */
export function formatTimeLeft(ms: number | undefined): string {
  if (ms === undefined) return t('time_estimating');
  if (ms < 60_000) return t('time_underMinute');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return t('time_minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? t('time_hours', { hours }) : t('time_hoursMinutes', { hours, minutes: m });
}

/** A timestamp as date and time in the catalogue's language; '' for missing/invalid. */
export function formatDateTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? '' : formatLocalDateTime(ms);
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
  if (s < 45) return t('ago_justNow');
  const minutes = Math.round(s / 60);
  if (minutes < 60) return t('ago_minutes', { minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 24) return t('ago_hours', { hours });
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
  return t('live_progress', { failed: job.counters.failed, percent: pct, state: jobStateText(job).label });
}

/**
 * Item result states as the admin reads them: every state a job view can report (tsc checks), and older spellings
 * (a function: the words exist only once the catalogue is installed).
 */
function itemLabels(): Readonly<Record<ItemRowState, string>> & Readonly<Record<string, string>> {
  return {
    pending: t('itemState_pending'),
    queued: t('itemState_pending'),
    running: t('itemState_inProgress'),
    inProgress: t('itemState_inProgress'),
    addingEmail: t('itemState_addingEmail'),
    inviting: t('itemState_inviting'),
    settingType: t('itemState_settingType'),
    verifying: t('itemState_verifying'),
    convertingToInternal: t('itemState_convertingToInternal'),
    done: t('itemState_converted'),
    succeeded: t('itemState_converted'),
    failed: t('itemState_failed'),
    blocked: t('itemState_blocked'),
    cancelled: t('itemState_cancelled'),
  };
}

export function itemStateLabel(state: string): string {
  return itemLabels()[state] ?? state;
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
