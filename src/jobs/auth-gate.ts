// One token renewal per incident, shared by every batch of a job's run (see AuthGate).
import type { Reason } from './model';
import { SignInNeededError, type AuthPort } from './ports';

export const UNAUTHORIZED: Reason = {
  status: 401,
  code: 'Unauthorized',
  message: 'The access token was refused and could not be renewed. Sign in again to continue.',
};

/**
 * One token renewal per incident: a 401 on a request sent with the current token renews it once; a 401
 * again before anything succeeded with the renewed token means renewing does not help → pause.
 */
export class AuthGate {
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
