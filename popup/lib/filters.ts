// The job detail's filter choices (the values the worker's job/items accepts) and paging text.
import { t } from '../../src/i18n';

export type ItemFilter = 'all' | 'done' | 'failed' | 'blocked' | 'pending' | 'cancelled';

/** The choices with their words (a function: the words exist only once the catalogue is installed). */
export function itemFilters(): ReadonlyArray<{ value: ItemFilter; label: string }> {
  return [
    { value: 'all', label: t('filter_all') },
    { value: 'done', label: t('filter_converted') },
    { value: 'failed', label: t('filter_failed') },
    { value: 'blocked', label: t('filter_blocked') },
    { value: 'pending', label: t('filter_pending') },
    { value: 'cancelled', label: t('filter_cancelled') },
  ];
}

/** "1–50 of 1,234" */
export function pageLabel(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return t('pager_none', { total });
  return t('pager_range', { first: offset + 1, last: offset + count, total });
}
