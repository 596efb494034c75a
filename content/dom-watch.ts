// Watching a DOM we do not own, cheaply: one MutationObserver whose callback only arms a timer; the (more costly)
// check runs at most once per `delayMs` however many mutations arrive (virtualized scrolling makes many).
/** Attributes whose change can make the grid appear, change or go: its markers, and everything that hides a view. */
const WATCHED_ATTRIBUTES = ['aria-checked', 'data-testid', 'role', 'hidden', 'aria-hidden', 'inert', 'style', 'class'];

export function watchDom(target: Node, check: () => void, signal: AbortSignal, delayMs = 150): void {
  if (signal.aborted) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    if (!signal.aborted) check();
  };
  const observer = new MutationObserver(() => {
    timer ??= setTimeout(run, delayMs);
  });
  observer.observe(target, { childList: true, subtree: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
    },
    { once: true },
  );
}
