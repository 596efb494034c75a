// A HostAccess fake for the popup and options UI tests: a set of granted patterns that request() can extend
// (or refuse to), with change listeners like permissions.onAdded/onRemoved.
import type { HostAccess } from '../../popup/lib/platform';

export interface FakeHostAccess extends HostAccess {
  granted: Set<string>;
  requested: string[][];
  /** Revokes patterns the way a user does in the browser's add-on settings, and notifies listeners. */
  revoke(patterns: string[]): void;
}

export function fakeHostAccess(opts: { granted?: Iterable<string>; grantOnRequest?: boolean; grantAll?: boolean } = {}): FakeHostAccess {
  const granted = new Set(opts.granted ?? []);
  const listeners = new Set<() => void>();
  const requested: string[][] = [];
  const all = opts.grantAll ?? opts.granted === undefined;
  return {
    granted,
    requested,
    missing: async (patterns) => (all ? [] : patterns.filter((p) => !granted.has(p))),
    request: async (patterns) => {
      requested.push(patterns);
      if (opts.grantOnRequest === false) return false;
      for (const p of patterns) granted.add(p);
      listeners.forEach((l) => l());
      return true;
    },
    onChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    revoke(patterns) {
      for (const p of patterns) granted.delete(p);
      listeners.forEach((l) => l());
    },
  };
}
