// Before the review: the pre-flight is still reading the users, or it failed (with sign-in and retry where they can
// help). One component for both, so a retry that fails again updates the same body and footer in place.
import { MAX_USERS_PER_JOB } from '../../../src/messages';
import type { Failure } from '../../../content/services';
import { FailureText } from './failure-text';
import { fmt } from './format';
import type { IsTrusted, SignIn } from './types';

export function PreflightStatus(p: {
  /** Undefined while the pre-flight runs. */
  failure: Failure | undefined;
  selectedCount: number;
  trusted: IsTrusted;
  signIn: SignIn;
  onRetry: () => void;
  onClose: () => void;
}) {
  const { failure: f, selectedCount: count } = p;
  if (!f) {
    return (
      <>
        <div class="body">
          <p role="status" data-b2b="loading">
            Checking the {fmt(count)} selected user{count === 1 ? '' : 's'} in Microsoft Graph… Nothing is changed until you confirm.
          </p>
        </div>
        <footer>
          <button type="button" class="btn" onClick={p.onClose}>
            Cancel
          </button>
        </footer>
      </>
    );
  }
  return (
    <>
      <div class="body">
        <div class="msg error" role="alert" data-b2b="preflight-error">
          <strong>Could not check the selected users.</strong> <FailureText failure={f} /> Nothing was converted.
        </div>
      </div>
      <footer>
        {f.kind === 'sign-in' ? (
          <button type="button" class="btn" onClick={(e) => p.trusted(e) && void p.signIn(f.tier ?? 'read').then(p.onRetry, p.onRetry)}>
            Sign in
          </button>
        ) : null}
        {count > 0 && count <= MAX_USERS_PER_JOB ? (
          <button type="button" class="btn primary" data-b2b="retry" onClick={p.onRetry}>
            Retry
          </button>
        ) : null}
        <button type="button" class="btn" onClick={p.onClose}>
          Close
        </button>
      </footer>
    </>
  );
}
