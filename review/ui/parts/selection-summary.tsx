// What confirming would do, in one sentence (the dialog's accessible description), the counts behind it, and the
// selected users that no longer exist.
import type { PreflightResult } from '../../../src/messages';
import type { ReviewCounts } from '../../../src/review';
import { t, tn } from '../../../src/i18n';

/** How many of the missing users are named; the rest are summed up as “…”. */
const MISSING_NAMED = 20;

export function SelectionSummary(p: { result: PreflightResult; counts: ReviewCounts }) {
  const { result, counts } = p;
  const tenant = result.tenantName || t('review_thisTenant');
  const parts = [tn('review_summary_blocked', counts.blocked), tn('review_summary_needsEmail', counts.needsEmail), tn('review_summary_excluded', counts.excluded)];
  if (counts.missing > 0) parts.push(tn('review_summary_missing', counts.missing));
  return (
    <>
      {/* The tenant by name; its id on hover (the admin center names tenants, ids are for support). */}
      <p id="b2b-review-summary" class="summary" data-b2b="summary" title={result.tenantId}>
        {counts.convert === 0
          ? tn('review_summary_none', counts.selected, { tenant })
          : tn('review_summary_convert', counts.selected, { convert: counts.convert, tenant })}
      </p>
      <p class="upn" data-b2b="counts">
        {t('review_summary_counts', { counts: parts.join(' · ') })}
      </p>
      {result.missing.length > 0 ? (
        <div class="msg warn" data-b2b="missing">
          {tn('review_summary_missingList', result.missing.length, { ids: `${result.missing.slice(0, MISSING_NAMED).join(', ')}${result.missing.length > MISSING_NAMED ? ', …' : ''}` })}
        </div>
      ) : null}
    </>
  );
}
