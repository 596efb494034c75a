// After the undo job was accepted: its live progress (broadcasts, and a poll in case the worker was asleep), and a way
// to the job's page. The temporary passwords are no longer on screen.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../../src/i18n';
import type { JobSummary } from '../../../src/messages';
import { jobPagePath } from '../../../popup/lib/pages';
import type { UiServices } from '../../../popup/lib/platform';
import { JobStateBadge, ProgressBar } from '../../../popup/ui/common';

export function UndoProgress(props: { services: UiServices; jobId: string; pollMs?: number }) {
  const { services, jobId } = props;
  const [summary, setSummary] = useState<JobSummary>();
  useEffect(() => {
    const load = () => services.request('job/get', { jobId }).then(setSummary, () => undefined);
    void load();
    const timer = setInterval(load, props.pollMs ?? 1_000);
    const off = services.subscribe((ev) => {
      if (ev.event === 'job/progress' && ev.jobId === jobId) setSummary(ev.summary);
    });
    return () => {
      clearInterval(timer);
      off();
    };
  }, [jobId]);
  const c = summary?.counters;
  const over = summary?.state === 'completed' || summary?.state === 'cancelled';
  return (
    <section class="card" aria-label={t('undo_progress_label')}>
      {summary && c ? (
        <>
          <p>
            <JobStateBadge job={summary} />
          </p>
          <ProgressBar counters={c} label={t('undo_progress_bar')} />
          <p role="status" data-b2b="undo-progress">
            {over
              ? t('undo_progress_finished', { done: c.done, failed: c.failed, blocked: c.blocked })
              : t('undo_progress_running', { done: c.done, total: c.total, remaining: c.remaining })}
          </p>
        </>
      ) : (
        <p class="skeleton" aria-busy="true">
          {t('undo_progress_starting')}
        </p>
      )}
      <button type="button" onClick={() => services.openPage(jobPagePath(jobId))}>
        {t('undo_progress_openJob')}
      </button>
    </section>
  );
}
