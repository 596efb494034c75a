// The sponsors the job's invitations name (names as Graph had them when the job was submitted; the id on hover).
// The plan hash is in the summary's diagnostics.
import type { JobSummary } from '../../../src/messages';

export function JobPlanFacts({ summary }: { summary: JobSummary | undefined }) {
  if (!summary?.sponsors?.length) return null;
  return (
    <section class="card" aria-label="Sponsors">
      <p class="small">Sponsors on every invitation:</p>
      <ul aria-label="Sponsors" class="small">
        {summary.sponsors.map((s) => (
          <li key={s.id} title={`Object ID ${s.id}`}>
            {s.displayName || s.id}
          </li>
        ))}
      </ul>
    </section>
  );
}
