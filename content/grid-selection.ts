// Keeps the selection store in step with what the admin does in the live list (grid-watch.ts, live-list.ts), and
// with nothing else. Every id the store gets from the grid has one of these provenances:
//  - the rows the live list shows selected when the session starts (the admin selected them before we attached);
//  - a gesture on a row of the live list: the ids every row showed at the moment of the gesture (captured before
//    the grid's own handler runs) are what a selection change on those same row elements within the gesture
//    window is attributed to — and only while the row still shows that id (a recycled row element that now shows
//    another user is ignored);
//  - a gesture on the live list's header select-all: "select all N users found" (the rows never rendered come from
//    the worker's Graph list of the same search) or "deselect" them, by what the rows show once it settled.
// Rows scrolled or searched into view, hidden lists, other lists' checks and header checks add nothing.
import type { SelectionStore } from '../src/selection';
import type { BulkSelect } from './bulk-select';
import type { Gestures } from './gestures';
import { readRow, rowUserId } from './grid-dom';
import type { Feature } from './features';
import type { GridSession } from './grid-watch';
import { css } from './portal-selectors';

/** How long after a gesture a selection may settle and still count as the admin's doing. */
export const GESTURE_WINDOW_MS = 1500;

/** The adaptation, for the feature runner: lives as long as the grid it was started for. */
export function selectionSync(session: GridSession, store: SelectionStore, bulk: BulkSelect, gestures: Gestures): Feature {
  return { name: 'selection-sync', init: (signal) => syncSelection(session, store, bulk, gestures, signal) };
}

interface OpenGesture {
  at: number;
  onHeader: boolean;
  /** Each row element of the list and the user it showed when the gesture happened. */
  shown: Map<Element, string | undefined>;
  /** Rows whose selection already changed after this gesture: one gesture changes a row once. A second change
   *  within the window is the grid's doing (a search applied after a debounce resets its selection). */
  changed: Set<Element>;
  headerHandled: boolean;
}

export function syncSelection(session: GridSession, store: SelectionStore, bulk: BulkSelect, gestures: Gestures, signal: AbortSignal): void {
  const root = session.list.root;
  const rowSel = css('row');
  const checkSel = css('rowCheck');
  const headerSel = css('headerCheck');
  const rowsNow = () => Array.from(root.querySelectorAll(rowSel));

  // Provenance 1: what the live list shows selected as we attach.
  store.batch(() => {
    for (const row of session.reading.rows) {
      const info = readRow(row);
      if (info) store.observeRow(info, info.checked, 'render');
    }
  });

  let open: OpenGesture | undefined;
  gestures.subscribe((g) => {
    // A gesture anywhere else (the search box, our control, another list) closes the window of the last one.
    if (!root.contains(g.target)) {
      open = undefined;
      return;
    }
    const header = g.target.closest(headerSel);
    open = {
      at: g.at,
      onHeader: header !== null && root.contains(header),
      shown: new Map(rowsNow().map((r) => [r, rowUserId(r)])),
      changed: new Set(),
      headerHandled: false,
    };
  }, signal);
  const active = () => (open && gestures.now() - open.at <= GESTURE_WINDOW_MS ? open : undefined);

  /** The row whose selection a mutation may have changed, if the record is about selection at all. */
  const rowOf = (rec: MutationRecord): Element | null => {
    const el = rec.target as Element;
    const now = el.getAttribute(rec.attributeName ?? '');
    if (rec.oldValue === now) return null;
    if (rec.attributeName === 'aria-checked') return el.matches(checkSel) ? el.closest(rowSel) : null;
    if (!el.matches(rowSel)) return null;
    if (rec.attributeName === 'aria-selected') return el;
    // class: only a change of `is-selected` (hover and focus classes change all the time).
    const was = ` ${rec.oldValue ?? ''} `.includes(' is-selected ');
    return was !== el.classList.contains('is-selected') ? el : null;
  };

  const observer = new MutationObserver((records) => {
    const g = active();
    if (!g) return; // no gesture on this list: the grid re-rendered, nothing the admin chose
    if (g.onHeader) {
      if (g.headerHandled) return;
      const rows = rowsNow().map(readRow).flatMap((r) => (r ? [r] : []));
      if (rows.length === 0) return;
      // Decided by what the rows show once the grid applied the click (the header check reflects only loaded rows).
      if (rows.every((r) => r.checked)) {
        g.headerHandled = true;
        void bulk.selectAllFound();
      } else if (rows.every((r) => !r.checked)) {
        g.headerHandled = true;
        bulk.deselectAllFound();
      }
      return;
    }
    const changed = new Set<Element>();
    for (const rec of records) {
      const row = rowOf(rec);
      if (row && root.contains(row)) changed.add(row);
    }
    store.batch(() => {
      for (const row of changed) {
        const info = readRow(row);
        // Recycled since the gesture (or not there then): not what the admin acted on.
        if (!info || !g.shown.has(row) || g.shown.get(row) !== info.id || g.changed.has(row)) continue;
        g.changed.add(row);
        store.observeRow(info, info.checked, 'user');
      }
    });
  });
  observer.observe(root, {
    subtree: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'aria-selected', 'class'],
    attributeOldValue: true,
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
