// Why the job was not started, with a sign-in button when signing in (again) is what it takes.
import { describeFailure, type Failure } from '../../../content/services';
import { FailureText } from './failure-text';
import type { IsTrusted, SignIn } from './types';
import { t } from '../../../src/i18n';

export function SubmitError(p: { failure: Failure; trusted: IsTrusted; signIn: SignIn; onFailure: (f: Failure | undefined) => void }) {
  const { failure } = p;
  return (
    <div class="msg error" role="alert" data-b2b="submit-error">
      <strong>{t('review_submit_notStarted')}</strong> <FailureText failure={failure} />
      {failure.kind === 'sign-in' ? (
        <>
          {' '}
          <button type="button" class="btn" onClick={(e) => p.trusted(e) && void p.signIn(failure.tier ?? 'invite').then(() => p.onFailure(undefined), (err: unknown) => p.onFailure(describeFailure(err)))}>
            {t('review_signIn')}
          </button>
        </>
      ) : null}
    </div>
  );
}
