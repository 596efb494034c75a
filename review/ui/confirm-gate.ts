// The browser side of the confirm gate (rules in src/confirm-gate.ts): what IntersectionObserver v2 reports about
// the dialog (framed placement), whether the review's document is shown (its own window, the picker), and when the
// document got the focus. The environment is passed in, so the component runs in unit tests without a compositor.
import { useEffect, useRef, useState } from 'preact/hooks';
import { judgeGate, type GateFacts, type GateVerdict, type ReviewPlacement } from '../../src/confirm-gate';

export interface GateEnv {
  win: Window;
  now: () => number;
  /**
   * Reports whether `el` is fully visible and unobscured, now and on every change; undefined when the browser
   * cannot tell (no IntersectionObserver v2). Returns the way to stop.
   */
  watchVisibility(el: Element, onChange: (visible: boolean) => void): (() => void) | undefined;
}

/** IntersectionObserver v2 (Chromium): isVisible is false while anything covers the target or an effect
 *  (opacity, filter, transform) alters it, in this document or any document above it. */
export function browserGateEnv(win: Window & typeof globalThis): GateEnv {
  return {
    win,
    now: () => win.performance.now(),
    watchVisibility(el, onChange) {
      const Entry = win.IntersectionObserverEntry as { prototype: object } | undefined;
      if (!win.IntersectionObserver || !Entry || !('isVisible' in Entry.prototype)) return undefined;
      const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit;
      const observer = new win.IntersectionObserver((entries) => {
        const last = entries[entries.length - 1] as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (last) onChange(last.isVisible === true && last.intersectionRatio >= 0.999);
      }, options);
      observer.observe(el);
      return () => observer.disconnect();
    },
  };
}

export interface ConfirmGate {
  verdict: GateVerdict;
  /** Judged at the moment of the click or key press (not at the last render). */
  readyNow(): boolean;
  /**
   * A new confirmation appeared (e.g. the Retry prompt): it must itself be seen for a while before it acts, so the
   * clock starts again — a gesture aimed at what was there before cannot confirm what just replaced it.
   */
  restart(): void;
}

export function useConfirmGate(target: { current: Element | null }, placement: ReviewPlacement, env: GateEnv): ConfirmGate {
  const { win, now } = env;
  const doc = win.document;
  const facts = useRef<GateFacts>({
    placement,
    visibility: 'checking',
    focused: doc.hasFocus(),
    ...(doc.hasFocus() ? { focusedSince: now() } : {}),
    now: now(),
  });
  const [, setTick] = useState(0);
  const rerender = () => setTick((t) => t + 1);

  useEffect(() => {
    const f = facts.current;
    const setVisible = (visible: boolean) => {
      const was = f.visibility === 'visible';
      f.visibility = visible ? 'visible' : 'hidden';
      if (visible && !was) f.visibleSince = now();
      rerender();
    };
    let stopVisibility: (() => void) | undefined;
    const onShown = () => setVisible(doc.visibilityState === 'visible');
    if (placement === 'frame') {
      const el = target.current;
      stopVisibility = el ? env.watchVisibility(el, setVisible) : undefined;
      if (!stopVisibility) {
        f.visibility = 'unverifiable';
        rerender();
      }
    } else {
      // The extension's own document, top level: no page can lay anything over it; shown is what counts.
      onShown();
      doc.addEventListener('visibilitychange', onShown);
    }
    const onFocus = () => {
      f.focused = true;
      f.focusedSince = now();
      rerender();
    };
    const onBlur = () => {
      f.focused = false;
      f.focusedSince = undefined;
      rerender();
    };
    win.addEventListener('focus', onFocus);
    win.addEventListener('blur', onBlur);
    return () => {
      stopVisibility?.();
      doc.removeEventListener('visibilitychange', onShown);
      win.removeEventListener('focus', onFocus);
      win.removeEventListener('blur', onBlur);
    };
  }, [placement]);

  const verdict = judgeGate({ ...facts.current, now: now() });
  // Only time stands in the way: look again when it has passed.
  const waitMs = verdict.ready ? undefined : verdict.waitMs;
  useEffect(() => {
    if (waitMs === undefined) return;
    const timer = win.setTimeout(rerender, waitMs + 10);
    return () => win.clearTimeout(timer);
  });

  const restart = () => {
    const f = facts.current;
    const at = now();
    if (f.visibleSince !== undefined) f.visibleSince = at;
    if (f.focusedSince !== undefined) f.focusedSince = at;
    rerender();
  };
  return { verdict, readyNow: () => judgeGate({ ...facts.current, now: now() }).ready, restart };
}
