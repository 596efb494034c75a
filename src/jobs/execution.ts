// Drives one job until it completes, is cancelled, paused, or the caller's signal aborts. The phases it runs are in
// execution-core.ts (state, plumbing, invariants), working-set.ts, item-transitions.ts and tasks.ts.
import { endStatus, nothingLeft, unfinished } from './model';
import { finishedCount } from './progress';
import type { Mode } from './execution-core';
import { Tasks } from './tasks';

export type { ExecutionPorts, TenantPacers } from './execution-core';

export class Execution extends Tasks {
  private rescans = 0;

  async drive(): Promise<void> {
    const { network, clock } = this.ports;
    const unsubscribe = network.onOnlineChange(() => this.wake());
    const onAbort = (): void => this.wake();
    this.signal?.addEventListener('abort', onAbort);
    try {
      // The header may be stale after a torn or interrupted write; the item states are the truth.
      await this.file.recount();
      if (this.file.header.startedAt === undefined) {
        this.file.header.startedAt = clock.now();
        this.file.touchHeader();
      }
      await this.commit();
      this.sample = { since: clock.now(), finishedAtStart: finishedCount(this.file.header) };
      await this.loop();
      if (this.fatal !== undefined) throw this.fatal;
      await this.commit();
    } finally {
      unsubscribe();
      this.signal?.removeEventListener('abort', onAbort);
      this.file.unpinAll();
    }
  }

  private async loop(): Promise<void> {
    const { network } = this.ports;
    for (;;) {
      const mode = this.mode();
      if (mode === 'halt') {
        if (this.inFlight.size > 0) {
          await this.waitAny(Infinity);
          continue;
        }
        // Paused (or waiting for sign-in) while the last writes were in flight, and they settled every item:
        // the job is over, not paused with nothing to resume.
        const { status, counters } = this.file.header;
        if (this.fatal === undefined && this.file.failure === undefined && (status === 'paused' || status === 'waiting-for-sign-in') && nothingLeft(counters)) {
          await this.finish(this.file.header.cancelRequested ? 'cancel' : 'run');
        }
        return;
      }
      if (!network.isOnline()) {
        // Offline: let what is in flight settle (its outcome may become unknown), then park.
        if (this.inFlight.size === 0 && this.file.header.status === 'running') {
          this.file.setStatus('paused-offline');
          await this.commit();
        }
        // Re-check by itself too: a service worker is not always told when the network comes back.
        await this.waitAny(this.config.offlineRecheckMs);
        continue;
      }
      if (this.file.header.status === 'paused-offline') {
        this.file.setStatus('running');
        await this.commit();
      }
      if (mode === 'cancel') this.sweepForCancel();
      await this.fill();
      if (this.mode() !== mode) continue;
      this.promoteDue();
      if (this.active.size === 0 && this.cursor >= this.file.header.chunkCount && this.inFlight.size === 0) {
        if (await this.finish(mode)) return;
        continue;
      }
      let waitMs = this.delayed[0] ? Math.max(0, this.delayed[0].due - this.now) : Infinity;
      while (this.inFlight.size < this.config.concurrency) {
        const pick = this.pick(mode);
        if (typeof pick === 'number') {
          waitMs = Math.min(waitMs, pick);
          break;
        }
        this.launch(pick);
      }
      await this.waitAny(waitMs);
    }
  }

  /** Everything is terminal: record the job's end. Returns false if a rescan found unfinished items. */
  private async finish(mode: Mode): Promise<boolean> {
    const c = this.file.header.counters;
    if (unfinished(c) > 0) {
      // Should not happen (every non-terminal item is picked up by the scan); scan again rather than
      // declare a job complete that is not.
      if (++this.rescans > 2) throw new Error('internal: job has unfinished items the scan does not find');
      this.cursor = 0;
      return false;
    }
    this.file.setStatus(endStatus(c, mode === 'cancel'));
    this.file.header.finishedAt = this.now;
    this.file.touchHeader();
    await this.commit();
    return true;
  }
}
