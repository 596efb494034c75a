// After confirming: the job's live counters and progress bar, a way to cancel what has not run yet, and the reminder
// that closing the dialog does not stop the job.
import { useState } from 'preact/hooks';
import type { JobStatus } from '../../../src/jobs/model';
import type { PreflightResult } from '../../../src/messages';
import { describeFailure, type Services } from '../../../content/services';
import { fmt } from './format';
import type { IsTrusted } from './types';
import { useJobProgress } from './use-job-progress';

/** Every job state of the engine in the dialog's words (exhaustive: a new state does not compile without one). */
const STATE_LABELS: Record<JobStatus, string> = {
  running: 'Converting',
  paused: 'Paused',
  'paused-offline': 'Paused while offline',
  'waiting-for-sign-in': 'Waiting for sign-in',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  completed: 'Finished',
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
  const [signingIn, setSigningIn] = useState(false);
  const finished = summary?.finishedAt !== undefined;

  const c = summary?.counters;
  const total = c?.total ?? p.total;
  const processed = c ? c.done + c.failed + c.blocked + c.cancelled : 0;
  const pct = total > 0 ? Math.round((processed / total) * 100) : 0;
  const state = summary ? (STATE_LABELS[summary.state] ?? summary.state) : 'Starting';
  const waiting = summary?.state === 'waiting-for-sign-in';
  // Resume of a job waiting for sign-in is the sign-in: the worker opens it, then the job continues by itself.
  const signIn = async (e: Event) => {
    if (!p.trusted(e)) return;
    setSigningIn(true);
    setCancelError('');
    try {
      setSummary(await services.request('job/control', { jobId: p.jobId, action: 'resume' }));
    } catch (err) {
      setCancelError(describeFailure(err).message);
    } finally {
      setSigningIn(false);
    }
  };
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
            {c && c.cancelled > 0 ? `, ${fmt(c.cancelled)} cancelled` : ''}
            {c?.verifying ? `, ${fmt(c.verifying)} verifying` : ''}, {fmt(c?.remaining ?? total)} remaining.
          </p>
          {waiting ? <p>Your sign-in session has ended. Sign in to continue converting {fmt(c?.remaining ?? total)} users; nobody was marked failed.</p> : null}
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
        {waiting ? (
          <button type="button" class="btn primary" disabled={signingIn} onClick={(e) => void signIn(e)}>
            {signingIn ? 'Signing in…' : 'Sign in'}
          </button>
        ) : null}
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
