// The options page's switch for Convert back to internal (preview). Off by default; turning it on is the one moment
// the extension asks for the feature's permission (User-ConvertToInternal.ReadWrite.All, by an interactive sign-in
// with incremental consent). While it is off nothing asks for the permission and nothing uses it.
import { useEffect, useState } from 'preact/hooks';
import type { UndoStatus } from '../../src/messages';
import { t } from '../../src/i18n';
import { UNDO_PERMISSION } from '../../src/undo';
import { undoFacts } from '../../src/undo-facts';
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
      .then(setStatus, (e: unknown) => setError(t(enabled ? 'undo_options_notOn' : 'undo_options_notOff', { error: describeError(e) })))
      .finally(() => setBusy(false));
  };

  const state = busy ? t('undo_options_waiting') : !status?.enabled ? t('undo_options_off') : status.granted ? t('undo_options_onGranted') : t('undo_options_onNotGranted');
  return (
    <section aria-labelledby="undo-h">
      <h2 id="undo-h">{t('undo_title')}</h2>
      <p>{t('undo_options_intro', { permission: UNDO_PERMISSION })}</p>
      <LearnFacts facts={undoFacts()} label={t('undo_facts_label')} />
      {status ? (
        <div class="row">
          <label>
            <input type="checkbox" checked={status.enabled} disabled={busy} onChange={(e) => set(e.currentTarget.checked)} /> {t('undo_options_enable')}
          </label>
          <span role="status" aria-live="polite" class="small muted">
            {state}
          </span>
        </div>
      ) : (
        <p class="skeleton" aria-busy="true">
          {t('undo_options_loading')}
        </p>
      )}
      {error && <Notice kind="error">{error}</Notice>}
    </section>
  );
}
