// Whether an element is something the admin can see now. The portal keeps views alive: inactive tab panels, blades
// it navigated away from and second lists stay in the DOM, hidden in one of many ways (`hidden`, `aria-hidden`,
// `inert`, `display:none`, `visibility:hidden`, zero size, parked off-screen, or the whole frame hidden or sized to
// nothing by its parent). Only what passes every test counts; a list that does not contributes nothing.
// Browser edge: it measures layout, which only a real browser has (unit tests give happy-dom a layout stub).

/** Attributes that take an element and its subtree away from the admin (hidden tab panels, kept-alive blades). */
const HIDING_ANCESTOR = '[hidden], [aria-hidden="true"], [inert]';

export function isShown(el: Element): boolean {
  const doc = el.ownerDocument;
  const win = doc.defaultView;
  if (!el.isConnected || !win) return false;
  // A frame that its parent hides (display:none) or shrinks to nothing has no viewport to show anything in.
  if (win.innerWidth <= 0 || win.innerHeight <= 0) return false;
  if (el.closest(HIDING_ANCESTOR)) return false;
  // display:none, visibility:hidden, content-visibility:hidden or opacity 0 on the element or any ancestor.
  if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
  const rect = el.getBoundingClientRect();
  if (rect.width <= 0 || rect.height <= 0) return false;
  // Parked far off to the left or top of the document (another way to keep a view mounted but unseen).
  if (rect.right + win.scrollX <= 0 || rect.bottom + win.scrollY <= 0) return false;
  // A zero-size ancestor that clips its content (a collapsed tab panel) hides it even when the element has a size.
  for (let a = el.parentElement; a && a !== doc.body && a !== doc.documentElement; a = a.parentElement) {
    const r = a.getBoundingClientRect();
    if ((r.width <= 0 || r.height <= 0) && win.getComputedStyle(a).overflow !== 'visible') return false;
  }
  return true;
}
