// The job's follow-up actions: refresh the invitation state, reset redemption or set Guest for the selected users,
// retry the failed ones, export the CSV. Those that write to the directory ask for confirmation first. An action
// with nobody to act on is not offered (no disabled "(0)" buttons): the selection ones appear once users are ticked,
// the retry ones once users failed.
import { useState } from 'preact/hooks';
import { plural } from '../../../src/job-state';
import type { AuthStatus, JobSummary } from '../../../src/messages';
import { downloadText } from '../../lib/download';
import { t } from '../../../src/i18n';
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

  const refreshStatus = () =>
    run('Refresh status', async () => {
      const r = await services.request('job/refreshStatus', { jobId });
      props.onRoundTrips?.(r.roundTrips);
      setMessage({ kind: 'ok', text: `Invitation state refreshed for ${plural(r.items, 'user')}.` });
      await props.reloadItems();
    });

  const followUp = (action: 'resetRedemption' | 'setGuest') => {
    const userIds = [...selected];
    const label = action === 'resetRedemption' ? 'Reset redemption' : 'Set user type to Guest';
    return run(label, async () => {
      const r = await services.request('job/followUp', { jobId, userIds, action });
      setMessage({ kind: 'ok', text: `${label} started for ${plural(userIds.length, 'user')}${r.jobId !== jobId ? ` (job ${r.jobId})` : ''}.` });
      props.onClearSelection();
    });
  };

  const retryFailed = () =>
    run('Retry failed', async () => {
      const s = await services.request('job/control', { jobId, action: 'retryFailed' });
      props.onSummary(s);
      setMessage({ kind: 'ok', text: 'The failed users are queued again.' });
      await props.reloadItems();
    });

  // A tenant may refuse conversions without User.ReadWrite.All (Authorization_RequestDenied): grant the write tier, then
  // the failed users go again (the worker sends invitations with the write-tier token once it is granted).
  const signInWriteAndRetry = () =>
    run('Retry failed', async () => {
      props.onAuth?.(await services.request('auth/signIn', { tier: 'write' }));
      const s = await services.request('job/control', { jobId, action: 'retryFailed' });
      props.onSummary(s);
      setMessage({ kind: 'ok', text: 'Signed in with write permission; the failed users are queued again.' });
      await props.reloadItems();
    });

  const exportCsv = () =>
    run('Export', async () => {
      const rows = await exportJobCsv(services, jobId, summary, props.download ?? downloadText, { redeemLinks });
      setMessage({ kind: 'ok', text: `Exported ${plural(rows, 'row')}.` });
    });

  const n = selected.size;
  const failed = summary?.counters.failed ?? 0;
  const active = summary ? isActiveJob(summary) : false;
  const idle = busy !== undefined;
  const users = (k: number) => plural(k, 'selected user');
  const accepted = props.undo?.acceptedSelected ?? [];
  // An undo job's users are internal members again: none of the conversion's follow-ups applies, and its failed users
  // are retried through a new undo review (their temporary passwords are not kept).
  const undoJob = summary?.kind === 'undo';
  return (
    <section aria-label="Actions">
      <div class="row">
        <button type="button" onClick={refreshStatus} disabled={idle}>
          {busy === 'Refresh status' ? 'Refreshing…' : 'Refresh status'}
        </button>
        <button type="button" onClick={exportCsv} disabled={idle}>
          {busy === 'Export' ? 'Exporting…' : 'Export CSV'}
        </button>
        <label class="inline small">
          <input type="checkbox" checked={redeemLinks} onChange={(e) => setRedeemLinks(e.currentTarget.checked)} />
          Include redeem links (pending invitations)
        </label>
      </div>
      {n > 0 && !undoJob && (
        <div class="row" role="group" aria-label="Actions for the selected users">
          {accepted.length > 0 && (
            <button type="button" title={t('undo_action_title')} onClick={() => services.openPage(undoReviewPath(jobId, accepted))}>
              {t('undo_action_convertBack', { count: accepted.length })}
            </button>
          )}
          <ConfirmButton
            label={`Reset redemption (${n})`}
            disabled={idle}
            question={`Reset the redemption status of ${users(n)}? They will have to redeem a new invitation before they can sign in again with their external account. This needs write permission (User.ReadWrite.All).`}
            confirmLabel="Reset redemption"
            onConfirm={() => followUp('resetRedemption')}
          />
          <ConfirmButton
            label={`Set user type to Guest (${n})`}
            disabled={idle}
            question={`Change the user type of ${users(n)} from Member to Guest? Guests get guest permissions in this directory. This needs write permission (User.ReadWrite.All).`}
            confirmLabel="Set to Guest"
            onConfirm={() => followUp('setGuest')}
          />
        </div>
      )}
      {failed > 0 && !active && !undoJob && (
        <div class="row" role="group" aria-label="Actions for the failed users">
          <ConfirmButton
            label={`Retry failed (${failed})`}
            disabled={idle}
            question={`Try converting the ${plural(failed, 'failed user')} again? Users who were converted are not touched.`}
            confirmLabel="Retry failed"
            onConfirm={retryFailed}
          />
          <ConfirmButton
            label="Retry with write permission"
            disabled={idle}
            question={`Sign in granting write permission (User.ReadWrite.All), then try the ${plural(failed, 'failed user')} again? Use this when Microsoft Entra refused conversions for lack of permission (Authorization_RequestDenied).`}
            confirmLabel="Sign in and retry"
            onConfirm={signInWriteAndRetry}
          />
          <button type="button" onClick={() => services.openPage('popup/options.html#check-setup')}>
            Check my setup
          </button>
        </div>
      )}
      <ActionStatus busy={busy} message={message} needsWrite={needsWrite} onSignIn={signInAndRetry} />
    </section>
  );
}
