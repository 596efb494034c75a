// The toolbar popup: first paint from storage — whether the extension is set up (storage.local, the worker's own
// merge) and the session cache (account, jobs) — so nothing waits for a cold worker; then fresh status from the
// worker, then live progress events. Before the setup, a two-step first run; sections with nothing to say are
// not shown.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuthStatus, JobSummary, PageStatus } from '../../src/messages';
import type { PopupServices } from '../lib/platform';
import { POPUP_CACHE_KEY, readCache, toCache, upsertJob } from '../lib/jobs';
import { pickRunningJob } from '../lib/format';
import { describeError } from '../lib/errors';
import { AccountPanel } from './Account';
import { Notice } from './common';
import { JobHistory, RunningJob, type ControlAction } from './Jobs';
import { PageStatusPanel } from './PageStatusPanel';
import { HostAccessNotice } from './HostAccessNotice';
import { JobDetail } from './JobDetail';
import { OPTIONS_PAGE, PICKER_PAGE, jobPagePath } from '../lib/pages';
import { setupState, type SetupState } from '../lib/setup-state';
import { FirstRun } from './FirstRun';
import { t } from '../../src/i18n';

/** Jobs of more users than this open on their own page from the popup: their rows need the room. */
export const INLINE_DETAIL_MAX = 10;


export interface PopupAppProps {
  services: PopupServices;
  /** 'tab' when opened as a full page (wider layout, no page-status section). */
  mode?: 'popup' | 'tab';
  /** Open this job's detail straight away. */
  initialJobId?: string;
  /** Clock, injectable for tests. */
  now?: () => number;
}

