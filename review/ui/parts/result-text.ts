// The job in the review's words, from the worker's summary: while it runs, the state and the counters as they
// change; once it is over, what happened, in the past tense ("Converted 5 users", "Converted 3 of 5 — 2 failed"),
// and the tone it is shown in (Fluent's status intents, as src/job-state.ts uses them for the popup and the badge).
import type { JobStatus } from '../../../src/jobs/model';
import type { JobSummary } from '../../../src/messages';
import { formatList, t, tn } from '../../../src/i18n';
import type { StatusTone } from '../../../src/job-state';

type Summary = Pick<JobSummary, 'state' | 'counters' | 'inFlight' | 'finishedAt'>;

/** Every job state of the engine while the job is not over (exhaustive: a new state does not compile without one). */
function stateLabel(s: Summary): string {
  const inFlight = s.inFlight ?? 0;
  const labels: Record<JobStatus, () => string> = {
    running: () => t('review_state_running'),
    paused: () => (inFlight > 0 ? tn('review_state_pausing', inFlight) : t('review_state_paused')),
    'paused-offline': () => t('review_state_pausedOffline'),
    'waiting-for-sign-in': () => t('review_state_waitingForSignIn'),
    cancelling: () => (inFlight > 0 ? tn('review_state_cancellingInFlight', inFlight) : t('review_state_cancelling')),
    cancelled: () => t('review_state_cancelled'),
    completed: () => t('review_state_completed'),
  };
  return (labels[s.state] ?? (() => String(s.state)))();
}

/** While the job runs: "Converting: 1 converted, 0 failed, 0 blocked, 4 remaining." */
export function progressLine(s: Summary | undefined, total: number): string {
  if (!s) return tn('review_progress_starting', total);
  const c = s.counters;
  const parts = [tn('review_count_converted', c.done), tn('review_count_failed', c.failed), tn('review_count_blocked', c.blocked)];
  if (c.cancelled > 0) parts.push(tn('review_count_cancelled', c.cancelled));
  if ((c.verifying ?? 0) > 0) parts.push(tn('review_count_verifying', c.verifying ?? 0));
  parts.push(tn('review_count_remaining', c.remaining));
  return t('review_progress_line', { state: stateLabel(s), counts: parts.join(', ') });
}

export interface ResultText {
  /** One sentence in the past tense. */
  headline: string;
  tone: StatusTone;
}

/** Once the job is over (undefined while it is not): what happened, and how it is shown. */
export function resultText(s: Summary | undefined): ResultText | undefined {
  if (!s || s.finishedAt === undefined || (s.state !== 'completed' && s.state !== 'cancelled')) return undefined;
  const c = s.counters;
  const converted = c.converted ?? c.done;
  const problems = [...(c.failed > 0 ? [tn('review_count_failed', c.failed)] : []), ...(c.blocked > 0 ? [tn('review_count_blocked', c.blocked)] : [])];
  if (s.state === 'cancelled') {
    const notStarted = c.notStarted ?? c.cancelled;
    const headline = t('review_result_cancelled', { converted, notStarted });
    return { headline: problems.length > 0 ? t('review_result_withProblems', { outcome: headline, problems: formatList(problems) }) : headline, tone: c.failed > 0 ? 'danger' : 'warning' };
  }
  if (problems.length === 0) return { headline: tn('review_result_converted', converted), tone: 'success' };
  const outcome = t('review_result_convertedOf', { converted, total: c.total });
  return { headline: t('review_result_withProblems', { outcome, problems: formatList(problems) }), tone: c.failed > 0 ? 'danger' : 'warning' };
}
