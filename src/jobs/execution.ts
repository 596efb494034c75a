// Drives one job until it completes, is cancelled, paused, or the caller's signal aborts.
//
// Invariants (the reason this file is shaped the way it is):
// 1. An item is marked `sent` and that is flushed BEFORE its write leaves; the marker is cleared only by
//    a flushed outcome. So after any crash, an item either was never sent, or is `sent` = unknown.
// 2. Nothing unknown is ever re-sent blindly: it is read back first (verify), then re-sent only if the
//    effect is absent. Nothing is recorded as done unless a 2xx or a read showed the effect.
// 3. Items live in exactly one place while active: a queue, the delayed list, or a task in flight.
// 4. Memory is bounded: at most maxActiveItems items (and the chunks holding them) are worked on.
import { headerValue } from '../graph/http';
import { backoffDelay } from './backoff';
import type { RunnerConfig } from './config';
import type { JobFile } from './job-file';
import { endStatus, isTerminalItem, nextStep, nothingLeft, STEP_FLAG, type InvitationReceipt, type ItemState, type ItemStatus, type Reason, type Step } from './model';

/** The redeem link and request id of a created invitation (the only time Graph ever returns the link). */
function receiptOf(response: BatchResponse): InvitationReceipt | undefined {
  const body = response.body as { inviteRedeemUrl?: unknown } | undefined;
  const url = typeof body?.inviteRedeemUrl === 'string' ? body.inviteRedeemUrl : undefined;
  const requestId = headerValue(response.headers, 'request-id');
  if (!url && !requestId) return undefined;
  return { ...(url ? { inviteRedeemUrl: url } : {}), ...(requestId ? { requestId } : {}) };
}
import type { SlidingWindowPacer } from './pacer';
import { SignInNeededError, type AuthPort, type BatchRequest, type BatchResponse, type Clock, type GraphPort, type NetworkPort, type UserState } from './ports';
import { finishedCount, type RateSample } from './progress';
import { addOtherMailRequest, classifyResponse, emailInPlace, invitationRequest, isInvited, reasonFromResponse, setGuestRequest } from './requests';
import { ALREADY_EXTERNAL, USER_MISSING, verifyStep } from './verify';

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

type Mode = 'run' | 'cancel' | 'halt';

type Task =
  | { kind: 'read'; indices: number[] }
  | { kind: 'invite' | 'patch'; indices: number[]; tokens: number };

const UNAUTHORIZED: Reason = {
  status: 401,
  code: 'Unauthorized',
  message: 'The access token was refused and could not be renewed. Sign in again to continue.',
};

const VERIFY_UNAVAILABLE: Reason = {
  status: 0,
  code: 'VerifyUnavailable',
  message: 'Users could not be read to verify earlier writes. Check the connection and read permission, then resume.',
};

