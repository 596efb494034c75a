// The fallback picker page: pick users (search, paste, CSV) → review → live progress. Works on any page,
// including when the All users grid was not recognised. Picking reads the directory, so it is offered only once
// the extension is set up and the admin is signed in; until then the account card says what to do.
import { useEffect, useState } from 'preact/hooks';
import type { AuthStatus, UserSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import { AccountPanel } from './Account';
import { Notice } from './common';
import { PickUsers } from './PickUsers';
import { PickerReview } from './PickerReview';
import type { GateEnv } from '../../review/ui/confirm-gate';
import { OPTIONS_PAGE } from '../lib/pages';
import { t } from '../../src/i18n';


type Step = { kind: 'pick' } | { kind: 'review'; ids: string[] };

export function PickerApp({ services, reviewOptions }: { services: UiServices; reviewOptions?: { gateEnv?: GateEnv; requireTrusted?: boolean } }) {
  const [auth, setAuth] = useState<AuthStatus>();
  const [authBusy, setAuthBusy] = useState(false);
  const [selection, setSelection] = useState<UserSummary[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<string>();

  const loadAuth = () => services.request('auth/status', {}).then(setAuth, (e: unknown) => setError(describeError(e)));
  useEffect(() => {
    void loadAuth();
    return services.subscribe((ev) => {
      if (ev.event === 'auth/changed') void loadAuth();
    });
  }, [services]);

  const signIn = () => {
    setAuthBusy(true);
    services
      .request('auth/signIn', { tier: 'read' })
      .then(setAuth, (e: unknown) => setError(describeError(e)))
      .finally(() => setAuthBusy(false));
  };

  // The review (the same dialog as in the admin center) reads the users from Graph itself, then converts.
  const submitted = (ids: string[]) => {
    const gone = new Set(ids);
    setSelection((s) => s.filter((u) => !gone.has(u.id)));
  };

  const canPick = auth?.configured === true && auth.signedIn && !auth.sessionEnded;
  return (
    <main class="page">
      <h1>{t('picker_title')}</h1>
      <p class="muted">{t('picker_intro')}</p>
      <AccountPanel status={auth} busy={authBusy} onSignIn={signIn} onOpenOptions={() => services.openPage(OPTIONS_PAGE)} copy={services.copyText} />
      {error && <Notice kind="error">{error}</Notice>}
      {auth && !canPick && auth.configured && <p class="muted">{t('picker_signInFirst')}</p>}
      {canPick && <PickUsers services={services} selection={selection} onChange={setSelection} onReview={() => setStep({ kind: 'review', ids: selection.map((u) => u.id) })} reviewing={step.kind === 'review'} />}
      {step.kind === 'review' && <PickerReview services={services} ids={step.ids} onClose={() => setStep({ kind: 'pick' })} onSubmitted={submitted} {...reviewOptions} />}
    </main>
  );
}
