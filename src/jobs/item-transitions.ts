// What an outcome does to an item: applied, refused before execution, unknown, shown not applied by a read, or an end.
// Every end state is written without the item's secret (an undo item's temporary password): it is kept only while
// the item may still have to send it.
import { backoffDelay } from './backoff';
import { isStep, nextStep, STEP_FLAG, type InvitationReceipt, type ItemState, type Reason } from './model';
import type { UserState } from './ports';
import { emailInPlace, isInvited } from './requests';
import { ALREADY_EXTERNAL, USER_MISSING, verifyStep } from './verify';
import { WorkingSet } from './working-set';

export abstract class ItemTransitions extends WorkingSet {
  protected finishItem(index: number, status: 'done' | 'failed' | 'blocked' | 'cancelled', reason: Reason | undefined): void {
    const state = this.file.state(index);
    const next: Omit<ItemState, 'updatedAt'> = { status, sent: false, attempt: state.attempt, steps: state.steps, round: state.round, ...(state.receipt ? { receipt: state.receipt } : {}) };
    if (reason && status !== 'done') next.reason = reason;
    this.file.update(index, next);
    this.release(index);
  }

  /** The current step's effect is known to be in the directory (2xx, or seen by a read). */
  protected stepApplied(index: number, receipt?: InvitationReceipt): void {
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
    this.file.update(index, { status: next, sent: false, attempt: 0, steps, round: state.round, ...kept, ...(state.secret !== undefined ? { secret: state.secret } : {}) });
    this.route(index);
  }

  /** The write was refused before execution (429, 401) or not sent at all: it does not count as an attempt. */
  protected notSent(index: number, reason: Reason | undefined): void {
    const state = this.file.state(index);
    const next: Omit<ItemState, 'updatedAt'> = { ...state, sent: false, attempt: Math.max(0, state.attempt - 1) };
    if (reason) next.reason = reason;
    this.file.update(index, next);
    this.route(index);
  }

  /** The write may or may not have happened: keep it marked sent and verify after the settle delay. */
  protected uncertain(index: number, reason: Reason): void {
    this.file.update(index, { ...this.file.state(index), reason });
    this.delay(index, this.config.verifyDelayMs);
  }

  /** A read showed the sent write did not take effect: re-send after backoff, or fail when out of attempts. */
  protected notApplied(index: number): void {
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

  protected resolveRead(index: number, user: UserState | null): void {
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
    this.writeQ.write.push(index);
  }

  /**
   * No token without the admin: stop starting work (what is in flight settles and is recorded), mark nobody
   * failed, and wait as `waiting-for-sign-in`. A cancel in progress is remembered and goes on after the sign-in.
   */
  protected waitForSignIn(reason: Reason): void {
    const status = this.file.header.status;
    if (status === 'running' || status === 'paused-offline' || status === 'cancelling') {
      this.file.setStatus('waiting-for-sign-in', reason);
      if (status === 'cancelling') this.file.header.cancelRequested = true;
      this.wake();
    }
  }
}
