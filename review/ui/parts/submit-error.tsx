// Why the job was not started, with a sign-in button when signing in (again) is what it takes.
import { describeFailure, type Failure } from '../../../content/services';
import { FailureText } from './failure-text';
import type { IsTrusted, SignIn } from './types';

export function SubmitError(p: { failure: Failure; trusted: IsTrusted; signIn: SignIn; onFailure: (f: Failure | undefined) => void }) {
  const { failure } = p;
  return (
    <div class="msg error" role="alert" data-b2b="submit-error">
      <strong>The conversion was not started.</strong> <FailureText failure={failure} />
      {failure.kind === 'sign-in' ? (
        <>
          {' '}
          <button type="button" class="btn" onClick={(e) => p.trusted(e) && void p.signIn(failure.tier ?? 'invite').then(() => p.onFailure(undefined), (err: unknown) => p.onFailure(describeFailure(err)))}>
            Sign in
          </button>
        </>
      ) : null}
    </div>
  );
}
