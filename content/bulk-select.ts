// Bulk-select helpers the native grid lacks: "select all N users found" (the rows never rendered come from the
// worker's Graph list of the same search), deselect that set again, clear.
import { t, tn } from '../src/i18n';
import type { SelectionStore } from '../src/selection';
import type { GridFacts } from './grid-watch';
import { Observable } from './observable';
import { describeFailure, type Services } from './services';

export interface BulkStatus {
  busy: boolean;
  /** A sentence for the admin (progress, a partial result, an error); empty when there is nothing to say. */
  message: string;
  error: boolean;
}

export interface BulkSelect {
  status: Observable<BulkStatus>;
  selectAllFound(): Promise<void>;
  deselectAllFound(): void;
  clear(): void;
}

const IDLE: BulkStatus = { busy: false, message: '', error: false };

/** `currentFacts` reads the grid now (not the last debounced reading: the admin may act right after a search). */
export function createBulkSelect(store: SelectionStore, services: Services, currentFacts: () => GridFacts | undefined): BulkSelect {
  const status = new Observable<BulkStatus>(IDLE);
  /** Ids of every user found, per search text, from the last time they were loaded. */
  const foundBySearch = new Map<string, string[]>();
  let serial = 0;

  async function selectAllFound(): Promise<void> {
    const facts = currentFacts();
    if (!facts) return;
    const mine = ++serial;
    store.selectMany(facts.renderedIds);
    const expected = facts.foundCount;
    // Every user found is rendered: nothing to load.
    if (expected !== undefined && expected <= facts.renderedIds.length) {
      foundBySearch.set(facts.search, [...facts.renderedIds]);
      status.set(IDLE);
      return;
    }
    status.set({ busy: true, message: expected === undefined ? t('content_bulk_loadingAll') : tn('content_bulk_loading', expected), error: false });
    try {
      const { ids } = await services.request('users/allFound', { search: facts.search });
      foundBySearch.set(facts.search, ids);
      store.selectMany(ids);
      if (mine !== serial) return;
      status.set(
        expected !== undefined && ids.length !== expected
          ? { busy: false, message: t('content_bulk_countDiffers', { selected: ids.length, found: expected }), error: false }
          : IDLE,
      );
    } catch (err) {
      if (mine !== serial) return;
      const f = describeFailure(err);
      status.set({
        busy: false,
        error: true,
        message: t('content_bulk_failed', { problem: `${f.graphCode ? `${f.graphCode}: ` : ''}${f.message}`, shown: facts.renderedIds.length }),
      });
    }
  }

  function deselectAllFound(): void {
    const facts = currentFacts();
    if (!facts) return;
    serial += 1;
    store.deselectMany([...facts.renderedIds, ...(foundBySearch.get(facts.search) ?? [])]);
    status.set(IDLE);
  }

  function clear(): void {
    serial += 1;
    store.clear();
    status.set(IDLE);
  }

  return { status, selectAllFound, deselectAllFound, clear };
}
