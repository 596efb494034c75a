// The options page: the sign-in state and "Check my setup", then the app registration in two steps — register the
// app (the redirect URIs to add, Chromium's and Firefox's, and the permissions), then its client id, tenant and cloud
// (policy fields read-only) with Save below them — and host access the browser has not granted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuthStatus } from '../../src/messages';
import type { FieldError, SettingsField } from '../../src/config';
import type { OptionsServices } from '../lib/platform';
import { cloudChoices, fieldLabel, loadForm, planSave, shownValue, type FormModel } from '../lib/settings-form';
import { t, tn } from '../../src/i18n';
import { describeError } from '../lib/errors';
import { AccountPanel } from './Account';
import { Notice } from './common';
import { HostAccessNotice } from './HostAccessNotice';
import { SETUP_CHECK_ANCHOR, SetupCheck } from './SetupCheck';
import { UndoFeature } from './UndoFeature';
import { LearnLink, RegisterAppSteps } from './RegisterApp';

/** The hint under each field (a function: the words exist only once the catalogue is installed). */
function hint(field: SettingsField): string {
  return { clientId: t('settings_hintClientId'), tenant: t('settings_hintTenant'), cloud: t('settings_hintCloud') }[field];
}

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; warning?: string } | { kind: 'error'; message: string };

