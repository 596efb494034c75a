// The running job (progress, time left, pause/resume/cancel) and the recent-jobs list.
import type { JobSummary } from '../../src/messages';
import {
  describeCounters,
  estimateRemainingMs,
  formatAgo,
  formatTimeLeft,
  isPaused,
  isWaitingForSignIn,
  liveProgressText,
} from '../lib/format';
import { t } from '../../src/i18n';
import { jobOutcomeText, jobStateText, plural } from '../../src/job-state';
import { ConfirmButton } from './Confirm';
import { JobStateBadge, Notice, ProgressBar } from './common';

export type ControlAction = 'pause' | 'resume' | 'cancel';

export interface RunningJobProps {
  job: JobSummary;
  busy?: boolean;
  onControl: (action: ControlAction) => void;
  onOpen?: () => void;
}

/** Beside the progress: the time left while the job moves, else why it does not. */
function standing(job: JobSummary): string {
  if (job.state === 'running') return formatTimeLeft(estimateRemainingMs(job));
  if (isWaitingForSignIn(job)) return 'Sign-in needed';
  return '';
}

export function RunningJob({ job, busy, onControl, onOpen }: RunningJobProps) {
  const paused = isPaused(job);
  const waiting = isWaitingForSignIn(job);
  return (
    <section class="card" aria-labelledby={`run-${job.id}`}>
      <div class="spread">
        <h3 id={`run-${job.id}`} style={{ margin: 0 }}>
          <JobStateBadge job={job} />: {plural(job.counters.total, 'user')}
          {job.kind === 'undo' ? ` · ${t('undo_jobs_kind')}` : ''}
        </h3>
        <span class="small muted">{standing(job)}</span>
      </div>
      <ProgressBar counters={job.counters} label="Conversion progress" />
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {liveProgressText(job)}
      </p>
      <p class="small muted visually-hidden">{describeCounters(job.counters)}</p>
      {waiting && (
        <Notice kind="warn" role="alert">
          Your sign-in session has ended. Sign in to continue converting {plural(job.counters.remaining, 'user')} — nobody was marked failed, and the job continues by itself once you are signed in.
          {job.pauseReason ? <span class="small muted"> ({job.pauseReason})</span> : null}
        </Notice>
      )}
      <div class="row" style={{ marginTop: '8px' }}>
        {waiting ? (
          // Resume of a job waiting for sign-in is the sign-in (the worker opens it, then the job continues).
          <button type="button" class="primary" onClick={() => onControl('resume')} disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        ) : null}
        {waiting ? null : paused ? (
          <button type="button" onClick={() => onControl('resume')} disabled={busy}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => onControl('pause')} disabled={busy || job.state === 'cancelling'}>
            Pause
          </button>
        )}
        {waiting ? (
          <button type="button" onClick={() => onControl('pause')} disabled={busy}>
            Pause
          </button>
        ) : null}
        <ConfirmButton
          label="Cancel"
          danger
          disabled={busy || job.state === 'cancelling'}
          question={`Cancel this job? Users already converted stay converted (it cannot be undone); the ${job.counters.remaining.toLocaleString('en-US')} not yet processed stay internal.`}
          confirmLabel="Cancel job"
          onConfirm={() => onControl('cancel')}
        />
        {onOpen && (
          <button type="button" class="link" onClick={onOpen}>
            Details
          </button>
        )}
      </div>
    </section>
  );
}

export interface HistoryProps {
  jobs: readonly JobSummary[];
  now: number;
  onOpen: (jobId: string) => void;
  onClear: () => void;
  clearing?: boolean;
}

export function JobHistory({ jobs, now, onOpen, onClear, clearing }: HistoryProps) {
  return (
    <section aria-labelledby="history-h">
      <div class="spread">
        <h2 id="history-h">Recent jobs</h2>
        <ConfirmButton
          label="Clear history"
          danger
          disabled={clearing}
          question="Clear the history of finished jobs? Their per-user results and the CSV export are deleted from this browser. Users in Microsoft Entra are not changed."
          confirmLabel="Clear history"
          onConfirm={onClear}
        />
      </div>
      <ul class="plain">
        {jobs.map((j) => {
          const state = jobStateText(j);
          return (
            <li key={j.id} class="history-row">
              <button type="button" class="link history-open" onClick={() => onOpen(j.id)}>
                <span class={`state-badge tone-${state.tone}`}>{state.label}</span>: {j.kind === 'undo' ? `${t('undo_jobs_kind')} · ` : ''}
                {jobOutcomeText(j)}
              </button>
              <time class="small muted history-time" dateTime={new Date(j.createdAt).toISOString()}>
                {formatAgo(j.createdAt, now)}
              </time>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
