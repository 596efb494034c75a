// The popup before the extension is set up: two numbered steps instead of a warning — 1. register the app (link,
// redirect URI with Copy, permissions), 2. paste the Application (client) ID here. Painted from storage, so it shows
// at once even while the worker is still starting. Saving uses the options page's own validation (settings-form).
import { useState } from 'preact/hooks';
import { loadForm, planSave } from '../lib/settings-form';
import type { SetupServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import { Notice } from './common';
import { RegisterAppSteps } from './RegisterApp';
import { t } from '../../src/i18n';

export function FirstRun(props: {
  services: SetupServices & { copyText: (t: string) => Promise<void> };
  /** The stored values the worker will merge (the client id pasted here joins them). */
  stored: { policyCache: unknown; local: unknown };
  /** Set when policy fixes the client id and it is invalid: only IT can fix it. */
  problem?: string;
  cloud: string;
  onSaved: () => void;
  onOpenOptions: () => void;
}) {
  const [clientId, setClientId] = useState('');
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const model = loadForm(props.stored.policyCache, props.stored.local);

  const save = (e: Event) => {
    e.preventDefault();
    const plan = planSave({ ...model, local: { ...model.local, clientId } });
    if (!plan.ok) {
      setError(plan.errors.map((x) => x.message).join(' '));
      return;
    }
    setError(undefined);
    // Asked for synchronously in the submit handler (a user gesture), as on the options page.
    const granted = plan.origins.length > 0 ? props.services.requestOrigins(plan.origins).catch(() => false) : Promise.resolve(true);
    setSaving(true);
    void granted
      .then(async (ok) => {
        await props.services.saveLocal(plan.toStore);
        if (!ok) setError(t('firstRun_notGranted', { hosts: plan.origins.join(', ') }));
        props.onSaved();
      })
      .catch((err: unknown) => setError(t('settings_saveFailed', { error: describeError(err) })))
      .finally(() => setSaving(false));
  };

  return (
    <section class="card first-run" aria-labelledby="first-run-h">
      <h2 id="first-run-h">{t('firstRun_title')}</h2>
      {props.problem && <Notice kind="warn">{props.problem}</Notice>}
      <ol class="steps">
        <li>
          <h3>{t('setup_step1')}</h3>
          <RegisterAppSteps cloud={props.cloud} redirectUrl={props.services.redirectUrl} copy={props.services.copyText} />
        </li>
        <li>
          <h3>{t('firstRun_step2')}</h3>
          {model.managed.clientId ? (
            <p>{t('firstRun_managed')}</p>
          ) : (
            <form onSubmit={save} noValidate aria-label={t('settings_clientId')}>
              <label for="first-run-client-id" class="visually-hidden">{t('settings_clientId')}</label>
              <p class="hint" id="first-run-client-id-hint">
                {t('settings_hintClientId')}
              </p>
              <div class="copy-row">
                <input
                  id="first-run-client-id"
                  type="text"
                  autocomplete="off"
                  spellcheck={false}
                  placeholder="00000000-0000-0000-0000-000000000000"
                  aria-describedby={error ? 'first-run-client-id-hint first-run-error' : 'first-run-client-id-hint'}
                  aria-invalid={error ? 'true' : undefined}
                  value={clientId}
                  onInput={(ev) => setClientId(ev.currentTarget.value)}
                />
                <button type="submit" class="primary" disabled={saving}>
                  {saving ? t('settings_saving') : t('settings_save')}
                </button>
              </div>
              {error && (
                <p class="field-error" id="first-run-error" role="alert">
                  {error}
                </p>
              )}
            </form>
          )}
        </li>
      </ol>
      <p class="small">
        {t('firstRun_moreSettings')}{' '}
        <button type="button" class="link" onClick={props.onOpenOptions}>
          {t('firstRun_openSettings')}
        </button>
      </p>
    </section>
  );
}
