// The admin's last pointer or keyboard gesture. A change of a row's check right after a gesture on the grid is the
// admin's doing; the same change without one is the grid re-rendering (search, refresh, scroll) and must not be
// read as "deselect".
export interface Gestures {
  /** Target of the last trusted gesture within `withinMs`, if any. */
  recentTarget(withinMs: number): Element | null;
}

export function trackGestures(doc: Document, signal: AbortSignal, requireTrusted = true, now: () => number = () => performance.now()): Gestures {
  let last: { at: number; target: Element } | undefined;
  const record = (e: Event) => {
    if (requireTrusted && !e.isTrusted) return;
    const target = e.composedPath()[0] ?? e.target;
    if (target instanceof Element) last = { at: now(), target };
  };
  for (const type of ['pointerdown', 'click', 'keydown']) doc.addEventListener(type, record, { capture: true, passive: true, signal });
  return {
    recentTarget(withinMs) {
      return last && now() - last.at <= withinMs && last.target.isConnected ? last.target : null;
    },
  };
}