export function OptionsPage({ services }: { services: OptionsServices }) {
  const [model, setModel] = useState<FormModel>();
  const [loadError, setLoadError] = useState<string>();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [auth, setAuth] = useState<AuthStatus>();
  const [authBusy, setAuthBusy] = useState(false);
  const [authError, setAuthError] = useState<string>();
  const inputs = useRef<Partial<Record<SettingsField, HTMLInputElement | HTMLSelectElement | null>>>({});

  useEffect(() => {
    Promise.all([services.readPolicy().catch(() => ({})), services.readLocal()]).then(
      ([policy, local]) => setModel(loadForm(policy, local)),
      (e: unknown) => setLoadError(describeError(e)),
    );
  }, [services]);

  const refreshAuth = () =>
    services.request('auth/status', {}).then(setAuth, (e: unknown) => setAuthError(describeError(e)));
  useEffect(() => {
    void refreshAuth();
    return services.subscribe((ev) => {
      if (ev.event === 'auth/changed') void refreshAuth();
    });
  }, [services]);

  const signIn = () => {
    setAuthBusy(true);
    setAuthError(undefined);
    services.request('auth/signIn', { tier: 'read' }).then(
      (s) => setAuth(s),
      (e: unknown) => setAuthError(describeError(e)),
    ).finally(() => setAuthBusy(false));
  };
  const signOut = () => {
    setAuthBusy(true);
    setAuthError(undefined);
    services.request('auth/signOut', {}).then(
      (s) => setAuth(s),
      (e: unknown) => setAuthError(describeError(e)),
    ).finally(() => setAuthBusy(false));
  };

  const setField = (field: SettingsField, value: string) => {
    if (!model) return;
    setModel({ ...model, local: { ...model.local, [field]: value } });
    setErrors((errs) => errs.filter((x) => x.field !== field));
    if (save.kind !== 'saving') setSave({ kind: 'idle' });
  };

  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (!model) return;
    const plan = planSave(model);
    if (!plan.ok) {
      setErrors(plan.errors);
      setSave({ kind: 'idle' });
      const first = plan.errors[0];
      if (first) inputs.current[first.field]?.focus();
      return;
    }
    setErrors([]);
    // Asked for here, synchronously in the submit handler: the browser only shows the prompt during a user gesture.
    const granted = plan.origins.length > 0 ? services.requestOrigins(plan.origins).catch(() => false) : Promise.resolve(true);
    setSave({ kind: 'saving' });
    void (async () => {
      try {
        const ok = await granted;
        await services.saveLocal(plan.toStore);
        setModel({ ...model, local: plan.toStore });
        // New settings may mean a different app or tenant: show the sign-in state they lead to.
        void refreshAuth();
        setSave(
          ok
            ? { kind: 'saved' }
            : {
                kind: 'saved',
                warning: t('settings_notGranted', { cloud: plan.effectiveCloud, hosts: plan.origins.join(', ') }),
              },
        );
      } catch (err) {
        setSave({ kind: 'error', message: t('settings_saveFailed', { error: describeError(err) }) });
      }
    })();
  };

  const errorOf = (field: SettingsField) => errors.find((x) => x.field === field)?.message ?? model?.policyErrors.find((x) => x.field === field)?.message;

  const field = (name: SettingsField) => {
    if (!model) return null;
    const id = `f-${name}`;
    const managed = model.managed[name];
    const error = errorOf(name);
    const describedBy = [`${id}-hint`, managed ? `${id}-managed` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const common = {
      id,
      name,
      'aria-describedby': describedBy,
      'aria-invalid': error ? ('true' as const) : undefined,
    };
    return (
      <div class="field">
        <label for={id}>{fieldLabel(name)}</label>
        {name === 'cloud' ? (
          <select
            {...common}
            ref={(el) => {
              inputs.current.cloud = el;
            }}
            value={shownValue(model, 'cloud')}
            disabled={managed}
            onChange={(e) => setField('cloud', e.currentTarget.value)}
          >
            {cloudChoices().map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...common}
            ref={(el) => {
              inputs.current[name] = el;
            }}
            type="text"
            autocomplete="off"
            spellcheck={false}
            value={shownValue(model, name)}
            readOnly={managed}
            placeholder={name === 'clientId' ? '00000000-0000-0000-0000-000000000000' : 'organizations'}
            onInput={(e) => setField(name, e.currentTarget.value)}
          />
        )}
        {managed && (
          <p class="managed" id={`${id}-managed`}>
            {t('settings_managed')}
          </p>
        )}
        <p class="hint" id={`${id}-hint`}>
          {hint(name)}
        </p>
        {error && (
          <p class="field-error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  };

  const allManaged = model !== undefined && model.managed.clientId && model.managed.tenant && model.managed.cloud;

  return (
    <main class="page" style={{ maxWidth: '720px' }}>
      <h1>{t('options_title')}</h1>
      <p class="muted">
        {t('options_intro')} <LearnLink page="inviteInternalUsers" />
      </p>
      <HostAccessNotice cloud={auth?.cloud} access={services.hostAccess} />
      <h2>{t('options_signIn')}</h2>
      <AccountPanel status={auth} busy={authBusy} onSignIn={signIn} onSignOut={signOut} copy={services.copyText} />
      {authError && <Notice kind="error">{authError}</Notice>}
      <SetupCheck services={services} autoRun={location.hash === `#${SETUP_CHECK_ANCHOR}`} />

      <h2>{t('options_appRegistration')}</h2>
      {loadError && <Notice kind="error">{t('settings_readFailed', { error: loadError })}</Notice>}
      <ol class="steps">
        <li>
          <h3>{t('setup_step1')}</h3>
          <RegisterAppSteps cloud={model ? shownValue(model, 'cloud') : 'Global'} redirectUrl={services.redirectUrl} copy={services.copyText} allBrowsers />
        </li>
        <li>
          <h3>{t('options_step2')}</h3>
          {!model && !loadError && (
            <p class="muted" aria-busy="true">
              {t('settings_loading')}
            </p>
          )}
          {model && (
            <form onSubmit={onSubmit} noValidate aria-label={t('options_form')}>
              {field('clientId')}
              {field('tenant')}
              {field('cloud')}
              <div class="row">
                <button type="submit" class="primary" disabled={save.kind === 'saving' || allManaged}>
                  {save.kind === 'saving' ? t('settings_saving') : t('settings_save')}
                </button>
                <span role="status" aria-live="polite">
                  {save.kind === 'saved' && !save.warning ? t('settings_saved') : ''}
                </span>
              </div>
              {errors.length > 0 && (
                <Notice kind="error">
                  {tn('settings_fieldErrors', errors.length)}
                </Notice>
              )}
              {save.kind === 'saved' && save.warning && <Notice kind="warn">{save.warning}</Notice>}
              {save.kind === 'error' && <Notice kind="error">{save.message}</Notice>}
            </form>
          )}
        </li>
      </ol>
      <UndoFeature services={services} />
    </main>
  );
}
