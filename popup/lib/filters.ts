// The job detail's filter choices (the values the worker's job/items accepts) and paging text.
export type ItemFilter = 'all' | 'done' | 'failed' | 'blocked' | 'pending' | 'cancelled';

export const ITEM_FILTERS: ReadonlyArray<{ value: ItemFilter; label: string }> = [
  { value: 'all', label: 'All users' },
  { value: 'done', label: 'Converted' },
  { value: 'failed', label: 'Failed' },
  { value: 'blocked', label: 'Blocked' },
  { value: 'pending', label: 'Pending' },
  { value: 'cancelled', label: 'Cancelled' },
];

/** "1–50 of 1,234" */
export function pageLabel(offset: number, count: number, total: number): string {
  if (total === 0 || count === 0) return `0 of ${total.toLocaleString('en-US')}`;
  return `${(offset + 1).toLocaleString('en-US')}–${(offset + count).toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`;
}
