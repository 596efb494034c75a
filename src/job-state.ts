// How a job's state reads — in the popup, the job page, the in-page control, the toolbar badge and the
// notifications: one wording and one tone, from the worker's summary. It says what happened, never what was
// asked: a pause still waiting for requests in flight is "Pausing", a job with failures is "Finished with N
// failed", a cancel separates the users converted before it from the ones never started.
import type { JobSummary } from './messages';

/** Fluent's status intents; each surface maps them to its own colours (popup, page theme, badge). */
export type StatusTone = 'informative' | 'success' | 'warning' | 'danger';

const n = (x: number): string => x.toLocaleString('en-US');

/** "1 user", "2 users"; `many` for irregular plurals. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${n(count)} ${count === 1 ? one : many}`;
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
  const waitingFor = inFlight > 0 ? ` — ${plural(inFlight, 'request')} in flight` : '';
  switch (job.state) {
    case 'running':
      return { label: 'Running', tone: 'informative' };
    case 'paused':
      return inFlight > 0 ? { label: `Pausing${waitingFor}`, tone: 'warning' } : { label: 'Paused', tone: 'warning' };
    case 'paused-offline':
      return { label: 'Paused (offline)', tone: 'warning' };
    case 'waiting-for-sign-in':
      return { label: 'Waiting for sign-in', tone: 'warning' };
    case 'cancelling':
      return { label: `Cancelling${waitingFor}`, tone: 'warning' };
    case 'completed':
      return failed > 0 ? { label: `Finished with ${n(failed)} failed`, tone: 'danger' } : { label: 'Finished', tone: 'success' };
    case 'cancelled':
      return failed > 0 ? { label: `Cancelled, ${n(failed)} failed`, tone: 'danger' } : { label: 'Cancelled', tone: 'warning' };
    default: {
      // Exhaustive over the engine's JobStatus: a state without a case above does not compile (`state` is never here).
      // At run time, a state from a newer worker than this page (replies are not re-checked) is shown as it is.
      const unknown: never = job.state;
      return { label: String(unknown || 'Unknown'), tone: 'informative' };
    }
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
  if (c.failed > 0) extras.push(`${n(c.failed)} failed`);
  if (c.blocked > 0) extras.push(`${n(c.blocked)} blocked`);
  if (job.state === 'cancelled') {
    const notStarted = c.notStarted ?? c.cancelled;
    const stopped = c.cancelled - notStarted;
    const parts = [`${plural(converted, 'user')} converted before the cancel`, `${n(notStarted)} not started`];
    if (stopped > 0) parts.push(`${n(stopped)} stopped part-way`);
    return [...parts, ...extras].join(', ');
  }
  if (job.state === 'completed') return [`${n(converted)} of ${plural(c.total, 'user')} converted`, ...extras].join(', ');
  const left = c.remaining > 0 ? [`${n(c.remaining)} left`] : [];
  if ((c.verifying ?? 0) > 0) left.unshift(`${n(c.verifying ?? 0)} verifying`);
  return [`${n(c.done)} of ${plural(c.total, 'user')} converted`, ...extras, ...left].join(', ');
}

export interface BadgeState {
  text: string;
  tone: StatusTone | 'none';
  title: string;
}

const PRODUCT = 'B2B Convert for Entra';

/** `n` as a badge fits it (4 characters at most). */
export function compactCount(count: number): string {
  return count >= 10_000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${(count / 1000).toFixed(1)}k` : String(count);
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
    return { text: '!', tone: 'warning', title: `${PRODUCT}: sign in to continue converting ${plural(users, 'user')}` };
  }
  if (unfinished.length > 0) {
    const remaining = unfinished.reduce((sum, j) => sum + j.counters.remaining, 0);
    const failed = unfinished.reduce((sum, j) => sum + j.counters.failed, 0);
    const states = [...new Set(unfinished.map((j) => jobStateText(j).label))].join(', ');
    return {
      text: compactCount(remaining),
      tone: failed > 0 ? 'danger' : 'informative',
      title: `${PRODUCT}: ${states} — ${plural(remaining, 'user')} left${failed > 0 ? `, ${n(failed)} failed` : ''}`,
    };
  }
  const latest = [...jobs].sort((a, b) => b.createdAt - a.createdAt)[0];
  if (latest && latest.counters.failed > 0) {
    return { text: compactCount(latest.counters.failed), tone: 'danger', title: `${PRODUCT}: ${jobStateText(latest).label} — ${jobOutcomeText(latest)}` };
  }
  return { text: '', tone: 'none', title: PRODUCT };
}

/** The badge's background per tone: Fluent's status colours (white text stays ≥ 4.5:1 on each). */
export const BADGE_COLOURS: Readonly<Record<BadgeState['tone'], string>> = {
  informative: '#0f6cbd',
  success: '#107c10',
  warning: '#8a3707',
  danger: '#c50f1f',
  none: '#0f6cbd',
};
