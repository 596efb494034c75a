// Export the plan before anything is written: as CSV for a change board, and as a Microsoft Graph PowerShell script
// that makes exactly the same writes. The plan's hash is shown; the job submitted from this review carries it
// (the worker refuses a job that would differ from the exported plan).
import { planFileName, planToCsv } from '../../../src/plan/csv';
import type { Plan } from '../../../src/plan/plan';
import { planToPowerShell } from '../../../src/plan/powershell';
import { downloadText } from '../../../popup/lib/download';
import { t } from '../../../src/i18n';
import type { IsTrusted } from './types';

export function PlanExport(p: { plan: Plan; exportedHash: string | undefined; onExported: (hash: string) => void; trusted: IsTrusted }) {
  const disabled = p.plan.convertCount === 0;
  const exportCsv = (e: Event) => {
    if (!p.trusted(e) || disabled) return;
    downloadText(planFileName(p.plan, 'csv'), planToCsv(p.plan));
    p.onExported(p.plan.hash);
  };
  const exportScript = (e: Event) => {
    if (!p.trusted(e) || disabled) return;
    downloadText(planFileName(p.plan, 'ps1'), planToPowerShell(p.plan, { exportedAt: new Date().toISOString() }), 'text/plain;charset=utf-8');
    p.onExported(p.plan.hash);
  };
  const stale = p.exportedHash !== undefined && p.exportedHash !== p.plan.hash;
  return (
    <section class="plan-export" aria-label={t('review_plan_label')} data-b2b="plan-export">
      <button type="button" onClick={exportCsv} disabled={disabled}>
        {t('review_plan_csv')}
      </button>{' '}
      <button type="button" onClick={exportScript} disabled={disabled}>
        {t('review_plan_script')}
      </button>
      <p>
        {t('review_plan_hash')} <code data-b2b="plan-hash">{p.plan.hash}</code>{t('review_plan_hashNote')}
      </p>
      {stale ? (
        <p class="msg warn" role="status">
          {t('review_plan_stale')}
        </p>
      ) : null}
    </section>
  );
}
