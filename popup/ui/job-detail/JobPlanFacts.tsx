// What the job was asked to do beyond converting: the sponsors its invitations name and the hash of the plan it
// writes (the same as the exported plan's, when the job was made from an exported plan).
import type { JobSummary } from '../../../src/messages';

export function JobPlanFacts({ summary }: { summary: JobSummary | undefined }) {
  if (!summary || (!summary.sponsors?.length && !summary.planHash)) return null;
  return (
    <section class="card" aria-label="Sponsors and plan">
      {summary.sponsors?.length ? (
        <>
          <p class="small">Sponsors on every invitation:</p>
          <ul aria-label="Sponsors" class="small">
            {summary.sponsors.map((s) => (
              <li key={s.id}>
                {s.displayName} <span class="mono muted">{s.id}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {summary.planHash ? (
        <p class="small wrap">
          Plan hash <span class="mono" data-b2b="job-plan-hash">{summary.planHash}</span>
        </p>
      ) : null}
    </section>
  );
}
