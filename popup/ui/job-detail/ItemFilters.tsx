// Narrow the job's users: by result, and by text typed into the search box (the parent debounces the search).
import { itemFilters, type ItemFilter } from '../../lib/filters';
import { t } from '../../../src/i18n';

export function ItemFilters(props: { filter: ItemFilter; onFilter: (f: ItemFilter) => void; searchText: string; onSearchText: (text: string) => void }) {
  return (
    <div class="row" style={{ margin: '8px 0' }}>
      <div style={{ flex: '0 0 auto' }}>
        <label for="item-filter" class="visually-hidden">
          {t('items_filter')}
        </label>
        <select id="item-filter" value={props.filter} onChange={(e) => props.onFilter(e.currentTarget.value as ItemFilter)}>
          {itemFilters().map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div style={{ flex: '1 1 160px' }}>
        <label for="item-search" class="visually-hidden">
          {t('items_searchLabel')}
        </label>
        <input
          id="item-search"
          type="search"
          placeholder={t('items_searchPlaceholder')}
          value={props.searchText}
          onInput={(e) => props.onSearchText(e.currentTarget.value)}
        />
      </div>
    </div>
  );
}
