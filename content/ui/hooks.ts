import { useEffect, useState } from 'preact/hooks';
import type { SelectionStore } from '../../src/selection';
import type { Observable } from '../observable';

export function useObservable<T>(obs: Observable<T>): T {
  const [, setTick] = useState(0);
  useEffect(() => obs.subscribe(() => setTick((t) => t + 1)), [obs]);
  return obs.value;
}

/** Re-render on every selection change; answers the store's version (cheap dependency for memos). */
export function useSelectionVersion(store: SelectionStore): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setTick((t) => t + 1));
    return () => void unsubscribe();
  }, [store]);
  return store.version;
}