function isStep(status: ItemStatus): status is Step {
  return status === 'addingEmail' || status === 'inviting' || status === 'settingType';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * One token renewal per incident: a 401 on a request sent with the current token renews it once; a 401
 * again before anything succeeded with the renewed token means renewing does not help → pause.
 */
class AuthGate {
  epoch = 0;
  private workedAtEpoch = false;
  renewing: Promise<boolean> | undefined;
  /** What the last failed renewal said (SignInNeededError), for the admin. */
  failure: Reason | undefined;

  constructor(private readonly auth: AuthPort) {}

  succeeded(epoch: number): void {
    if (epoch === this.epoch) this.workedAtEpoch = true;
  }

  /** 'retry': the token changed since; a promise: renewal under way; 'give-up': renewal will not help. */
  unauthorized(epoch: number): 'retry' | 'give-up' | Promise<boolean> {
    if (epoch < this.epoch) return 'retry';
    if (this.renewing) return this.renewing;
    if (this.epoch > 0 && !this.workedAtEpoch) return 'give-up';
    this.renewing = this.auth
      .renewToken()
      .catch((error: unknown) => {
        if (error instanceof SignInNeededError) this.failure = error.reason;
        return false;
      })
      .then((ok) => {
        if (ok) {
          this.epoch += 1;
          this.workedAtEpoch = false;
        }
        return ok;
      })
      .finally(() => {
        this.renewing = undefined;
      });
    return this.renewing;
  }
}

export class Execution {
  private readonly active = new Set<number>();
  private readQ: number[] = [];
  private inviteQ: number[] = [];
  private patchQ: number[] = [];
  /** Waiting for a backoff or the verify delay; sorted by due time. */
  private delayed: Array<{ index: number; due: number }> = [];
  /** Current otherMails read just before an addingEmail PATCH (PATCH replaces the whole list). */
  private readonly stash = new Map<number, readonly string[]>();
  private readonly throttles = new Map<number, number>();
  private cursor = 0;
  private rescans = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private fatal: unknown;
  private readFailures = 0;
  private woken = false;
  private wakeUp: (() => void) | undefined;
  private readonly gate: AuthGate;
  /** Items in requests that left and whose answer is awaited: what a pause or cancel is still waiting for. */
  private pendingItems = 0;
  sample: RateSample | undefined;

  constructor(
    readonly file: JobFile,
    private readonly ports: ExecutionPorts,
    private readonly config: RunnerConfig,
    private readonly pacers: TenantPacers,
    private readonly emit: (execution: Execution) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.gate = new AuthGate(ports.auth);
  }

  get activeCount(): number {
    return this.active.size;
  }

  get inFlightItems(): number {
    return this.pendingItems;
  }

  private get now(): number {
    return this.ports.clock.now();
  }

  /** Nudges the drive loop (control change, connectivity change, task end). */
  wake(): void {
    this.woken = true;
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  private mode(): Mode {
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

  private async commit(): Promise<void> {
    await this.file.flush();
    this.emit(this);
  }

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
    if (c.queued + c.addingEmail + c.inviting + c.settingType > 0) {
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

  private async waitAny(ms: number): Promise<void> {
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

  private launch(task: Task): void {
    const run = async (): Promise<void> => {
      this.pendingItems += task.indices.length;
      try {
        if (task.kind === 'read') await this.runRead(task.indices);
        else await this.runWrite(task.kind, task.indices, task.tokens);
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

  private track(work: Promise<void>): void {
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

  // ---- the working set -------------------------------------------------------------------------------

  /** Loads chunks in order until enough items are active. */
  private async fill(): Promise<void> {
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

  private release(index: number): void {
    if (!this.active.delete(index)) return;
    this.stash.delete(index);
    this.throttles.delete(index);
    this.file.unpin(this.file.chunkOf(index));
  }

  private delay(index: number, ms: number): void {
    const due = this.now + Math.max(0, ms);
    let i = this.delayed.length;
    while (i > 0 && (this.delayed[i - 1]?.due ?? 0) > due) i--;
    this.delayed.splice(i, 0, { index, due });
  }

  private promoteDue(): void {
    const now = this.now;
    while (this.delayed[0] && this.delayed[0].due <= now) {
      const entry = this.delayed.shift();
      if (entry) this.route(entry.index);
    }
  }

  /** Writes that were marked as sent but never left: the items go back to their state before the marker. */
  private restoreUnsent(indices: readonly number[], previous: ReadonlyMap<number, ItemState>): void {
    for (const i of indices) {
      const before = previous.get(i);
      if (before) this.file.update(i, before);
      this.route(i);
    }
  }

  /** Puts an active item where its state says it belongs. */
  private route(index: number): void {
    const state = this.file.state(index);
    if (isTerminalItem(state.status)) return this.release(index);
    if (state.sent) {
      this.readQ.push(index);
      return;
    }
    if (this.mode() === 'cancel') return this.finishItem(index, 'cancelled', state.reason);
    const step = isStep(state.status) ? state.status : nextStep(this.file.item(index), state.steps);
    switch (step) {
      case undefined:
        return this.finishItem(index, 'done', undefined);
      case 'addingEmail':
        (this.stash.has(index) ? this.patchQ : this.readQ).push(index);
        return;
      case 'inviting':
        this.inviteQ.push(index);
        return;
      case 'settingType':
        this.patchQ.push(index);
        return;
    }
  }

  /** On cancel: everything not sent becomes cancelled; unknown outcomes stay to be verified. */
  private sweepForCancel(): void {
    const isSent = (i: number): boolean => this.file.state(i).sent;
    const pending = [...this.inviteQ, ...this.patchQ, ...this.readQ.filter((i) => !isSent(i))];
    this.inviteQ = [];
    this.patchQ = [];
    this.readQ = this.readQ.filter(isSent);
    this.delayed = this.delayed.filter((d) => isSent(d.index) || (pending.push(d.index), false));
    for (const i of pending) {
      this.stash.delete(i);
      this.route(i);
    }
  }

  private pick(mode: Mode): Task | number {
    if (this.gate.renewing) return Infinity; // woken when the renewal settles
    if (this.readQ.length > 0) return { kind: 'read', indices: this.readQ.splice(0, this.config.readBatchSize) };
    if (mode !== 'run') return Infinity;
    let wait = Infinity;
    if (this.patchQ.length > 0) {
      const tokens = this.pacers.write.reserve(Math.min(this.config.batchSize, this.patchQ.length));
      if (tokens > 0) return { kind: 'patch', indices: this.patchQ.splice(0, tokens), tokens };
      wait = Math.min(wait, this.pacers.write.waitFor(1));
    }
    if (this.inviteQ.length > 0) {
      const tokens = this.pacers.invite.reserve(Math.min(this.config.batchSize, this.inviteQ.length));
      if (tokens > 0) return { kind: 'invite', indices: this.inviteQ.splice(0, tokens), tokens };
      wait = Math.min(wait, this.pacers.invite.waitFor(1));
    }
    return wait;
  }

  // ---- item transitions ------------------------------------------------------------------------------

  private finishItem(index: number, status: 'done' | 'failed' | 'blocked' | 'cancelled', reason: Reason | undefined): void {
    const state = this.file.state(index);
    const next: Omit<ItemState, 'updatedAt'> = { status, sent: false, attempt: state.attempt, steps: state.steps, round: state.round, ...(state.receipt ? { receipt: state.receipt } : {}) };
    if (reason && status !== 'done') next.reason = reason;
    this.file.update(index, next);
    this.release(index);
  }

  /** The current step's effect is known to be in the directory (2xx, or seen by a read). */
  private stepApplied(index: number, receipt?: InvitationReceipt): void {
    const current = this.file.state(index);
    const state = receipt ? { ...current, receipt } : current;
    const kept = state.receipt ? { receipt: state.receipt } : {};
    const item = this.file.item(index);
    const step = isStep(state.status) ? state.status : nextStep(item, state.steps);
    if (!step) return this.finishItem(index, 'done', undefined);
    const steps = state.steps | STEP_FLAG[step];
    const next = nextStep(item, steps);
    this.throttles.delete(index);
    this.stash.delete(index);
    if (!next) {
      this.file.update(index, { status: 'done', sent: false, attempt: state.attempt, steps, round: state.round, ...kept });
      return this.release(index);
    }
    // Partly done and cancelled: the applied steps stay recorded (steps flags), no new write starts.
    if (this.mode() === 'cancel') {
      this.file.update(index, { status: 'cancelled', sent: false, attempt: 0, steps, round: state.round, ...kept });
      return this.release(index);
    }
    this.file.update(index, { status: next, sent: false, attempt: 0, steps, round: state.round, ...kept });
    this.route(index);
  }

  /** The write was refused before execution (429, 401) or not sent at all: it does not count as an attempt. */
  private notSent(index: number, reason: Reason | undefined): void {
    const state = this.file.state(index);
    const next: Omit<ItemState, 'updatedAt'> = { ...state, sent: false, attempt: Math.max(0, state.attempt - 1) };
    if (reason) next.reason = reason;
    this.file.update(index, next);
    this.route(index);
  }

  /** The write may or may not have happened: keep it marked sent and verify after the settle delay. */
  private uncertain(index: number, reason: Reason): void {
    this.file.update(index, { ...this.file.state(index), reason });
    this.delay(index, this.config.verifyDelayMs);
  }

  /** A read showed the sent write did not take effect: re-send after backoff, or fail when out of attempts. */
  private notApplied(index: number): void {
    const state = this.file.state(index);
    const reason = state.reason ?? { status: 0, code: 'OutcomeNotApplied', message: 'The write did not take effect.' };
    if (state.attempt >= this.config.maxAttempts) {
      this.file.update(index, { ...state, sent: false });
      return this.finishItem(index, 'failed', reason);
    }
    this.file.update(index, { ...state, sent: false, reason });
    if (this.mode() === 'cancel') return this.finishItem(index, 'cancelled', reason);
    this.delay(index, backoffDelay(state.attempt, this.config.backoff, this.ports.random));
  }

  private resolveRead(index: number, user: UserState | null): void {
    const state = this.file.state(index);
    const item = this.file.item(index);
    if (state.sent && isStep(state.status)) {
      const verdict = verifyStep(state.status, item, user);
      if (verdict === 'applied') return this.stepApplied(index);
      if (verdict === 'user-missing') {
        this.file.update(index, { ...state, sent: false });
        return this.finishItem(index, 'failed', USER_MISSING);
      }
      return this.notApplied(index);
    }
    // A read before the addingEmail PATCH (PATCH replaces otherMails, so the current list is needed).
    if (this.mode() === 'cancel') return this.finishItem(index, 'cancelled', state.reason);
    if (user === null) return this.finishItem(index, 'failed', USER_MISSING);
    if (isInvited(user) && !(state.steps & STEP_FLAG.inviting)) return this.finishItem(index, 'blocked', ALREADY_EXTERNAL);
    if (emailInPlace(user, item)) return this.stepApplied(index);
    this.stash.set(index, user.otherMails);
    this.patchQ.push(index);
  }

  // ---- tasks -----------------------------------------------------------------------------------------

  private async runRead(indices: number[]): Promise<void> {
    const ids = indices.map((i) => this.file.item(i).userId);
    let users: ReadonlyMap<string, UserState | null>;
    try {
      users = await this.ports.graph.readUsersState(ids);
    } catch (error) {
      if (error instanceof SignInNeededError) {
        // Nothing was read: the items wait (still `sent`, i.e. verifying) until the admin signs in.
        this.readQ.push(...indices);
        this.waitForSignIn(error.reason);
        await this.commit();
        return;
      }
      this.readFailures += 1;
      if (this.readFailures >= this.config.maxReadFailures && this.ports.network.isOnline() && this.mode() === 'run') {
        this.file.setStatus('paused', VERIFY_UNAVAILABLE);
      }
      const wait = backoffDelay(this.readFailures, this.config.backoff, this.ports.random);
      for (const i of indices) this.delay(i, wait);
      await this.commit();
      return;
    }
    this.readFailures = 0;
    indices.forEach((i, k) => {
      const user = users.get(ids[k] ?? '');
      if (user === undefined) this.delay(i, backoffDelay(1, this.config.backoff, this.ports.random));
      else this.resolveRead(i, user);
    });
    await this.commit();
  }

  private buildRequest(index: number, step: Step): BatchRequest {
    const item = this.file.item(index);
    const id = String(index);
    switch (step) {
      case 'inviting':
        return invitationRequest(id, item, this.file.options);
      case 'settingType':
        return setGuestRequest(id, item);
      case 'addingEmail': {
        const current = this.stash.get(index);
        if (!current) throw new Error(`internal: addingEmail for item ${index} without a fresh read`);
        return addOtherMailRequest(id, item, current);
      }
    }
  }

  private async runWrite(kind: 'invite' | 'patch', indices: number[], tokens: number): Promise<void> {
    const pacer = kind === 'invite' ? this.pacers.invite : this.pacers.write;
    const previous = new Map<number, ItemState>();
    const requests: BatchRequest[] = [];
    for (const i of indices) {
      const state = this.file.state(i);
      const step = isStep(state.status) ? state.status : nextStep(this.file.item(i), state.steps);
      if (!step) throw new Error(`internal: item ${i} has no step to send`);
      requests.push(this.buildRequest(i, step));
      previous.set(i, state);
      this.stash.delete(i);
      // The in-flight marker, made durable below before anything leaves.
      this.file.update(i, { ...state, status: step, sent: true, attempt: state.status === step ? state.attempt + 1 : 1 });
    }
    try {
      await this.commit();
    } catch (error) {
      pacer.release(tokens);
      throw error;
    }
    // Paused, cancelled, offline or re-authenticating while the marker was being written: do not send.
    if (this.mode() !== 'run' || !this.ports.network.isOnline() || this.gate.renewing) {
      pacer.release(tokens);
      this.restoreUnsent(indices, previous);
      await this.commit();
      return;
    }
    pacer.commit(tokens);
    const epoch = this.gate.epoch;
    let responses: readonly BatchResponse[];
    try {
      responses = await this.ports.graph.executeBatch(requests);
    } catch (error) {
      if (error instanceof SignInNeededError) {
        // No token, so nothing left: the items are as they were before the marker, and the job waits.
        pacer.recall(tokens);
        this.waitForSignIn(error.reason);
        this.restoreUnsent(indices, previous);
        await this.commit();
        return;
      }
      pacer.settle(tokens);
      for (const i of indices) this.uncertain(i, { status: 0, code: 'NetworkError', message: message(error) });
      await this.commit();
      return;
    }
    // Graph counted these somewhere between send and now: the window runs from now, the latest possibility.
    pacer.settle(tokens);
    const byId = new Map(responses.map((r) => [r.id, r]));
    for (const i of indices) {
      const response = byId.get(String(i));
      if (response) this.applyResponse(i, response, pacer, epoch);
      else this.uncertain(i, { status: 0, code: 'NoResponse', message: 'The batch answer had no response for this request.' });
    }
    await this.commit();
  }

  private applyResponse(index: number, response: BatchResponse, pacer: SlidingWindowPacer, epoch: number): void {
    const verdict = classifyResponse(response.status);
    if (verdict === 'applied') {
      this.gate.succeeded(epoch);
      return this.stepApplied(index, this.file.state(index).status === 'inviting' ? receiptOf(response) : undefined);
    }
    const reason = reasonFromResponse(response);
    const retryAfter = response.retryAfterMs;
    switch (verdict) {
      case 'throttled': {
        pacer.backOff(retryAfter ?? this.config.defaultRetryAfterMs);
        const throttles = (this.throttles.get(index) ?? 0) + 1;
        this.throttles.set(index, throttles);
        if (throttles > this.config.maxThrottles) {
          this.file.update(index, { ...this.file.state(index), sent: false });
          return this.finishItem(index, 'failed', reason);
        }
        return this.notSent(index, reason);
      }
      case 'unauthorized':
        this.notSent(index, reason);
        return this.onUnauthorized(epoch);
      case 'uncertain':
        if (retryAfter !== undefined) pacer.backOff(retryAfter);
        return this.uncertain(index, reason);
      case 'blocked':
      case 'rejected':
        this.file.update(index, { ...this.file.state(index), sent: false });
        return this.finishItem(index, verdict === 'blocked' ? 'blocked' : 'failed', reason);
    }
  }

  private onUnauthorized(epoch: number): void {
    const outcome = this.gate.unauthorized(epoch);
    if (outcome === 'retry') return;
    // A renewed token refused again, or no renewal without the admin: only a sign-in can help.
    if (outcome === 'give-up') return this.waitForSignIn(UNAUTHORIZED);
    this.track(
      outcome.then((ok) => {
        if (!ok) this.waitForSignIn(this.gate.failure ?? UNAUTHORIZED);
      }),
    );
  }

  /**
   * No token without the admin: stop starting work (what is in flight settles and is recorded), mark nobody
   * failed, and wait as `waiting-for-sign-in`. A cancel in progress is remembered and goes on after the sign-in.
   */
  private waitForSignIn(reason: Reason): void {
    const status = this.file.header.status;
    if (status === 'running' || status === 'paused-offline' || status === 'cancelling') {
      this.file.setStatus('waiting-for-sign-in', reason);
      if (status === 'cancelling') this.file.header.cancelRequested = true;
      this.wake();
    }
  }
}
