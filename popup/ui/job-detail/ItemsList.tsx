// The page of users on screen, one stacked row each, with a box to select them all; a placeholder while the page
// loads and a note when nothing matches. Selection is by user id, so it survives paging.
import type { JobItemRow as JobItemView } from '../../../src/messages';
import { ItemRow } from './ItemRow';
import { t } from '../../../src/i18n';

export function ItemsList(props: {
  /** Undefined until the first page arrives. */
  items: readonly JobItemView[] | undefined;
  loadFailed: boolean;
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
  copy: (t: string) => Promise<void>;
  /** Columns in the job page, stacked in the popup. */
  wide: boolean;
}) {
  const { items, selected } = props;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelect(next);
  };
  const pageIds = items?.map((i) => i.userId) ?? [];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const togglePage = () => {
    const next = new Set(selected);
    for (const id of pageIds) {
      if (allOnPage) next.delete(id);
      else next.add(id);
    }
    props.onSelect(next);
  };
  return (
    <div style={{ minHeight: '120px' }}>
      <label class="inline select-page">
        <input type="checkbox" checked={allOnPage} onChange={togglePage} disabled={pageIds.length === 0} />
        {t('items_selectPage')}
      </label>
      {items === undefined && !props.loadFailed && (
        <p class="muted" aria-busy="true">
          {t('items_loading')}
        </p>
      )}
      {items?.length === 0 && <p class="muted">{t('items_none')}</p>}
      {items && items.length > 0 && (
        <ul class={`plain items${props.wide ? ' wide' : ''}`} aria-label={t('items_list')}>
          {items.map((item) => (
            <ItemRow key={item.userId} item={item} selected={selected.has(item.userId)} onToggle={() => toggle(item.userId)} copy={props.copy} />
          ))}
        </ul>
      )}
    </div>
  );
}
