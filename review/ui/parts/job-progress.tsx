// After confirming: the job's live counters and progress bar, a way to cancel what has not run yet, and the reminder
// that closing the dialog does not stop the job. Once the job is over, its result (./job-result.tsx) in its place.
import { useState } from 'preact/hooks';
import type { PreflightResult } from '../../../src/messages';
import { t, tn } from '../../../src/i18n';
import { describeFailure, type Services } from '../../../content/services';
import { JobResult, type ResultActions } from './job-result';
import { progressLine, resultText } from './result-text';
import type { IsTrusted, SignIn } from './types';
import { useJobProgress } from './use-job-progress';

export function JobProgress(
  p: {
    jobId: string;
    /** The number of users submitted, shown until the first summary arrives. */
    total: number;
    result: PreflightResult;
    services: Services;
    pollMs: number | undefined;
    trusted: IsTrusted;
    signIn: SignIn;
    onClose: () => void;
  } & ResultActions,
) {
  const { services } = p;
  const { summary, accept, pollProblem } = useJobProgress(services, p.jobId, p.pollMs);
  const [controlError, setControlError] = useState('');
  const [signingIn, setSigningIn] = useState(false);
  const outcome = resultText(summary);
  if (summary && outcome) {
    return <JobResult {...p} summary={summary} outcome={outcome} accept={accept} />;
  }

  const c = summary?.counters;
  const total = c?.total ?? p.total;
  const processed = c ? c.done + c.failed + c.blocked + c.cancelled : 0;
  const pct = total > 0 ? Math.round((processed / total) * 100) : 0;
  const waiting = summary?.state === 'waiting-for-sign-in';
  const tenant = p.result.tenantName || t('review_thisTenant');
  // Resume of a job waiting for sign-in is the sign-in: the worker opens it, then the job continues by itself.
  const signIn = async (e: Event) => {
    if (!p.trusted(e)) return;
    setSigningIn(true);
    setControlError('');
    try {
      accept(await services.request('job/control', { jobId: p.jobId, action: 'resume' }));
    } catch (err) {
      setControlError(describeFailure(err).message);
    } finally {
      setSigningIn(false);
    }
  };
  const cancel = async (e: Event) => {
    if (!p.trusted(e)) return;
    try {
      accept(await services.request('job/control', { jobId: p.jobId, action: 'cancel' }));
    } catch (err) {
      setControlError(describeFailure(err).message);
    }
  };
  return (
    <>
      <div class="body">
        <p id="b2b-review-summary" class="summary" title={p.result.tenantId}>
          {tn('review_progress_heading', total, { tenant })}
        </p>
        <div role="status" aria-live="polite" data-b2b="progress">
          <p>{progressLine(summary, total)}</p>
          {waiting ? <p>{tn('review_progress_signInToContinue', c?.remaining ?? total)}</p> : null}
        </div>
        <div class="progress" role="progressbar" aria-label={t('review_progress_label')} aria-valuemin={0} aria-valuemax={total} aria-valuenow={processed}>
          <div style={{ width: `${pct}%` }} />
        </div>
        {pollProblem && !summary ? <p class="upn">{t('review_progress_waiting', { problem: pollProblem })}</p> : null}
        {controlError ? (
          <div class="msg error" role="alert">
            {controlError}
          </div>
        ) : null}
        <p class="msg info">{t('review_progress_closeHint')}</p>
      </div>
      <footer>
        {waiting ? (
          <button type="button" class="btn primary" disabled={signingIn} onClick={(e) => void signIn(e)}>
            {signingIn ? t('review_signingIn') : t('review_signIn')}
          </button>
        ) : null}
        <button type="button" class="btn" onClick={(e) => void cancel(e)}>
          {t('review_progress_cancel')}
        </button>
        <button type="button" class="btn primary" onClick={p.onClose}>
          {t('review_close')}
        </button>
      </footer>
    </>
  );
}
