// What confirming would do, in one sentence (the dialog's accessible description), the counts behind it, and the
// selected users that no longer exist.
import type { PreflightResult } from '../../../src/messages';
import type { ReviewCounts } from '../../../src/review';
import { fmt } from './format';

/** How many of the missing users are named; the rest are summed up as “…”. */
const MISSING_NAMED = 20;

export function SelectionSummary(p: { result: PreflightResult; counts: ReviewCounts }) {
  const { result, counts } = p;
  return (
    <>
      {/* The tenant by name; its id on hover (the admin center names tenants, ids are for support). */}
      <p id="b2b-review-summary" class="summary" data-b2b="summary" title={result.tenantId}>
        {counts.convert === 0
          ? `None of the ${fmt(counts.selected)} selected users can be converted in ${result.tenantName || 'this tenant'} as the list stands.`
          : `${fmt(counts.convert)} of ${fmt(counts.selected)} selected user${counts.selected === 1 ? '' : 's'} will be converted to external users in ${result.tenantName || 'this tenant'}.`}
      </p>
      <p class="upn" data-b2b="counts">
        {fmt(counts.blocked)} blocked · {fmt(counts.needsEmail)} {counts.needsEmail === 1 ? 'needs' : 'need'} an email · {fmt(counts.excluded)} excluded
        {counts.missing > 0 ? ` · ${fmt(counts.missing)} no longer exist` : ''}. Nothing is written to the directory before you confirm.
      </p>
      {result.missing.length > 0 ? (
        <div class="msg warn" data-b2b="missing">
          {fmt(result.missing.length)} selected user{result.missing.length === 1 ? ' was' : 's were'} not found (deleted since you selected them) and will be skipped:{' '}
          {result.missing.slice(0, MISSING_NAMED).join(', ')}
          {result.missing.length > MISSING_NAMED ? ', …' : ''}
        </div>
      ) : null}
    </>
  );
}
