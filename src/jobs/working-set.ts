// Which items are being worked on, and where each of them waits: the read queue, a lane's write queue, or the delayed
// list. Items enter from the job file chunk by chunk (bounded memory), and leave when they reach an end state.
import { ExecutionCore, type Mode, type Task } from './execution-core';
import { LANE_RULES, LANES, STEP_LANE } from './lanes';
import { isStep, isTerminalItem, nextStep, type ItemState, type Reason } from './model';

const PASSWORD_GONE: Reason = {
  status: 0,
  code: 'PasswordGone',
  message: 'The temporary password for this user is no longer kept. Open Convert back to internal again for this user.',
};

export abstract class WorkingSet extends ExecutionCore {
  protected abstract finishItem(index: number, status: 'done' | 'failed' | 'blocked' | 'cancelled', reason: Reason | undefined): void;

  /** Loads chunks in order until enough items are active. */
  protected async fill(): Promise<void> {
    const { chunkCount } = this.file.header;
    while (this.mode() !== 'halt' && this.active.size < this.config.maxActiveItems && this.cursor < chunkCount) {
      const c = this.cursor++;
      await this.file.load(c);
      const { start, end } = this.file.range(c);
      for (let i = start; i < end; i++) {
        const state = this.file.state(i);
        if (isTerminalItem(state.status) || this.active.has(i)) continue;
        this.active.add(i);
        this.file.pin(c);
        // Found in flight: written by a worker that died, or in a previous session. Verify first.
        if (state.sent) this.delay(i, this.config.verifyDelayMs);
        else this.route(i);
      }
      // Cancelling turns whole chunks terminal here; write each before loading the next so dirty
      // (unevictable) chunks never pile up in memory.
      if (this.file.isDirty) await this.commit();
    }
  }

  protected release(index: number): void {
    if (!this.active.delete(index)) return;
    this.stash.delete(index);
    this.throttles.delete(index);
    this.file.unpin(this.file.chunkOf(index));
  }

  protected delay(index: number, ms: number): void {
    const due = this.now + Math.max(0, ms);
    let i = this.delayed.length;
    while (i > 0 && (this.delayed[i - 1]?.due ?? 0) > due) i--;
    this.delayed.splice(i, 0, { index, due });
  }

  protected promoteDue(): void {
    const now = this.now;
    while (this.delayed[0] && this.delayed[0].due <= now) {
      const entry = this.delayed.shift();
      if (entry) this.route(entry.index);
    }
  }

  /** Writes that were marked as sent but never left: the items go back to their state before the marker. */
  protected restoreUnsent(indices: readonly number[], previous: ReadonlyMap<number, ItemState>): void {
    for (const i of indices) {
      const before = previous.get(i);
      if (before) this.file.update(i, before);
      this.route(i);
    }
  }

  /** Puts an active item where its state says it belongs. */
  protected route(index: number): void {
    const state = this.file.state(index);
    if (isTerminalItem(state.status)) return this.release(index);
    if (state.sent) {
      this.readQ.push(index);
      return;
    }
    if (this.mode() === 'cancel') return this.finishItem(index, 'cancelled', state.reason);
    const step = isStep(state.status) ? state.status : nextStep(this.file.item(index), state.steps);
    if (step === undefined) return this.finishItem(index, 'done', undefined);
    // A cloud user's conversion back to internal cannot be sent without its temporary password (dropped at the item's end).
    if (step === 'convertingToInternal' && this.file.item(index).toInternal?.userPrincipalName !== undefined && state.secret === undefined) {
      return this.finishItem(index, 'failed', PASSWORD_GONE);
    }
    // PATCH replaces otherMails as a whole: the address step needs the list as it is now, read just before.
    if (step === 'addingEmail' && !this.stash.has(index)) {
      this.readQ.push(index);
      return;
    }
    this.writeQ[STEP_LANE[step]].push(index);
  }

  /** On cancel: everything not sent becomes cancelled; unknown outcomes stay to be verified. */
  protected sweepForCancel(): void {
    const isSent = (i: number): boolean => this.file.state(i).sent;
    const pending = [...LANES.flatMap((lane) => this.writeQ[lane]), ...this.readQ.filter((i) => !isSent(i))];
    this.writeQ = { invite: [], write: [], beta: [] };
    this.readQ = this.readQ.filter(isSent);
    this.delayed = this.delayed.filter((d) => isSent(d.index) || (pending.push(d.index), false));
    for (const i of pending) {
      this.stash.delete(i);
      this.route(i);
    }
  }

  /** The next task to start, or how long until one could (pacing); reads go first, and only reads while cancelling. */
  protected pick(mode: Mode): Task | number {
    if (this.gate.renewing) return Infinity; // woken when the renewal settles
    if (this.readQ.length > 0) return { kind: 'read', indices: this.readQ.splice(0, this.config.readBatchSize) };
    if (mode !== 'run') return Infinity;
    let wait = Infinity;
    for (const lane of LANES) {
      const queue = this.writeQ[lane];
      if (queue.length === 0) continue;
      const pacer = this.pacers[LANE_RULES[lane].pacer];
      const tokens = pacer.reserve(Math.min(this.config.batchSize, queue.length));
      if (tokens > 0) return { kind: 'write', lane, indices: queue.splice(0, tokens), tokens };
      wait = Math.min(wait, pacer.waitFor(1));
    }
    return wait;
  }
}
