// Before the review: the pre-flight is still reading the users, or it failed (with sign-in and retry where they can
// help). One component for both, so a retry that fails again updates the same body and footer in place.
import { MAX_USERS_PER_JOB } from '../../../src/messages';
import type { Failure } from '../../../content/services';
import { FailureText } from './failure-text';
import type { IsTrusted, SignIn } from './types';
import { t, tn } from '../../../src/i18n';

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
            {tn('review_preflight_checking', count)}
          </p>
        </div>
        <footer>
          <button type="button" class="btn" onClick={p.onClose}>
            {t('review_cancel')}
          </button>
        </footer>
      </>
    );
  }
  return (
    <>
      <div class="body">
        <div class="msg error" role="alert" data-b2b="preflight-error">
          <strong>{t('review_preflight_failed')}</strong> <FailureText failure={f} /> {t('review_nothingConverted')}
        </div>
      </div>
      <footer>
        {f.kind === 'sign-in' ? (
          <button type="button" class="btn" onClick={(e) => p.trusted(e) && void p.signIn(f.tier ?? 'read').then(p.onRetry, p.onRetry)}>
            {t('review_signIn')}
          </button>
        ) : null}
        {count > 0 && count <= MAX_USERS_PER_JOB ? (
          <button type="button" class="btn primary" data-b2b="retry" onClick={p.onRetry}>
            {t('review_retry')}
          </button>
        ) : null}
        <button type="button" class="btn" onClick={p.onClose}>
          {t('review_close')}
        </button>
      </footer>
    </>
  );
}
