// The admin's pointer and keyboard gestures. A change of a row's selection right after a gesture on that list is
// the admin's doing; the same change without one is the grid re-rendering (search, refresh, scroll, a recycled row
// showing another user) and must not be read as a selection. Listeners run in the capture phase on the document,
// before the grid's own handlers: what a row shows at that moment is what the admin acted on.
export interface Gesture {
  target: Element;
  /** `now()` when it happened. */
  at: number;
}

export interface Gestures {
  /** Calls `listener` on every trusted gesture until the signal aborts. */
  subscribe(listener: (gesture: Gesture) => void, signal: AbortSignal): void;
  now(): number;
}

export function trackGestures(doc: Document, signal: AbortSignal, requireTrusted = true, now: () => number = () => performance.now()): Gestures {
  const listeners = new Set<(g: Gesture) => void>();
  const record = (e: Event) => {
    if (requireTrusted && !e.isTrusted) return;
    const target = e.composedPath()[0] ?? e.target;
    if (!(target instanceof Element)) return;
    const gesture = { target, at: now() };
    for (const l of [...listeners]) l(gesture);
  };
  for (const type of ['pointerdown', 'click', 'keydown']) doc.addEventListener(type, record, { capture: true, passive: true, signal });
  return {
    subscribe(listener, until) {
      if (until.aborted) return;
      listeners.add(listener);
      until.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
    now,
  };
}
