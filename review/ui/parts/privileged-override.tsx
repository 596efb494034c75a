// The privileged-role override: two separate confirmations, for this one user, and a way back.
import type { RowEdit } from '../../../src/review';
import type { IsTrusted } from './types';
import { t } from '../../../src/i18n';

export function PrivilegedOverride(p: { name: string; edit: RowEdit; onEdit: (c: Partial<RowEdit>) => void; trusted: IsTrusted }) {
  const step = p.edit.override;
  if (step === 0) {
    return (
      <button type="button" class="btn subtle" data-b2b="override" onClick={(e) => p.trusted(e) && p.onEdit({ override: 1 })}>
        {t('review_override_start')}
      </button>
    );
  }
  if (step === 1) {
    return (
      <div class="confirm-box" role="group" aria-label={t('review_override_group', { name: p.name })}>
        <span class="reason block">
          {/* The name isolated (FSI…PDI, as <bdi> would) so a right-to-left name cannot reorder the sentence. */}
          {t('review_override_warning')} {t('review_override_confirmAgain', { name: `\u2068${p.name}\u2069` })}
        </span>
        <button type="button" class="btn" data-b2b="override-confirm" onClick={(e) => p.trusted(e) && p.onEdit({ override: 2 })}>
          {t('review_override_yes')}
        </button>{' '}
        <button type="button" class="btn subtle" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
          {t('review_cancel')}
        </button>
      </div>
    );
  }
  return (
    <button type="button" class="btn subtle" data-b2b="override-undo" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
      {t('review_override_undo')}
    </button>
  );
}
