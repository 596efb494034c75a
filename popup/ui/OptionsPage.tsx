// The options page: the sign-in state and "Check my setup", then the app registration in two steps — register the
// app (the redirect URIs to add, Chromium's and Firefox's, and the permissions), then its client id, tenant and cloud
// (policy fields read-only) with Save below them — and host access the browser has not granted.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuthStatus } from '../../src/messages';
import type { FieldError, SettingsField } from '../../src/config';
import type { OptionsServices } from '../lib/platform';
import { CLOUD_CHOICES, FIELD_LABELS, loadForm, planSave, shownValue, type FormModel } from '../lib/settings-form';
import { describeError } from '../lib/errors';
import { AccountPanel } from './Account';
import { Notice } from './common';
import { HostAccessNotice } from './HostAccessNotice';
import { SETUP_CHECK_ANCHOR, SetupCheck } from './SetupCheck';
import { UndoFeature } from './UndoFeature';
import { RegisterAppSteps } from './RegisterApp';
import { LEARN_PAGES } from '../../src/learn';

const HINTS: Record<SettingsField, string> = {
  clientId: 'From the Overview page of your app registration in the Entra admin center (a GUID).',
  tenant: 'Your tenant ID (GUID) or a verified domain such as contoso.onmicrosoft.com. "organizations" lets you pick at sign-in.',
  cloud: 'The Microsoft cloud your tenant lives in.',
};

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
                warning: `Saved, but access to ${plan.origins.join(' and ')} was not granted. Sign-in in the ${plan.effectiveCloud} cloud will fail until you save again and allow it.`,
              },
        );
      } catch (err) {
        setSave({ kind: 'error', message: `Could not save: ${describeError(err)}` });
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
        <label for={id}>{FIELD_LABELS[name]}</label>
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
            {CLOUD_CHOICES.map((c) => (
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
            Managed by your organization
          </p>
        )}
        <p class="hint" id={`${id}-hint`}>
          {HINTS[name]}
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
      <h1>B2B Convert for Entra — Settings</h1>
      <p class="muted">
        Converts internal users of your tenant to external users, from the Entra admin center.{' '}
        <a href={LEARN_PAGES.inviteInternalUsers.url} target="_blank" rel="noopener noreferrer">
          Learn: {LEARN_PAGES.inviteInternalUsers.title}
        </a>
      </p>
      <HostAccessNotice cloud={auth?.cloud} access={services.hostAccess} />
      <h2>Sign-in</h2>
      <AccountPanel status={auth} busy={authBusy} onSignIn={signIn} onSignOut={signOut} copy={services.copyText} />
      {authError && <Notice kind="error">{authError}</Notice>}
      <SetupCheck services={services} autoRun={location.hash === `#${SETUP_CHECK_ANCHOR}`} />

      <h2>App registration</h2>
      {loadError && <Notice kind="error">Could not read the settings: {loadError}</Notice>}
      <ol class="steps">
        <li>
          <h3>Register the app in your tenant</h3>
          <RegisterAppSteps cloud={model ? shownValue(model, 'cloud') : 'Global'} redirectUrl={services.redirectUrl} copy={services.copyText} allBrowsers />
        </li>
        <li>
          <h3>Enter its details</h3>
          {!model && !loadError && (
            <p class="muted" aria-busy="true">
              Loading settings…
            </p>
          )}
          {model && (
            <form onSubmit={onSubmit} noValidate aria-label="Settings">
              {field('clientId')}
              {field('tenant')}
              {field('cloud')}
              <div class="row">
                <button type="submit" class="primary" disabled={save.kind === 'saving' || allManaged}>
                  {save.kind === 'saving' ? 'Saving…' : 'Save'}
                </button>
                <span role="status" aria-live="polite">
                  {save.kind === 'saved' && !save.warning ? 'Settings saved.' : ''}
                </span>
              </div>
              {errors.length > 0 && (
                <Notice kind="error">
                  {errors.length === 1 ? 'One field needs attention.' : `${errors.length} fields need attention.`} Nothing was saved.
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
