// The in-page result once the job is over: what happened in the past tense, in its status colour; the users it could
// not convert with the advice and Graph's code; and what to do next — select those users in the list, retry them
// (a write: confirmed in this extension document, sent from it), or open the job page with every user's result.
import { useState } from 'preact/hooks';
import type { JobSummary, PreflightResult } from '../../../src/messages';
import { t, tn } from '../../../src/i18n';
import { describeFailure, type Failure, type Services } from '../../../content/services';
import { FailedUsers } from './failed-users';
import { FailureText } from './failure-text';
import type { ResultText } from './result-text';
import type { IsTrusted, SignIn } from './types';
import { allFailedItems, useFailedItems } from './use-failed-items';

/** A user to select in the admin center's list, with what the control shows of them. */
export interface SelectedUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

export interface ResultActions {
  /** Makes these users the selection in the admin center's list. Absent where there is no list (the picker). */
  onSelectUsers?: (users: SelectedUser[]) => void;
  /** Opens the job's page (every user's result). */
  onViewResults?: (jobId: string) => void;
  /** Asks the admin to confirm retrying `count` failed users; `confirm` runs once they do. */
  askRetry: (count: number, confirm: () => void) => void;
}

const TONE_CLASS: Record<ResultText['tone'], string> = { success: 'ok', danger: 'error', warning: 'warn', informative: 'info' };

export function JobResult(
  p: {
    jobId: string;
    result: PreflightResult;
    summary: JobSummary;
    outcome: ResultText;
    services: Services;
    trusted: IsTrusted;
    signIn: SignIn;
    accept: (s: JobSummary) => void;
    onClose: () => void;
  } & ResultActions,
) {
  const { services, summary, outcome } = p;
  const failedCount = summary.counters.failed;
  // Read again for every end of the job: a retry that ends leaves other users failed.
  const failed = useFailedItems(services, p.jobId, failedCount > 0 ? `${summary.finishedAt}-${failedCount}` : undefined);
  const [problem, setProblem] = useState<{ what: string; failure: Failure } | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const retry = async () => {
    setProblem(undefined);
    setBusy(true);
    try {
      p.accept(await services.request('job/control', { jobId: p.jobId, action: 'retryFailed' }));
    } catch (err) {
      setProblem({ what: t('review_retry_notStarted'), failure: describeFailure(err) });
    } finally {
      setBusy(false);
    }
  };
  const selectFailed = async (e: Event) => {
    if (!p.trusted(e) || !p.onSelectUsers) return;
    setProblem(undefined);
    setBusy(true);
    try {
      const items = await allFailedItems(services, p.jobId);
      p.onSelectUsers(items.map((i) => ({ id: i.userId, displayName: i.displayName, userPrincipalName: i.userPrincipalName })));
    } catch (err) {
      setProblem({ what: t('review_result_selectFailedProblem'), failure: describeFailure(err) });
    } finally {
      setBusy(false);
    }
  };
  const failure = problem?.failure;

  return (
    <>
      <div class="body">
        <div role="status" aria-live="polite" data-b2b="progress">
          <p id="b2b-review-summary" class={`msg ${TONE_CLASS[outcome.tone]} result`} data-b2b="result" data-tone={outcome.tone}>
            {outcome.headline}
          </p>
        </div>
        {failedCount > 0 ? <FailedUsers failed={failed} failedCount={failedCount} /> : null}
        {problem && failure ? (
          <div class="msg error" role="alert" data-b2b="result-error">
            <strong>{problem.what}</strong> <FailureText failure={failure} />
            {failure.kind === 'sign-in' ? (
              <>
                {' '}
                <button
                  type="button"
                  class="btn"
                  onClick={(e) => p.trusted(e) && void p.signIn(failure.tier ?? 'invite').then(() => setProblem(undefined), (err: unknown) => setProblem({ what: problem.what, failure: describeFailure(err) }))}
                >
                  {t('review_signIn')}
                </button>
              </>
            ) : null}
          </div>
        ) : null}
        <p class="upn">{t('review_result_where')}</p>
      </div>
      <footer>
        {failedCount > 0 && p.onSelectUsers ? (
          <button type="button" class="btn" data-b2b="select-failed" disabled={busy} onClick={(e) => void selectFailed(e)}>
            {tn('review_result_selectFailed', failedCount)}
          </button>
        ) : null}
        {failedCount > 0 ? (
          <button type="button" class="btn" data-b2b="retry-failed" disabled={busy} onClick={(e) => p.trusted(e) && p.askRetry(failedCount, () => void retry())}>
            {t('review_result_retryFailed')}
          </button>
        ) : null}
        {p.onViewResults ? (
          <button type="button" class="btn" data-b2b="view-results" onClick={(e) => p.trusted(e) && p.onViewResults?.(p.jobId)}>
            {t('review_result_viewResults')}
          </button>
        ) : null}
        <button type="button" class="btn primary" onClick={p.onClose}>
          {t('review_close')}
        </button>
      </footer>
    </>
  );
}
