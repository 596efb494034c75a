// A failed request described for the admin: the message, then Graph's own code, status and request id when the
// worker passed them on, since those are what Microsoft support asks for.
import type { Failure } from '../../../content/services';

export function FailureText({ failure }: { failure: Failure }) {
  return (
    <>
      {failure.message}
      {failure.graphCode ? (
        <>
          {' '}
          (Microsoft Graph error <code data-b2b="graph-code">{failure.graphCode}</code>
          {failure.status ? `, HTTP ${failure.status}` : ''})
        </>
      ) : null}
      {failure.requestId ? <span class="upn">Request id: {failure.requestId}</span> : null}
    </>
  );
}
