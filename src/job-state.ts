// How a job's state reads — in the popup, the job page, the in-page control, the toolbar badge and the
// notifications: one wording and one tone, from the worker's summary. It says what happened, never what was
// asked: a pause still waiting for requests in flight is "Pausing", a job with failures is "Finished with N
// failed", a cancel separates the users converted before it from the ones never started.
import { formatNumber, messageLocale, t, tn } from './i18n';
import type { JobSummary } from './messages';

/** Fluent's status intents; each surface maps them to its own colours (popup, page theme, badge). */
export type StatusTone = 'informative' | 'success' | 'warning' | 'danger';

/**
 * "1 user", "2 users": English words only. Kept for the popup components that still hold English (issue 12 lists
 * them in eslint.config.js); translated code uses tn() with a plural key instead.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

type StateInput = Pick<JobSummary, 'state' | 'counters' | 'inFlight'>;

export interface JobStateText {
  label: string;
  tone: StatusTone;
}

/** The job's state in a few words: "Pausing — 20 requests in flight", "Finished with 3 failed". */
export function jobStateText(job: StateInput): JobStateText {
  const inFlight = job.inFlight ?? 0;
  const failed = job.counters.failed;
  switch (job.state) {
    case 'running':
      return { label: t('state_running'), tone: 'informative' };
    case 'paused':
      return inFlight > 0 ? { label: tn('state_pausingInFlight', inFlight), tone: 'warning' } : { label: t('state_paused'), tone: 'warning' };
    case 'paused-offline':
      return { label: t('state_pausedOffline'), tone: 'warning' };
    case 'waiting-for-sign-in':
      return { label: t('state_waitingForSignIn'), tone: 'warning' };
    case 'cancelling':
      return { label: inFlight > 0 ? tn('state_cancellingInFlight', inFlight) : t('state_cancelling'), tone: 'warning' };
    case 'completed':
      return failed > 0 ? { label: tn('state_finishedFailed', failed), tone: 'danger' } : { label: t('state_finished'), tone: 'success' };
    case 'cancelled':
      return failed > 0 ? { label: tn('state_cancelledFailed', failed), tone: 'danger' } : { label: t('state_cancelled'), tone: 'warning' };
    default:
      // A state from a newer worker than this page: shown as it is rather than guessed.
      return { label: String(job.state || t('state_unknown')), tone: 'informative' };
  }
}

/**
 * What the job did, in one sentence: "4 of 5 users converted, 1 failed";
 * cancelled: "12 users converted before the cancel, 38 not started". Blocked users (never sent) are named apart.
 */
export function jobOutcomeText(job: Pick<JobSummary, 'state' | 'counters'>): string {
  const c = job.counters;
  const converted = c.converted ?? c.done;
  const extras: string[] = [];
  if (c.failed > 0) extras.push(tn('state_part_failed', c.failed));
  if (c.blocked > 0) extras.push(tn('state_part_blocked', c.blocked));
  if (job.state === 'cancelled') {
    const notStarted = c.notStarted ?? c.cancelled;
    const stopped = c.cancelled - notStarted;
    const parts = [tn('state_part_convertedBeforeCancel', converted), tn('state_part_notStarted', notStarted)];
    if (stopped > 0) parts.push(tn('state_part_stoppedPartWay', stopped));
    return [...parts, ...extras].join(', ');
  }
  if (job.state === 'completed') return [tn('state_part_convertedOf', c.total, { done: converted }), ...extras].join(', ');
  const left = c.remaining > 0 ? [tn('state_part_left', c.remaining)] : [];
  if ((c.verifying ?? 0) > 0) left.unshift(tn('state_part_verifying', c.verifying ?? 0));
  return [tn('state_part_convertedOf', c.total, { done: c.done }), ...extras, ...left].join(', ');
}

export interface BadgeState {
  text: string;
  tone: StatusTone | 'none';
  title: string;
}


/** `n` as a badge fits it (4 characters at most). */
export function compactCount(count: number): string {
  // The decimal separator is the language's ("1.2k", "1,2k"); "k" is understood in every language the badge speaks.
  const oneDecimal = new Intl.NumberFormat(messageLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
  return count >= 10_000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${oneDecimal.format(Math.floor(count / 100) / 10)}k` : String(count);
}

/**
 * The toolbar badge: "!" (warning) while a job waits for sign-in — the admin must act; the users left while
 * jobs are unfinished (danger once any failed); after they end, the newest job's failures ("Finished with N
 * failed"), nothing when it went well.
 */
export function badgeState(jobs: readonly Pick<JobSummary, 'state' | 'counters' | 'createdAt' | 'inFlight'>[]): BadgeState {
  const unfinished = jobs.filter((j) => j.state !== 'completed' && j.state !== 'cancelled');
  const waiting = unfinished.filter((j) => j.state === 'waiting-for-sign-in');
  if (waiting.length > 0) {
    const users = waiting.reduce((sum, j) => sum + j.counters.remaining, 0);
    return { text: '!', tone: 'warning', title: tn('state_badge_signIn', users, { product: t('extName') }) };
  }
  if (unfinished.length > 0) {
    const remaining = unfinished.reduce((sum, j) => sum + j.counters.remaining, 0);
    const failed = unfinished.reduce((sum, j) => sum + j.counters.failed, 0);
    const states = [...new Set(unfinished.map((j) => jobStateText(j).label))].join(', ');
    return {
      text: compactCount(remaining),
      tone: failed > 0 ? 'danger' : 'informative',
      title: failed > 0 ? tn('state_badge_leftFailed', remaining, { failed, product: t('extName'), states }) : tn('state_badge_left', remaining, { product: t('extName'), states }),
    };
  }
  const latest = [...jobs].sort((a, b) => b.createdAt - a.createdAt)[0];
  if (latest && latest.counters.failed > 0) {
    return {
      text: compactCount(latest.counters.failed),
      tone: 'danger',
      title: t('state_badge_finished', { outcome: jobOutcomeText(latest), product: t('extName'), state: jobStateText(latest).label }),
    };
  }
  return { text: '', tone: 'none', title: t('extName') };
}

/** The badge's background per tone: Fluent's status colours (white text stays ≥ 4.5:1 on each). */
export const BADGE_COLOURS: Readonly<Record<BadgeState['tone'], string>> = {
  informative: '#0f6cbd',
  success: '#107c10',
  warning: '#8a3707',
  danger: '#c50f1f',
  none: '#0f6cbd',
};
