// An in-memory storage area: the fake the worker's unit tests hand to its services. Values are copied in and out
// (structuredClone), as the browser's storage does, so a caller mutating what it read changes nothing stored.
import type { StorageArea } from './area';

export class MemoryStorageArea implements StorageArea {
  private readonly data = new Map<string, unknown>();

  async get(keys: readonly string[]): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (this.data.has(key)) out[key] = structuredClone(this.data.get(key));
    return out;
  }

  async set(entries: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(entries)) this.data.set(key, structuredClone(value));
  }

  async remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.data.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.data.keys()];
  }

  /** Everything stored, for comparing against a baseline. */
  snapshot(): Record<string, unknown> {
    return structuredClone(Object.fromEntries(this.data));
  }
}
