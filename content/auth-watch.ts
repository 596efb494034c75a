// Who is signed in, as the worker says (`auth/status`). Asked on start, on the worker's `auth/changed`, when the
// admin comes back to the tab, and every little while until someone is signed in. Until the worker answers, the UI
// shows "not ready" rather than failing.
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
  if (auth.state === 'checking') return 'Checking whether you are signed in to the extension…';
  if (auth.state === 'unavailable') {
    return auth.failure.kind === 'invalidated' ? auth.failure.message : `The extension is not ready: ${auth.failure.message}`;
  }
  const s = auth.status;
  if (!s.configured) return `The extension is not set up yet${s.configProblem ? `: ${s.configProblem}` : '.'} Open its settings from the toolbar button.`;
  if (!s.signedIn) return 'Not signed in: sign in to the extension (toolbar button, or Sign in here) first.';
  if (selected === 0) return 'Select users in the list first.';
  return undefined;
}
