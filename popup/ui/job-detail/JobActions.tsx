// The job's follow-up actions: refresh the invitation state, reset redemption or set Guest for the selected users,
// retry the failed ones, export the CSV. Those that write to the directory ask for confirmation first.
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
  /** The user ids ticked in the table, across pages. */
  selected: ReadonlySet<string>;
  onClearSelection: () => void;
  onSummary: (s: JobSummary) => void;
  /** Reloads the rows on screen after an action changed them. */
  reloadItems: () => Promise<void>;
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

  const refreshStatus = () =>
    run('Refresh status', async () => {
      const r = await services.request('job/refreshStatus', { jobId });
      setMessage({
        kind: 'ok',
        text: `Invitation state refreshed for ${r.items.toLocaleString('en-US')} users in ${r.roundTrips} Graph round trip${r.roundTrips === 1 ? '' : 's'}.`,
      });
      await props.reloadItems();
    });

  const followUp = (action: 'resetRedemption' | 'setGuest') => {
    const userIds = [...selected];
    const label = action === 'resetRedemption' ? 'Reset redemption' : 'Set user type to Guest';
    return run(label, async () => {
      const r = await services.request('job/followUp', { jobId, userIds, action });
      setMessage({
        kind: 'ok',
        text: `${label} started for ${userIds.length.toLocaleString('en-US')} user${userIds.length === 1 ? '' : 's'}${r.jobId !== jobId ? ` (job ${r.jobId})` : ''}.`,
      });
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
      const rows = await exportJobCsv(services, jobId, summary, props.download ?? downloadText);
      setMessage({ kind: 'ok', text: `Exported ${rows.toLocaleString('en-US')} rows.` });
    });

  const n = selected.size;
  const failed = summary?.counters.failed ?? 0;
  const active = summary ? isActiveJob(summary) : false;
  // An undo job's users are internal members again: none of the conversion's follow-ups applies, and its failed users
  // are retried through a new undo review (their temporary passwords are not kept).
  if (summary?.kind === 'undo') {
    return (
      <section aria-label="Actions">
        <div class="row">
          <button type="button" onClick={exportCsv} disabled={busy !== undefined}>
            {busy === 'Export' ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
        <ActionStatus busy={busy} message={message} needsWrite={needsWrite} onSignIn={signInAndRetry} />
      </section>
    );
  }
  const accepted = props.undo?.acceptedSelected ?? [];
  return (
    <section aria-label="Actions">
      <div class="row">
        {props.undo && (
          <button
            type="button"
            disabled={accepted.length === 0}
            title="Opens a review of its own: Microsoft Graph beta API (preview)"
            onClick={() => services.openPage(undoReviewPath(jobId, accepted))}
          >
            Convert back to internal ({accepted.length})
          </button>
        )}
        <button type="button" onClick={refreshStatus} disabled={busy !== undefined}>
          {busy === 'Refresh status' ? 'Refreshing…' : 'Refresh status'}
        </button>
        <ConfirmButton
          label={`Reset redemption (${n})`}
          disabled={n === 0 || busy !== undefined}
          question={`Reset the redemption status of ${n} selected user${n === 1 ? '' : 's'}? They will have to redeem a new invitation before they can sign in again with their external account. This needs write permission (User.ReadWrite.All).`}
          confirmLabel="Reset redemption"
          onConfirm={() => followUp('resetRedemption')}
        />
        <ConfirmButton
          label={`Set user type to Guest (${n})`}
          disabled={n === 0 || busy !== undefined}
          question={`Change the user type of ${n} selected user${n === 1 ? '' : 's'} from Member to Guest? Guests get guest permissions in this directory. This needs write permission (User.ReadWrite.All).`}
          confirmLabel="Set to Guest"
          onConfirm={() => followUp('setGuest')}
        />
        <ConfirmButton
          label={`Retry failed (${failed})`}
          disabled={failed === 0 || busy !== undefined || active}
          question={`Try converting the ${failed} failed user${failed === 1 ? '' : 's'} again? Users who were converted are not touched.`}
          confirmLabel="Retry failed"
          onConfirm={retryFailed}
        />
        {failed > 0 && (
          <ConfirmButton
            label="Sign in with write permission and retry failed"
            disabled={busy !== undefined || active}
            question={`Sign in granting write permission (User.ReadWrite.All), then try the ${failed} failed user${failed === 1 ? '' : 's'} again? Use this when Microsoft Entra refused conversions for lack of permission (Authorization_RequestDenied).`}
            confirmLabel="Sign in and retry"
            onConfirm={signInWriteAndRetry}
          />
        )}
        {failed > 0 && (
          <button type="button" onClick={() => services.openPage('popup/options.html#check-setup')}>
            Check my setup
          </button>
        )}
        <button type="button" onClick={exportCsv} disabled={busy !== undefined}>
          {busy === 'Export' ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <ActionStatus busy={busy} message={message} needsWrite={needsWrite} onSignIn={signInAndRetry} />
    </section>
  );
}
