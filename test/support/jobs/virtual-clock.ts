// A deterministic clock for tests and simulations: time moves only when the driver advances it, and the
// driver advances it only when nothing else can make progress. Pure (no timers), so runs are exact and fast.
import type { Clock } from '../../../src/jobs/ports';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export class VirtualClock implements Clock {
  private t: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = Date.UTC(2026, 10, 1)) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || !(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer: Timer = { at: this.t + ms, seq: this.seq++, resolve };
      this.timers.push(timer);
      // An aborted sleep must vanish, otherwise the driver would jump time to a wait nobody needs.
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.timers.indexOf(timer);
          if (i >= 0) this.timers.splice(i, 1);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Time of the earliest pending timer. */
  nextAt(): number | undefined {
    let best: number | undefined;
    for (const timer of this.timers) if (best === undefined || timer.at < best) best = timer.at;
    return best;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time to `t`, firing due timers in order. */
  advanceTo(t: number): void {
    const due = this.timers.filter((timer) => timer.at <= t).sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.timers = this.timers.filter((timer) => timer.at > t);
    for (const timer of due) {
      this.t = Math.max(this.t, timer.at);
      timer.resolve();
    }
    this.t = Math.max(this.t, t);
  }

  advance(ms: number): void {
    this.advanceTo(this.t + ms);
  }
}

const macrotask = (): Promise<void> =>
  new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });

/**
 * Runs until `work` settles, jumping the clock to the next timer whenever every promise chain is idle.
 * Throws if nothing is scheduled and `work` still does not settle (a deadlock in the code under test).
 */
export async function driveVirtual<T>(clock: VirtualClock, work: Promise<T>, maxSteps = 5_000_000): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  let idle = 0;
  for (let step = 0; step < maxSteps; step++) {
    await macrotask();
    if (settled) return work;
    const next = clock.nextAt();
    if (next === undefined) {
      if (++idle > 100) throw new Error('driveVirtual: deadlock — nothing scheduled and the work never settles');
      continue;
    }
    idle = 0;
    clock.advanceTo(next);
  }
  throw new Error('driveVirtual: step limit reached');
}
