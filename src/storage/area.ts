// The storage port: one key/value area (storage.local or storage.session in the extension, a Map in tests).
// The worker's port-building module adapts the browser's areas to this; nothing else in the worker touches them.
// It is a superset of the job engine's JobStorePort, so the engine runs on the same area.
import type { JobStorePort } from '../jobs';

export interface StorageArea extends JobStorePort {
  /** Values for the keys that exist; missing keys are absent from the result. */
  get(keys: readonly string[]): Promise<Record<string, unknown>>;
  set(entries: Record<string, unknown>): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
  /** Every key in the area (for migrations, quota accounting and tests). */
  keys(): Promise<string[]>;
}

/** The two areas the worker writes: local (survives restarts) and session (cleared when the browser closes). */
export interface StorageAreas {
  local: StorageArea;
  session: StorageArea;
}

/**
 * Bytes an entry takes against the area's quota, counted the way Chromium does (key length plus the length of
 * the value's JSON). Firefox has no getBytesInUse for every area, so the figure is computed, not asked for.
 * https://developer.chrome.com/docs/extensions/reference/api/storage#property-local
 */
export function entryBytes(key: string, value: unknown): number {
  return key.length + (JSON.stringify(value)?.length ?? 0);
}
