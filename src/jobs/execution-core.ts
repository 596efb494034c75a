// The shared state of one job's run and its plumbing: mode, durable commits, waking the drive loop, launching tasks.
//
// Execution is split by phase into a chain of classes, each in its own file, because every phase works on the same
// state (the queues, the in-flight set, the job file) and calls the others:
//   ExecutionCore (here) → WorkingSet (working-set.ts: which items are active, and where each waits)
//   → ItemTransitions (item-transitions.ts: what an outcome does to an item) → Tasks (tasks.ts: reads and $batch
//   writes) → Execution (execution.ts: the drive loop and the job's end).
//
// Invariants (the reason the phases are shaped the way they are):
// 1. An item is marked `sent` and that is flushed BEFORE its write leaves; the marker is cleared only by
//    a flushed outcome. So after any crash, an item either was never sent, or is `sent` = unknown.
// 2. Nothing unknown is ever re-sent blindly: it is read back first (verify), then re-sent only if the
//    effect is absent. Nothing is recorded as done unless a 2xx or a read showed the effect.
// 3. Items live in exactly one place while active: a queue, the delayed list, or a task in flight.
// 4. Memory is bounded: at most maxActiveItems items (and the chunks holding them) are worked on.
import { AuthGate } from './auth-gate';
import type { RunnerConfig } from './config';
import type { JobFile } from './job-file';
import type { Lane } from './lanes';
import type { SlidingWindowPacer } from './pacer';
import type { AuthPort, Clock, GraphPort, NetworkPort } from './ports';
import type { RateSample } from './progress';

export interface ExecutionPorts {
  graph: GraphPort;
  auth: AuthPort;
  network: NetworkPort;
  clock: Clock;
  random: () => number;
}

export interface TenantPacers {
  invite: SlidingWindowPacer;
  write: SlidingWindowPacer;
}

export type Mode = 'run' | 'cancel' | 'halt';

export type Task = { kind: 'read'; indices: number[] } | { kind: 'write'; lane: Lane; indices: number[]; tokens: number };

export abstract class ExecutionCore {
  protected readonly active = new Set<number>();
  protected readQ: number[] = [];
  /** Items whose next write is ready to send, per lane (lanes.ts). */
  protected writeQ: Record<Lane, number[]> = { invite: [], write: [], beta: [] };
  /** Waiting for a backoff or the verify delay; sorted by due time. */
  protected delayed: Array<{ index: number; due: number }> = [];
  /** Current otherMails read just before an addingEmail PATCH (PATCH replaces the whole list). */
  protected readonly stash = new Map<number, readonly string[]>();
  protected readonly throttles = new Map<number, number>();
  protected cursor = 0;
  protected readonly inFlight = new Set<Promise<void>>();
  protected fatal: unknown;
  protected readonly gate: AuthGate;
  /** Items in requests that left and whose answer is awaited: what a pause or cancel is still waiting for. */
  private pendingItems = 0;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  sample: RateSample | undefined;

  constructor(
    readonly file: JobFile,
    protected readonly ports: ExecutionPorts,
    protected readonly config: RunnerConfig,
    protected readonly pacers: TenantPacers,
    private readonly emit: (execution: ExecutionCore) => void,
    protected readonly signal: AbortSignal | undefined,
  ) {
    this.gate = new AuthGate(ports.auth);
  }

  get activeCount(): number {
    return this.active.size;
  }

  get inFlightItems(): number {
    return this.pendingItems;
  }

  protected get now(): number {
    return this.ports.clock.now();
  }

  /** Nudges the drive loop (control change, connectivity change, task end). */
  wake(): void {
    this.woken = true;
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  protected mode(): Mode {
    if (this.fatal !== undefined || this.file.failure !== undefined || this.signal?.aborted) return 'halt';
    switch (this.file.header.status) {
      case 'running':
      case 'paused-offline':
        return 'run';
      case 'cancelling':
        return 'cancel';
      default:
        return 'halt';
    }
  }

  protected async commit(): Promise<void> {
    await this.file.flush();
    this.emit(this);
  }

  /** Waits for a task to end, a wake-up, or `ms`, whichever comes first. */
  protected async waitAny(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    if (ms <= 0) return;
    const timer = new AbortController();
    const waits: Array<Promise<void>> = [...this.inFlight, new Promise<void>((resolve) => (this.wakeUp = resolve))];
    if (ms !== Infinity) waits.push(this.ports.clock.sleep(ms, timer.signal));
    await Promise.race(waits);
    timer.abort();
    this.wakeUp = undefined;
    this.woken = false;
  }

  protected abstract runTask(task: Task): Promise<void>;

  protected launch(task: Task): void {
    const run = async (): Promise<void> => {
      this.pendingItems += task.indices.length;
      try {
        await this.runTask(task);
      } catch (error) {
        this.fatal ??= error;
      } finally {
        this.pendingItems -= task.indices.length;
      }
    };
    const promise: Promise<void> = run().finally(() => {
      this.inFlight.delete(promise);
      this.wake();
    });
    this.inFlight.add(promise);
  }

  /** Keeps the loop waiting for `work` (e.g. a token renewal) as for a task. */
  protected track(work: Promise<void>): void {
    const promise: Promise<void> = work
      .catch((error: unknown) => {
        this.fatal ??= error;
      })
      .finally(() => {
        this.inFlight.delete(promise);
        this.wake();
      });
    this.inFlight.add(promise);
  }
}
