// Where the admin is ("26–50 of 120") and how many users are selected on all pages; Previous and Next only when
// there is more than one page.
import { pageLabel } from '../../lib/filters';

export function Pager(props: { offset: number; pageSize: number; shown: number; total: number; selectedCount: number; onOffset: (offset: number) => void }) {
  const { offset, pageSize, total } = props;
  const n = props.selectedCount;
  const label = (
    <span class="small" aria-live="polite">
      {pageLabel(offset, props.shown, total)}
      {n > 0 ? ` · ${n} selected` : ''}
    </span>
  );
  if (total <= pageSize && offset === 0) return <p style={{ marginTop: '8px' }}>{label}</p>;
  return (
    <nav class="spread" aria-label="Pages" style={{ marginTop: '8px' }}>
      <button type="button" disabled={offset === 0} onClick={() => props.onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      {label}
      <button type="button" disabled={offset + pageSize >= total} onClick={() => props.onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
