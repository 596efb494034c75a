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
import { jobOutcomeText, jobStateText } from '../../src/job-state';
import { t, tn } from '../../src/i18n';
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
  if (isWaitingForSignIn(job)) return t('running_signInNeeded');
  return '';
}

export function RunningJob({ job, busy, onControl, onOpen }: RunningJobProps) {
  const paused = isPaused(job);
  const waiting = isWaitingForSignIn(job);
  return (
    <section class="card" aria-labelledby={`run-${job.id}`}>
      <div class="spread">
        <h3 id={`run-${job.id}`} style={{ margin: 0 }}>
          <JobStateBadge job={job} />: {tn('running_users', job.counters.total)}
          {job.kind === 'undo' ? ` · ${t('undo_jobs_kind')}` : ''}
        </h3>
        <span class="small muted">{standing(job)}</span>
      </div>
      <ProgressBar counters={job.counters} label={t('running_progress')} />
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {liveProgressText(job)}
      </p>
      <p class="small muted visually-hidden">{describeCounters(job.counters)}</p>
      {waiting && (
        <Notice kind="warn" role="alert">
          {tn('running_sessionEnded', job.counters.remaining)}
          {job.pauseReason ? <span class="small muted"> ({job.pauseReason})</span> : null}
        </Notice>
      )}
      <div class="row" style={{ marginTop: '8px' }}>
        {waiting ? (
          // Resume of a job waiting for sign-in is the sign-in (the worker opens it, then the job continues).
          <button type="button" class="primary" onClick={() => onControl('resume')} disabled={busy}>
            {busy ? t('account_signingIn') : t('account_signIn')}
          </button>
        ) : null}
        {waiting ? null : paused ? (
          <button type="button" onClick={() => onControl('resume')} disabled={busy}>
            {t('running_resume')}
          </button>
        ) : (
          <button type="button" onClick={() => onControl('pause')} disabled={busy || job.state === 'cancelling'}>
            {t('running_pause')}
          </button>
        )}
        {waiting ? (
          <button type="button" onClick={() => onControl('pause')} disabled={busy}>
            {t('running_pause')}
          </button>
        ) : null}
        <ConfirmButton
          label={t('running_cancel')}
          danger
          disabled={busy || job.state === 'cancelling'}
          question={tn('running_cancelQuestion', job.counters.remaining)}
          confirmLabel={t('running_cancelJob')}
          onConfirm={() => onControl('cancel')}
        />
        {onOpen && (
          <button type="button" class="link" onClick={onOpen}>
            {t('running_details')}
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
        <h2 id="history-h">{t('history_title')}</h2>
        <ConfirmButton
          label={t('history_clear')}
          danger
          disabled={clearing}
          question={t('history_clearQuestion')}
          confirmLabel={t('history_clear')}
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
