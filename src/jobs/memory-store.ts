// In-memory JobStorePort for tests and simulations, with write accounting and crash simulation.
// Values are kept as JSON text, as chrome.storage does, so nothing the engine holds can alias what is
// "on disk", and byte counts are real.
import type { JobStorePort } from './ports';

export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

/**
 * How write number `atWrite` (1-based, counted from when the plan is set) fails:
 * - 'before': nothing of it lands (the worker died before the write);
 * - 'torn': only its first entry lands (a store that is not atomic across keys);
 * - 'torn-last': only its last entry lands (the other order);
 * - 'after': it lands but the caller gets an error (the worker died before hearing back).
 * From then on every operation throws until revive(), like a dead worker.
 */
export interface CrashPlan {
  atWrite: number;
  mode: 'before' | 'torn' | 'torn-last' | 'after';
}

export interface WriteRecord {
  keys: string[];
  bytes: number;
}

export interface StoreStats {
  writes: number;
  bytesWritten: number;
  maxKeysPerWrite: number;
  maxBytesPerWrite: number;
  reads: number;
}

export class MemoryJobStore implements JobStorePort {
  private data = new Map<string, string>();
  private plan: CrashPlan | undefined;
  private writesSincePlan = 0;
  private dead = false;
  stats: StoreStats = { writes: 0, bytesWritten: 0, maxKeysPerWrite: 0, maxBytesPerWrite: 0, reads: 0 };
  /** Called for every successful write; tests use it to assert per-write bounds. */
  onWrite: ((record: WriteRecord) => void) | undefined;

  crashAt(plan: CrashPlan): void {
    this.plan = plan;
    this.writesSincePlan = 0;
  }

  /** A new worker starts: the data survives, the crash plan is gone. */
  revive(): void {
    this.dead = false;
    this.plan = undefined;
  }

  get crashed(): boolean {
    return this.dead;
  }

  resetStats(): void {
    this.stats = { writes: 0, bytesWritten: 0, maxKeysPerWrite: 0, maxBytesPerWrite: 0, reads: 0 };
  }

  async get(keys: readonly string[]): Promise<Record<string, unknown>> {
    await Promise.resolve();
    if (this.dead) throw new SimulatedCrash('store unavailable: worker is dead');
    this.stats.reads += 1;
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const text = this.data.get(key);
      if (text !== undefined) out[key] = JSON.parse(text) as unknown;
    }
    return out;
  }

  async set(entries: Record<string, unknown>): Promise<void> {
    await Promise.resolve();
    if (this.dead) throw new SimulatedCrash('store unavailable: worker is dead');
    const serialized = Object.entries(entries).map(([key, value]) => [key, JSON.stringify(value)] as const);
    if (this.plan && ++this.writesSincePlan >= this.plan.atWrite) {
      this.dead = true;
      const landing = { after: serialized, torn: serialized.slice(0, 1), 'torn-last': serialized.slice(-1), before: [] }[this.plan.mode];
      for (const [key, text] of landing) this.data.set(key, text);
      throw new SimulatedCrash(`simulated crash at write ${this.writesSincePlan} (${this.plan.mode})`);
    }
    let bytes = 0;
    for (const [key, text] of serialized) {
      this.data.set(key, text);
      bytes += key.length + text.length;
    }
    this.stats.writes += 1;
    this.stats.bytesWritten += bytes;
    this.stats.maxKeysPerWrite = Math.max(this.stats.maxKeysPerWrite, serialized.length);
    this.stats.maxBytesPerWrite = Math.max(this.stats.maxBytesPerWrite, bytes);
    this.onWrite?.({ keys: serialized.map(([key]) => key), bytes });
  }

  async remove(keys: readonly string[]): Promise<void> {
    await Promise.resolve();
    if (this.dead) throw new SimulatedCrash('store unavailable: worker is dead');
    for (const key of keys) this.data.delete(key);
  }

  keys(): string[] {
    return [...this.data.keys()];
  }

  /** Total bytes held (keys + JSON values). */
  size(): number {
    let bytes = 0;
    for (const [key, text] of this.data) bytes += key.length + text.length;
    return bytes;
  }
}
