// After confirming: the job's live counters and progress bar, a way to cancel what has not run yet, and the reminder
// that closing the dialog does not stop the job.
import { useState } from 'preact/hooks';
import type { PreflightResult } from '../../../src/messages';
import { describeFailure, type Services } from '../../../content/services';
import { fmt } from './format';
import type { IsTrusted } from './types';
import { useJobProgress } from './use-job-progress';

/** The worker's job states in the dialog's words (older and newer state names included). */
const STATE_LABELS: Record<string, string> = {
  queued: 'Queued',
  pending: 'Queued',
  running: 'Converting',
  paused: 'Paused',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  done: 'Finished',
  finished: 'Finished',
  completed: 'Finished',
  failed: 'Stopped with errors',
};

export function JobProgress(p: {
  jobId: string;
  /** The number of users submitted, shown until the first summary arrives. */
  total: number;
  result: PreflightResult;
  services: Services;
  pollMs: number | undefined;
  trusted: IsTrusted;
  onClose: () => void;
}) {
  const { services } = p;
  const { summary, setSummary, pollProblem } = useJobProgress(services, p.jobId, p.pollMs);
  const [cancelError, setCancelError] = useState('');
  const finished = summary?.finishedAt !== undefined;

  const c = summary?.counters;
  const total = c?.total ?? p.total;
  const processed = c ? c.done + c.failed + c.blocked + c.cancelled : 0;
  const pct = total > 0 ? Math.round((processed / total) * 100) : 0;
  const state = summary ? (STATE_LABELS[summary.state] ?? summary.state) : 'Starting';
  const cancel = async (e: Event) => {
    if (!p.trusted(e)) return;
    try {
      setSummary(await services.request('job/control', { jobId: p.jobId, action: 'cancel' }));
    } catch (err) {
      setCancelError(describeFailure(err).message);
    }
  };
  return (
    <>
      <div class="body">
        <p id="b2b-review-summary" class="summary">
          Converting {fmt(total)} user{total === 1 ? '' : 's'} in {p.result.tenantName || p.result.tenantId}.
        </p>
        <div role="status" aria-live="polite" data-b2b="progress">
          <p>
            {state}: {fmt(c?.done ?? 0)} converted, {fmt(c?.failed ?? 0)} failed, {fmt(c?.blocked ?? 0)} blocked
            {c && c.cancelled > 0 ? `, ${fmt(c.cancelled)} cancelled` : ''}, {fmt(c?.remaining ?? total)} remaining.
          </p>
        </div>
        <div class="progress" role="progressbar" aria-label="Conversion progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={processed}>
          <div style={{ width: `${pct}%` }} />
        </div>
        {pollProblem && !summary ? <p class="upn">Waiting for progress from the extension… ({pollProblem})</p> : null}
        {cancelError ? (
          <div class="msg error" role="alert">
            {cancelError}
          </div>
        ) : null}
        <p class="msg info">
          {finished
            ? 'The conversion has finished. The extension’s popup lists the result of every user.'
            : 'You can close this dialog: the conversion goes on in the background, and the extension’s popup shows its progress and results.'}
        </p>
      </div>
      <footer>
        {!finished ? (
          <button type="button" class="btn" onClick={(e) => void cancel(e)}>
            Cancel remaining
          </button>
        ) : null}
        <button type="button" class="btn primary" onClick={p.onClose}>
          Close
        </button>
      </footer>
    </>
  );
}
