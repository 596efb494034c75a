// The tasks that talk to Graph: reading users back (verification, and the fresh read the address step needs), and
// sending one lane's writes as a $batch, with the in-flight marker made durable before anything leaves.
import { headerValue } from '../graph/http';
import { backoffDelay } from './backoff';
import { UNAUTHORIZED } from './auth-gate';
import type { Task } from './execution-core';
import { ItemTransitions } from './item-transitions';
import { LANE_RULES, type Lane } from './lanes';
import { isStep, nextStep, type InvitationReceipt, type ItemState, type Reason, type Step } from './model';
import type { SlidingWindowPacer } from './pacer';
import { SignInNeededError, type BatchRequest, type BatchResponse, type UserState } from './ports';
import { addOtherMailRequest, classifyResponse, internalMemberRequest, invitationRequest, reasonFromResponse, setGuestRequest } from './requests';

const VERIFY_UNAVAILABLE: Reason = {
  status: 0,
  code: 'VerifyUnavailable',
  message: 'Users could not be read to verify earlier writes. Check the connection and read permission, then resume.',
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The redeem link and request id of a created invitation (the only time Graph ever returns the link). */
function receiptOf(response: BatchResponse): InvitationReceipt | undefined {
  const body = response.body as { inviteRedeemUrl?: unknown } | undefined;
  const url = typeof body?.inviteRedeemUrl === 'string' ? body.inviteRedeemUrl : undefined;
  const requestId = headerValue(response.headers, 'request-id');
  if (!url && !requestId) return undefined;
  return { ...(url ? { inviteRedeemUrl: url } : {}), ...(requestId ? { requestId } : {}) };
}

export abstract class Tasks extends ItemTransitions {
  private readFailures = 0;

  protected runTask(task: Task): Promise<void> {
    return task.kind === 'read' ? this.runRead(task.indices) : this.runWrite(task.lane, task.indices, task.tokens);
  }

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
      case 'inviting': {
        const options = this.file.options;
        if (!options) throw new Error(`internal: item ${index} invites in a job without invitation options`);
        return invitationRequest(id, item, options);
      }
      case 'settingType':
        return setGuestRequest(id, item);
      case 'addingEmail': {
        const current = this.stash.get(index);
        if (!current) throw new Error(`internal: addingEmail for item ${index} without a fresh read`);
        return addOtherMailRequest(id, item, current);
      }
      case 'convertingToInternal':
        return internalMemberRequest(id, item, this.file.state(index).secret);
    }
  }

  private async runWrite(lane: Lane, indices: number[], tokens: number): Promise<void> {
    const rules = LANE_RULES[lane];
    const pacer = this.pacers[rules.pacer];
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
      responses = await this.ports.graph.executeBatch(requests, rules.version);
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
}
