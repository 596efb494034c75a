// Who is signed in, as the worker says (`auth/status`). Asked on start, on the worker's `auth/changed`, when the
// admin comes back to the tab, and every little while until someone is signed in. Until the worker answers, the UI
// shows "not ready" rather than failing.
import { t } from '../src/i18n';
import type { AuthStatus, RequestOf } from '../src/messages';
import { Observable } from './observable';
import { describeFailure, type Failure, type Services } from './services';

export type AuthView = { state: 'checking' } | { state: 'unavailable'; failure: Failure } | { state: 'ready'; status: AuthStatus };

export interface AuthWatch {
  view: Observable<AuthView>;
  refresh(): Promise<void>;
}

/** `query`: what auth/status is asked (the review page names the admin-center tab whose tenant it checks). */
export function watchAuth(services: Services, doc: Document, signal: AbortSignal, pollMs = 15_000, query: RequestOf<'auth/status'> = {}): AuthWatch {
  const view = new Observable<AuthView>({ state: 'checking' });
  let inFlight: Promise<void> | undefined;
  const refresh = () => {
    inFlight ??= services
      .request('auth/status', query)
      .then(
        (status) => view.set({ state: 'ready', status }),
        (err: unknown) => view.set({ state: 'unavailable', failure: describeFailure(err) }),
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  services.onEvent((e) => {
    if (e.event === 'auth/changed') void refresh();
  }, signal);
  doc.addEventListener('visibilitychange', () => doc.visibilityState === 'visible' && void refresh(), { signal });
  doc.defaultView?.addEventListener('focus', () => void refresh(), { signal });
  const timer = setInterval(() => {
    const v = view.value;
    if (doc.visibilityState === 'visible' && !(v.state === 'ready' && v.status.signedIn && !v.status.sessionEnded)) void refresh();
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  void refresh();
  return { view, refresh };
}

/** Why the convert button is disabled, in words (undefined when it is enabled). */
export function convertBlockedReason(selected: number, auth: AuthView): string | undefined {
  if (auth.state === 'checking') return t('content_why_checking');
  if (auth.state === 'unavailable') {
    return auth.failure.kind === 'invalidated' ? auth.failure.message : t('content_why_notReady', { problem: auth.failure.message });
  }
  const s = auth.status;
  if (!s.configured) return s.configProblem ? t('content_why_notSetUpBecause', { problem: s.configProblem }) : t('content_why_notSetUp');
  if (!s.signedIn) return t('content_why_notSignedIn');
  if (selected === 0) return t('content_why_noSelection');
  return undefined;
}
