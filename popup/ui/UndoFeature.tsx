// The options page's switch for Convert back to internal (preview). Off by default; turning it on is the one moment
// the extension asks for the feature's permission (User-ConvertToInternal.ReadWrite.All, by an interactive sign-in
// with incremental consent). While it is off nothing asks for the permission and nothing uses it.
import { useEffect, useState } from 'preact/hooks';
import type { UndoStatus } from '../../src/messages';
import { UNDO_FACTS } from '../../src/undo-facts';
import { describeError } from '../lib/errors';
import type { UiServices } from '../lib/platform';
import { Notice } from './common';
import { LearnFacts } from './LearnFacts';

export function UndoFeature({ services }: { services: UiServices }) {
  const [status, setStatus] = useState<UndoStatus>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const load = () => services.request('undo/status', {}).then(setStatus, (e: unknown) => setError(describeError(e)));
  useEffect(() => {
    void load();
    return services.subscribe((ev) => {
      if (ev.event === 'auth/changed') void load();
    });
  }, [services]);

  const set = (enabled: boolean) => {
    setBusy(true);
    setError(undefined);
    services
      .request('undo/setEnabled', { enabled })
      .then(setStatus, (e: unknown) => setError(`${enabled ? 'Not turned on' : 'Not turned off'}: ${describeError(e)}`))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="undo-h">
      <h2 id="undo-h">Convert back to internal (preview)</h2>
      <p>
        Lets you convert users that a job of this extension converted, and who have accepted their invitation, back to
        internal members. Turning it on asks you to consent to <code>User-ConvertToInternal.ReadWrite.All</code>; it is
        not asked for otherwise.
      </p>
      <LearnFacts facts={UNDO_FACTS} label="About converting back to internal" />
      {status ? (
        <div class="row">
          <label>
            <input type="checkbox" checked={status.enabled} disabled={busy} onChange={(e) => set(e.currentTarget.checked)} /> Enable Convert back to
            internal (preview)
          </label>
          <span role="status" aria-live="polite" class="small muted">
            {busy ? 'Waiting for the sign-in…' : status.enabled ? (status.granted ? 'On. The permission is granted.' : 'On. The permission is not granted yet: turn it off and on again to sign in.') : 'Off.'}
          </span>
        </div>
      ) : (
        <p class="skeleton" aria-busy="true">
          Loading…
        </p>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