export function PopupApp({ services, mode = 'popup', initialJobId, now = Date.now }: PopupAppProps) {
  const [auth, setAuth] = useState<AuthStatus>();
  const [jobs, setJobs] = useState<JobSummary[]>();
  const [page, setPage] = useState<PageStatus | 'unknown'>();
  const [fromCache, setFromCache] = useState(false);
  const [error, setError] = useState<string>();
  const [signingIn, setSigningIn] = useState(false);
  const [busyJob, setBusyJob] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [view, setView] = useState<string | undefined>(initialJobId);
  const [tick, setTick] = useState(now());
  const fresh = useRef({ auth: false, jobs: false });
  const [setup, setSetup] = useState<{ stored: { policyCache: unknown; local: unknown }; state: SetupState }>();
  const readSetup = () =>
    services.readSetup().then(
      (stored) => setSetup({ stored, state: setupState(stored.policyCache, stored.local) }),
      () => undefined,
    );

  const loadAuth = () =>
    // With the active tab, the worker also says whether that admin-center page is the signed-in tenant's.
    (mode === 'popup' ? services.activeTabId() : Promise.resolve(undefined))
      .then((tabId) => services.request('auth/status', tabId === undefined ? {} : { tabId }))
      .then(
      (s) => {
        fresh.current.auth = true;
        setAuth(s);
      },
      (e: unknown) => setError(t('popup_authFailed', { error: describeError(e) })),
    );
  const loadJobs = () =>
    services.request('job/list', {}).then(
      (list) => {
        fresh.current.jobs = true;
        setJobs([...list].sort((a, b) => b.createdAt - a.createdAt));
      },
      (e: unknown) => setError(t('popup_jobsFailed', { error: describeError(e) })),
    );

  useEffect(() => {
    // 0. Set up or not, from storage: no worker needed.
    void readSetup();
    // 1. Instant paint from the cache; never overwrite something fresher that already arrived.
    void services.cache.get(POPUP_CACHE_KEY).then((raw) => {
      const cache = readCache(raw);
      if (!cache) return;
      if (cache.auth && !fresh.current.auth) setAuth((a) => a ?? cache.auth);
      if (cache.jobs && !fresh.current.jobs) setJobs((j) => j ?? cache.jobs);
      setFromCache(true);
    });
    // 2. Fresh state from the worker.
    void loadAuth();
    void loadJobs();
    if (mode === 'popup') {
      services
        .activeTabId()
        .then((tabId): Promise<PageStatus | 'unknown'> => (tabId === undefined ? Promise.resolve('unknown') : services.request('page/status', { tabId })))
        .then(setPage, () => setPage('unknown'));
    }
    // 3. Live updates.
    return services.subscribe((ev) => {
      if (ev.event === 'job/progress') setJobs((list) => upsertJob(list ?? [], ev.summary));
      else if (ev.event === 'auth/changed') void loadAuth();
    });
  }, [services]);

  // Keep the cache current for the next opening.
  useEffect(() => {
    if (fresh.current.auth || fresh.current.jobs) void services.cache.set(POPUP_CACHE_KEY, toCache(auth, jobs, now()));
  }, [auth, jobs]);

  const running = jobs ? pickRunningJob(jobs) : undefined;
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setTick(now()), 5_000);
    return () => clearInterval(t);
  }, [running?.id]);

  const signIn = () => {
    setSigningIn(true);
    setError(undefined);
    // The popup may close while the sign-in window is open; the worker finishes the sign-in on its own.
    services
      .request('auth/signIn', { tier: 'read' })
      .then(setAuth, (e: unknown) => setError(describeError(e)))
      .finally(() => setSigningIn(false));
  };

  const control = (jobId: string, action: ControlAction) => {
    setBusyJob(true);
    setError(undefined);
    services
      .request('job/control', { jobId, action })
      .then((s) => setJobs((list) => upsertJob(list ?? [], s)), (e: unknown) => setError(describeError(e)))
      .finally(() => {
        setBusyJob(false);
        // Resume of a job waiting for sign-in signs in: the account card changes too.
        if (action === 'resume') void loadAuth();
      });
  };

  const clearHistory = () => {
    setClearing(true);
    services
      .request('history/clear', {})
      .then(() => loadJobs(), (e: unknown) => setError(t('popup_clearFailed', { error: describeError(e) })))
      .finally(() => setClearing(false));
  };

  const openJob = (jobId: string) => {
    const job = jobs?.find((j) => j.id === jobId);
    if (mode === 'popup' && job && job.counters.total > INLINE_DETAIL_MAX) services.openPage(jobPagePath(jobId));
    else setView(jobId);
  };
  // The worker's word once it answered; until then what storage says (the cache may be from before a setup change).
  const configured = fresh.current.auth && auth ? auth.configured : (setup?.state.configured ?? auth?.configured);
  const canPick = configured === true && auth?.signedIn === true && !auth.sessionEnded;

  if (view !== undefined) {
    const summary = jobs?.find((j) => j.id === view);
    return (
      <main class={mode === 'tab' ? 'page' : undefined}>
        <JobDetail
          services={services}
          jobId={view}
          summary={summary}
          mode={mode}
          auth={auth}
          onBack={() => setView(undefined)}
          onOpenInTab={mode === 'popup' ? () => services.openPage(jobPagePath(view)) : undefined}
          onSummary={(s) => setJobs((list) => upsertJob(list ?? [], s))}
          onAuth={setAuth}
        />
      </main>
    );
  }

  const history = (jobs ?? []).filter((j) => j.id !== running?.id);
  return (
    <main class={mode === 'tab' ? 'page' : undefined}>
      <div class="spread">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" onClick={() => services.openPage(OPTIONS_PAGE)}>
          {t('popup_settings')}
        </button>
      </div>
      <p class="small muted" aria-live="polite" style={{ minHeight: '1.4em' }}>
        {fromCache && !(fresh.current.auth && fresh.current.jobs) && !error ? t('popup_updating') : ''}
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      <HostAccessNotice cloud={auth?.cloud} access={services.hostAccess} />
      {configured === false && setup ? (
        <FirstRun
          services={services}
          stored={setup.stored}
          problem={fresh.current.auth ? auth?.configProblem : undefined}
          cloud={setup.state.values.cloud}
          onSaved={() => {
            void readSetup();
            void loadAuth();
          }}
          onOpenOptions={() => services.openPage(OPTIONS_PAGE)}
        />
      ) : configured === true ? (
        <>
          <AccountPanel status={auth} busy={signingIn} onSignIn={signIn} onOpenOptions={() => services.openPage(OPTIONS_PAGE)} copy={services.copyText} />
          {mode === 'popup' && <PageStatusPanel status={page} canPick={canPick} onOpenPicker={() => services.openPage(PICKER_PAGE)} />}
        </>
      ) : null}
      {running && (
        <>
          <h2>{t('popup_runningJob')}</h2>
          <RunningJob job={running} busy={busyJob} onControl={(a) => control(running.id, a)} onOpen={() => openJob(running.id)} />
        </>
      )}
      {history.length > 0 && <JobHistory jobs={history} now={tick} onOpen={openJob} onClear={clearHistory} clearing={clearing} />}
    </main>
  );
}
