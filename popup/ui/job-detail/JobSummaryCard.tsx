// The job at a glance: state, what it did, its progress and, while it runs, the time left; when it ran, by whom and
// in which tenant (by name when it is the signed-in one). Ids, the plan hash and round trips are diagnostics,
// collapsed. A placeholder of the same height holds the layout until the summary arrives.
import { t } from '../../../src/i18n';
import type { AuthStatus, JobSummary } from '../../../src/messages';
import { jobOutcomeText } from '../../../src/job-state';
import { describeCounters, domainOf, estimateRemainingMs, formatDateTime, formatTimeLeft } from '../../lib/format';
import { Diagnostics, JobStateBadge, ProgressBar } from '../common';

/** The tenant by name and domain when it is the signed-in admin's, else by id (nothing better is known). */
function tenantLabel(tenantId: string, auth: AuthStatus | undefined): string {
  const account = auth?.account;
  if (!account || account.tenantId.toLowerCase() !== tenantId.toLowerCase()) return tenantId;
  const domain = domainOf(account.username);
  return auth.tenantName ? `${auth.tenantName}${domain ? ` · ${domain}` : ''}` : domain || tenantId;
}

export function JobSummaryCard({ summary, auth, roundTrips }: { summary: JobSummary | undefined; auth?: AuthStatus; roundTrips?: number }) {
  // Time left only while the job can move (not paused, offline or waiting for sign-in).
  const moving = summary?.state === 'running';
  if (!summary) {
    return (
      <section class="card" aria-label="Job summary" aria-busy="true" style={{ minHeight: '96px' }}>
        <p class="muted">Loading the job…</p>
      </section>
    );
  }
  const diagnostics = [`Job ID: ${summary.id}`, `Tenant ID: ${summary.tenantId}`];
  if (summary.planHash) diagnostics.push(`Plan hash: ${summary.planHash}`);
  if (roundTrips !== undefined) diagnostics.push(`Last refresh: ${roundTrips} Graph round trip${roundTrips === 1 ? '' : 's'}`);
  return (
    <section class="card" aria-label="Job summary" style={{ minHeight: '96px' }}>
      <p>
        <JobStateBadge job={summary} />
      </p>
      {summary.kind === 'undo' && (
        <p class="small wrap" data-b2b="undo-job">
          {t('undo_job_of', { job: summary.undoOf ?? '' })}
        </p>
      )}
      <p class="outcome">{jobOutcomeText(summary)}</p>
      <ProgressBar counters={summary.counters} label="Job progress" />
      <p class="small" aria-live="polite">
        {describeCounters(summary.counters)}
        {moving ? ` · ${formatTimeLeft(estimateRemainingMs(summary))}` : ''}
      </p>
      <p class="small muted">
        Started {formatDateTime(summary.createdAt)}
        {summary.finishedAt ? ` · finished ${formatDateTime(summary.finishedAt)}` : ''}
      </p>
      <p class="small muted truncate" title={summary.ranBy}>
        By {summary.ranBy}
      </p>
      <p class="small muted truncate" title={`Tenant ID ${summary.tenantId}`}>
        Tenant {tenantLabel(summary.tenantId, auth)}
      </p>
      <Diagnostics lines={diagnostics} />
    </section>
  );
}
