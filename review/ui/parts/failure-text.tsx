// A failed request described for the admin: the message, then Graph's own code, status and request id when the
// worker passed them on, since those are what Microsoft support asks for.
import type { Failure } from '../../../content/services';
import { t } from '../../../src/i18n';

export function FailureText({ failure }: { failure: Failure }) {
  return (
    <>
      {failure.message}
      {failure.graphCode ? (
        <>
          {' '}
          ({t('review_failed_graphCode')} <code data-b2b="graph-code">{failure.graphCode}</code>
          {failure.status ? `, HTTP ${failure.status}` : ''})
        </>
      ) : null}
      {failure.requestId ? <span class="upn">{t('review_failure_requestId', { id: failure.requestId })}</span> : null}
    </>
  );
}
