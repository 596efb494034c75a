// "Show selected (N)": which users are selected, since the grid shows only the rows it renders and forgets its
// checks on search and refresh. A disclosure next to the count: the list (names as the grid or the job showed them),
// each with a way to take the user out of the selection. Shown in the browser's top layer (the popover API) where
// there is one, so the portal's clipping and stacking cannot hide it.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SelectionStore } from '../../src/selection';
import { t, tn } from '../../src/i18n';

/** The list names at most this many users; the rest are counted. */
export const SELECTED_LISTED = 200;

export function SelectedList(p: { store: SelectionStore; size: number; trusted: (e: Event) => boolean }) {
  const { store, size } = p;
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const shown = open && size > 0;
  const topLayer = typeof HTMLElement !== 'undefined' && 'showPopover' in HTMLElement.prototype;

  // Top layer where the browser has one (positioned under the button); otherwise the panel sits below the bar.
  useEffect(() => {
    const el = panel.current as (HTMLDivElement & { showPopover?: () => void; hidePopover?: () => void }) | null;
    if (!el || typeof el.showPopover !== 'function') return;
    if (shown) {
      const r = button.current?.getBoundingClientRect();
      const view = el.ownerDocument.defaultView;
      if (r && view) {
        el.style.setProperty('top', `${Math.round(r.bottom + 4)}px`);
        el.style.setProperty('left', `${Math.round(Math.max(8, Math.min(r.left, view.innerWidth - 368)))}px`);
      }
      if (!el.matches(':popover-open')) el.showPopover();
    } else if (el.matches(':popover-open')) el.hidePopover?.();
  }, [shown]);

  // Closes on a press outside the control and the list, and when the page scrolls the button away.
  useEffect(() => {
    if (!shown) return;
    const doc = button.current?.ownerDocument;
    const host = (button.current?.getRootNode() as ShadowRoot | undefined)?.host;
    if (!doc || !host) return;
    const onDown = (e: Event) => {
      if (!e.composedPath().includes(host)) setOpen(false);
    };
    const onScroll = () => setOpen(false);
    doc.addEventListener('pointerdown', onDown, true);
    doc.addEventListener('scroll', onScroll, true);
    return () => {
      doc.removeEventListener('pointerdown', onDown, true);
      doc.removeEventListener('scroll', onScroll, true);
    };
  }, [shown]);

  if (size === 0) return null;
  // Rows only while the list is open: the control re-renders on every selection change (a header select-all of
  // thousands), and a closed list shows nothing.
  const ids = shown ? store.ids() : [];
  const listed = ids.slice(0, SELECTED_LISTED);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        type="button"
        class="cmd"
        data-b2b="show-selected"
        ref={button}
        aria-expanded={shown ? 'true' : 'false'}
        aria-controls="b2b-selected-list"
        onClick={(e) => p.trusted(e) && setOpen(!open)}
      >
        {t('content_showSelected', { count: size })}
      </button>
      <div
        id="b2b-selected-list"
        class="selected-list"
        popover={topLayer ? 'manual' : undefined}
        ref={panel}
        hidden={topLayer ? undefined : !shown}
        role="group"
        aria-labelledby="b2b-selected-title"
        data-b2b="selected-list"
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.stopPropagation();
          close();
        }}
      >
        <h2 id="b2b-selected-title">{tn('content_selectedTitle', size)}</h2>
        <ul>
          {listed.map((id) => {
            const u = store.user(id);
            const name = u?.displayName || u?.userPrincipalName || id;
            return (
              <li key={id} data-user-id={id}>
                <span class="who">
                  <span class="name" dir="auto">
                    {name}
                  </span>
                  {u?.userPrincipalName && u.userPrincipalName !== name ? (
                    <span class="upn" dir="auto">
                      {u.userPrincipalName}
                    </span>
                  ) : null}
                </span>
                <button type="button" class="cmd" data-b2b="deselect" aria-label={t('content_deselect', { name })} onClick={(e) => p.trusted(e) && store.deselectMany([id])}>
                  {t('content_deselectShort')}
                </button>
              </li>
            );
          })}
        </ul>
        {ids.length > listed.length ? <p class="upn more">{tn('content_selectedMore', ids.length - listed.length)}</p> : null}
      </div>
    </>
  );
}
