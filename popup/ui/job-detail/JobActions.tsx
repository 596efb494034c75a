// The job's follow-up actions: refresh the invitation state, reset redemption or set Guest for the selected users,
// retry the failed ones, export the CSV. Those that write to the directory ask for confirmation first. An action
// with nobody to act on is not offered (no disabled "(0)" buttons): the selection ones appear once users are ticked,
// the retry ones once users failed.
import { useState } from 'preact/hooks';
import { t, tn } from '../../../src/i18n';
import type { AuthStatus, JobSummary } from '../../../src/messages';
import { downloadText } from '../../lib/download';
import { isActiveJob } from '../../lib/format';
import { undoReviewPath } from '../../lib/pages';
import type { UiServices } from '../../lib/platform';
import { ConfirmButton } from '../Confirm';
import { ActionStatus } from './ActionStatus';
import { exportJobCsv } from './export-csv';
import { useActionRunner } from './use-action-runner';

export function JobActions(props: {
  services: UiServices;
  jobId: string;
  summary: JobSummary | undefined;
  /** The user ids ticked in the list, across pages. */
  selected: ReadonlySet<string>;
  onClearSelection: () => void;
  onSummary: (s: JobSummary) => void;
  /** Reloads the rows on screen after an action changed them. */
  reloadItems: () => Promise<void>;
  /** The Graph round trips of the last refresh, for the diagnostics. */
  onRoundTrips?: (n: number) => void;
  onAuth?: (s: AuthStatus) => void;
  download?: (fileName: string, text: string) => void;
  /**
   * Convert back to internal (preview), when the feature is on: the selected users this job converted who have
   * accepted (as the last status refresh showed).
   */
  undo?: { acceptedSelected: readonly string[] };
}) {
  const { services, jobId, summary, selected } = props;
  const { busy, message, setMessage, needsWrite, run, signInAndRetry } = useActionRunner(services, props.onAuth);
  const [redeemLinks, setRedeemLinks] = useState(false);
  const refreshLabel = t('actions_refresh');
  const exportLabel = t('actions_export');
  const retryLabel = t('actions_retry');

  const refreshStatus = () =>
    run(refreshLabel, async () => {
      const r = await services.request('job/refreshStatus', { jobId });
      props.onRoundTrips?.(r.roundTrips);
      setMessage({ kind: 'ok', text: tn('actions_refreshed', r.items) });
      await props.reloadItems();
    });

  const followUp = (action: 'resetRedemption' | 'setGuest') => {
    const userIds = [...selected];
    const label = action === 'resetRedemption' ? t('actions_reset') : t('actions_setGuest');
    return run(label, async () => {
      const r = await services.request('job/followUp', { jobId, userIds, action });
      const started = tn('actions_started', userIds.length, { action: label });
      setMessage({ kind: 'ok', text: r.jobId !== jobId ? t('actions_startedAsJob', { job: r.jobId, started }) : started });
      props.onClearSelection();
    });
  };

  const retryFailed = () =>
    run(retryLabel, async () => {
      const s = await services.request('job/control', { jobId, action: 'retryFailed' });
      props.onSummary(s);
      setMessage({ kind: 'ok', text: t('actions_requeued') });
      await props.reloadItems();
    });

  // A tenant may refuse conversions without User.ReadWrite.All (Authorization_RequestDenied): grant the write tier, then
  // the failed users go again (the worker sends invitations with the write-tier token once it is granted).
  const signInWriteAndRetry = () =>
    run(retryLabel, async () => {
      props.onAuth?.(await services.request('auth/signIn', { tier: 'write' }));
      const s = await services.request('job/control', { jobId, action: 'retryFailed' });
      props.onSummary(s);
      setMessage({ kind: 'ok', text: t('actions_requeuedWrite') });
      await props.reloadItems();
    });

  const exportCsv = () =>
    run(exportLabel, async () => {
      const rows = await exportJobCsv(services, jobId, summary, props.download ?? downloadText, { redeemLinks });
      setMessage({ kind: 'ok', text: tn('actions_exported', rows) });
    });

  const n = selected.size;
  const failed = summary?.counters.failed ?? 0;
  const active = summary ? isActiveJob(summary) : false;
  const working = busy !== undefined;
  const accepted = props.undo?.acceptedSelected ?? [];
  // An undo job's users are internal members again: none of the conversion's follow-ups applies, and its failed users
  // are retried through a new undo review (their temporary passwords are not kept).
  const undoJob = summary?.kind === 'undo';
  return (
    <section aria-label={t('actions_region')}>
      <div class="row">
        <button type="button" onClick={refreshStatus} disabled={working}>
          {busy === refreshLabel ? t('actions_refreshing') : refreshLabel}
        </button>
        <button type="button" onClick={exportCsv} disabled={working}>
          {busy === exportLabel ? t('actions_exporting') : exportLabel}
        </button>
        <label class="inline small">
          <input type="checkbox" checked={redeemLinks} onChange={(e) => setRedeemLinks(e.currentTarget.checked)} />
          {t('actions_redeemLinks')}
        </label>
      </div>
      {n > 0 && !undoJob && (
        <div class="row" role="group" aria-label={t('actions_selectedGroup')}>
          {accepted.length > 0 && (
            <button type="button" title={t('undo_action_title')} onClick={() => services.openPage(undoReviewPath(jobId, accepted))}>
              {t('undo_action_convertBack', { count: accepted.length })}
            </button>
          )}
          <ConfirmButton
            label={t('actions_withCount', { action: t('actions_reset'), count: n })}
            disabled={working}
            question={tn('actions_resetQuestion', n)}
            confirmLabel={t('actions_reset')}
            onConfirm={() => followUp('resetRedemption')}
          />
          <ConfirmButton
            label={t('actions_withCount', { action: t('actions_setGuest'), count: n })}
            disabled={working}
            question={tn('actions_setGuestQuestion', n)}
            confirmLabel={t('actions_setGuestConfirm')}
            onConfirm={() => followUp('setGuest')}
          />
        </div>
      )}
      {failed > 0 && !active && !undoJob && (
        <div class="row" role="group" aria-label={t('actions_failedGroup')}>
          <ConfirmButton
            label={t('actions_withCount', { action: retryLabel, count: failed })}
            disabled={working}
            question={tn('actions_retryQuestion', failed)}
            confirmLabel={retryLabel}
            onConfirm={retryFailed}
          />
          <ConfirmButton
            label={t('actions_retryWrite')}
            disabled={working}
            question={tn('actions_retryWriteQuestion', failed)}
            confirmLabel={t('actions_retryWriteConfirm')}
            onConfirm={signInWriteAndRetry}
          />
          <button type="button" onClick={() => services.openPage('popup/options.html#check-setup')}>
            {t('setupCheck_title')}
          </button>
        </div>
      )}
      <ActionStatus busy={busy} message={message} needsWrite={needsWrite} onSignIn={signInAndRetry} />
    </section>
  );
}
