import { useEffect, useState } from 'preact/hooks';
import type { SelectionStore } from '../../src/selection';
import type { Observable } from '../observable';

/**
 * Re-render when a value changes. Subscribing happens after the first paint, so a change in between is caught by
 * comparing with the value that was rendered.
 */
export function useObservable<T>(obs: Observable<T>): T {
  const [, setTick] = useState(0);
  const rendered = obs.value;
  useEffect(() => {
    const unsubscribe = obs.subscribe(() => setTick((t) => t + 1));
    if (!Object.is(obs.value, rendered)) setTick((t) => t + 1);
    return () => void unsubscribe();
  }, [obs]);
  return rendered;
}

/** Re-render on every selection change; answers the store's version (cheap dependency for memos). */
export function useSelectionVersion(store: SelectionStore): number {
  const [, setTick] = useState(0);
  const rendered = store.version;
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setTick((t) => t + 1));
    if (store.version !== rendered) setTick((t) => t + 1);
    return () => void unsubscribe();
  }, [store]);
  return rendered;
}
