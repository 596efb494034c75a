// The job at a glance: state, what it did, its progress and, while it runs, the time left; when it ran, by whom and
// in which tenant (by name when it is the signed-in one). Ids, the plan hash and round trips are diagnostics,
// collapsed. A placeholder of the same height holds the layout until the summary arrives.
import { t, tn } from '../../../src/i18n';
import type { AuthStatus, JobSummary } from '../../../src/messages';
import { jobOutcomeText } from '../../../src/job-state';
import { domainOf, estimateRemainingMs, formatDateTime, formatTimeLeft } from '../../lib/format';
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
      <section class="card" aria-label={t('detail_summary')} aria-busy="true" style={{ minHeight: '96px' }}>
        <p class="muted">{t('detail_loading')}</p>
      </section>
    );
  }
  const diagnostics = [t('detail_jobId', { id: summary.id }), t('detail_tenantId', { id: summary.tenantId })];
  if (summary.planHash) diagnostics.push(t('detail_planHash', { hash: summary.planHash }));
  if (roundTrips !== undefined) diagnostics.push(tn('detail_roundTrips', roundTrips));
  return (
    <section class="card" aria-label={t('detail_summary')} style={{ minHeight: '96px' }}>
      <p>
        <JobStateBadge job={summary} />
      </p>
      {summary.kind === 'undo' && (
        <p class="small wrap" data-b2b="undo-job">
          {t('undo_job_of', { job: summary.undoOf ?? '' })}
        </p>
      )}
      <p class="outcome">{jobOutcomeText(summary)}</p>
      <ProgressBar counters={summary.counters} label={t('detail_progress')} />
      {/* The bar's legend shows the counts (its value text reads them out); while it moves, the time left. */}
      {moving && (
        <p class="small" aria-live="polite">
          {formatTimeLeft(estimateRemainingMs(summary))}
        </p>
      )}
      <p class="small muted">
        {summary.finishedAt
          ? t('detail_startedFinished', { finished: formatDateTime(summary.finishedAt), started: formatDateTime(summary.createdAt) })
          : t('detail_started', { started: formatDateTime(summary.createdAt) })}
      </p>
      <p class="small muted truncate" title={summary.ranBy}>
        {t('detail_ranBy', { user: summary.ranBy })}
      </p>
      <p class="small muted truncate" title={t('account_tenantId', { id: summary.tenantId })}>
        {t('detail_tenant', { tenant: tenantLabel(summary.tenantId, auth) })}
      </p>
      <Diagnostics lines={diagnostics} />
    </section>
  );
}
