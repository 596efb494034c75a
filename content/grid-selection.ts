// Keeps the selection store in step with the grid's own checkboxes. Rendered rows are read as they appear; a check
// that flips right after the admin's gesture on the grid is the admin's choice (select or deselect); the header
// select-all, flipped by the admin, selects every user found (not only the rendered window) or deselects them.
import type { SelectionStore } from '../src/selection';
import type { BulkSelect } from './bulk-select';
import type { Gestures } from './gestures';
import { isChecked, readRow, rowCheckOf } from './grid-dom';
import type { Feature } from './features';
import type { GridSession } from './grid-watch';
import { css } from './portal-selectors';

/** How long after a gesture a check may settle and still count as the admin's doing. */
export const GESTURE_WINDOW_MS = 1500;

/** The adaptation, for the feature runner: lives as long as the grid it was started for. */
export function selectionSync(session: GridSession, doc: Document, store: SelectionStore, bulk: BulkSelect, gestures: Gestures): Feature {
  return { name: 'selection-sync', init: (signal) => syncSelection(session, doc, store, bulk, gestures, signal) };
}

export function syncSelection(session: GridSession, doc: Document, store: SelectionStore, bulk: BulkSelect, gestures: Gestures, signal: AbortSignal): void {
  const rowSel = css('row');
  const checkSel = css('rowCheck');
  const headerSel = css('headerCheck');

  // A row's check flipping after a gesture on any row or on the header check is the admin's doing (Fluent's plain
  // row click deselects the others; the header check flips every row). The header check itself counts only after a
  // gesture on it: it also flips when the admin checks the last unchecked row, which is no "select all found".
  const cause = (target: 'row' | 'header'): 'user' | 'render' => {
    const g = gestures.recentTarget(GESTURE_WINDOW_MS);
    if (g === null) return 'render';
    const onHeader = g.closest(headerSel) !== null;
    return onHeader || (target === 'row' && g.closest(rowSel) !== null) ? 'user' : 'render';
  };

  const seeRow = (row: Element, why: 'user' | 'render') => {
    const info = readRow(row);
    if (info) store.observeRow(info, info.checked, why);
  };

  store.batch(() => session.reading.rows.forEach((r) => seeRow(r, 'render')));

  const observer = new MutationObserver((records) => {
    store.batch(() => {
      for (const rec of records) {
        if (rec.type === 'attributes') {
          const el = rec.target as Element;
          if (rec.oldValue === el.getAttribute(rec.attributeName ?? '')) continue;
          if (rec.attributeName === 'aria-checked' && el.matches(checkSel)) {
            const row = el.closest(rowSel);
            if (row) seeRow(row, cause('row'));
          } else if (rec.attributeName === 'aria-selected' && el.matches(rowSel) && rowCheckOf(el) === null) {
            seeRow(el, cause('row'));
          } else if (rec.attributeName === 'aria-checked' && el.matches(headerSel) && cause('header') === 'user') {
            if (isChecked(el)) void bulk.selectAllFound();
            else bulk.deselectAllFound();
          }
        } else {
          for (const node of Array.from(rec.addedNodes)) {
            if (!(node instanceof Element)) continue;
            const row = node.matches(rowSel) ? node : node.closest(rowSel);
            if (row) seeRow(row, 'render');
            else node.querySelectorAll(rowSel).forEach((r) => seeRow(r, 'render'));
          }
        }
      }
    });
  });
  observer.observe(doc.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'aria-selected'],
    attributeOldValue: true,
  });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
