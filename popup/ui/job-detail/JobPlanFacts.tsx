// The sponsors the job's invitations name (names as Graph had them when the job was submitted; the id on hover).
// The plan hash is in the summary's diagnostics.
import type { JobSummary } from '../../../src/messages';
import { t } from '../../../src/i18n';

export function JobPlanFacts({ summary }: { summary: JobSummary | undefined }) {
  if (!summary?.sponsors?.length) return null;
  return (
    <section class="card" aria-label={t('detail_sponsors')}>
      <p class="small">{t('detail_sponsorsIntro')}</p>
      <ul aria-label={t('detail_sponsors')} class="small">
        {summary.sponsors.map((s) => (
          <li key={s.id} title={t('detail_objectId', { id: s.id })}>
            {s.displayName || s.id}
          </li>
        ))}
      </ul>
    </section>
  );
}
