// Where the admin is ("26–50 of 120") and how many users are selected on all pages; Previous and Next only when
// there is more than one page.
import { pageLabel } from '../../lib/filters';
import { t } from '../../../src/i18n';

export function Pager(props: { offset: number; pageSize: number; shown: number; total: number; selectedCount: number; onOffset: (offset: number) => void }) {
  const { offset, pageSize, total } = props;
  const n = props.selectedCount;
  const label = (
    <span class="small" aria-live="polite">
      {pageLabel(offset, props.shown, total)}
      {n > 0 ? ` · ${t('pager_selected', { count: n })}` : ''}
    </span>
  );
  if (total <= pageSize && offset === 0) return <p style={{ marginTop: '8px' }}>{label}</p>;
  return (
    <nav class="spread" aria-label={t('pager_region')} style={{ marginTop: '8px' }}>
      <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - pageSize))}>
        {t('pager_previous')}
      </button>
      {label}
      <button type="button" disabled={offset + pageSize >= total} onClick={() => props.onOffset(offset + pageSize)}>
        {t('pager_next')}
      </button>
    </nav>
  );
}
