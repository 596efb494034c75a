// The job at a glance: state, when it ran and by whom, in which tenant, its progress and, while it runs, the time
// left. A placeholder of the same height holds the layout until the summary arrives.
import type { JobSummary } from '../../../src/messages';
import { jobOutcomeText } from '../../../src/job-state';
import { describeCounters, estimateRemainingMs, formatDateTime, formatTimeLeft } from '../../lib/format';
import { JobStateBadge, ProgressBar } from '../common';

export function JobSummaryCard({ summary }: { summary: JobSummary | undefined }) {
  // Time left only while the job can move (not paused, offline or waiting for sign-in).
  const moving = summary?.state === 'running';
  return (
    <section class="card" aria-label="Job summary" style={{ minHeight: '96px' }}>
      {summary ? (
        <>
          <p>
            <JobStateBadge job={summary} /> · started {formatDateTime(summary.createdAt)}
            {summary.finishedAt ? ` · finished ${formatDateTime(summary.finishedAt)}` : ''}
          </p>
          {summary.kind === 'undo' && (
            <p class="small wrap" data-b2b="undo-job">
              Convert back to internal (preview, Microsoft Graph beta API) of users of job <span class="mono">{summary.undoOf}</span>
            </p>
          )}
          <p class="small muted wrap">
            Ran by {summary.ranBy} · tenant <span class="mono">{summary.tenantId}</span> · job <span class="mono">{summary.id}</span>
          </p>
          <p class="outcome">{jobOutcomeText(summary)}</p>
          <ProgressBar counters={summary.counters} label="Job progress" />
          <p class="small" aria-live="polite">
            {describeCounters(summary.counters)}
            {moving ? ` · ${formatTimeLeft(estimateRemainingMs(summary))}` : ''}
          </p>
        </>
      ) : (
        <p class="skeleton" style={{ height: '72px' }} aria-busy="true">
          Loading job…
        </p>
      )}
    </section>
  );
}
