// The fallback picker page: pick users (search, paste, CSV) → review → live progress. Works on any page,
// including when the All users grid was not recognised.
import { useEffect, useState } from 'preact/hooks';
import type { AuthStatus, JobSummary, PreflightResult, UserSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import { describeCounters, isActiveJob, jobStateLabel } from '../lib/format';
import { AccountPanel } from './Account';
import { Notice } from './common';
import { RunningJob, type ControlAction } from './Jobs';
import { PickUsers } from './PickUsers';
import { Review } from './Review';
import { OPTIONS_PAGE, jobPagePath } from '../lib/pages';


type Step = { kind: 'pick' } | { kind: 'review'; preflight: PreflightResult } | { kind: 'progress'; jobId: string };

export function PickerApp({ services, now = Date.now }: { services: UiServices; now?: () => number }) {
  const [auth, setAuth] = useState<AuthStatus>();
  const [authBusy, setAuthBusy] = useState(false);
  const [selection, setSelection] = useState<UserSummary[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [checking, setChecking] = useState(false);
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

  const review = () => {
    setChecking(true);
    setError(undefined);
    services
      .request('users/preflight', { userIds: selection.map((u) => u.id) })
      .then(
        (preflight) => setStep({ kind: 'review', preflight }),
        (e: unknown) => setError(`The pre-flight check failed; nothing was converted. ${describeError(e)} You can try again.`),
      )
      .finally(() => setChecking(false));
  };

  return (
    <main class="page">
      <h1>Convert users to B2B collaboration users</h1>
      <p class="muted">Pick users by search, a pasted list or a CSV file, review them, then convert.</p>
      <AccountPanel status={auth} busy={authBusy} onSignIn={signIn} onOpenOptions={() => services.openPage(OPTIONS_PAGE)} />
      {error && <Notice kind="error">{error}</Notice>}
      {step.kind === 'pick' && <PickUsers services={services} selection={selection} onChange={setSelection} onReview={review} reviewing={checking} />}
      {step.kind === 'review' && (
        <Review
          services={services}
          preflight={step.preflight}
          auth={auth}
          onAuth={setAuth}
          onBack={() => setStep({ kind: 'pick' })}
          onSubmitted={(jobId) => setStep({ kind: 'progress', jobId })}
        />
      )}
      {step.kind === 'progress' && (
        <JobProgress
          services={services}
          jobId={step.jobId}
          now={now}
          onDone={() => {
            setSelection([]);
            setStep({ kind: 'pick' });
          }}
        />
      )}
    </main>
  );
}

export function JobProgress({ services, jobId, now, onDone }: { services: UiServices; jobId: string; now: () => number; onDone: () => void }) {
  const [job, setJob] = useState<JobSummary>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [, setTick] = useState(now()); // re-render now and then: relative times stay current

  useEffect(() => {
    const off = services.subscribe((ev) => {
      if (ev.event === 'job/progress' && ev.jobId === jobId) setJob(ev.summary);
    });
    services.request('job/get', { jobId }).then((j) => setJob((cur) => cur ?? j), (e: unknown) => setError(describeError(e)));
    const t = setInterval(() => setTick(now()), 5_000);
    return () => {
      off();
      clearInterval(t);
    };
  }, [jobId]);

  const control = (action: ControlAction) => {
    setBusy(true);
    services
      .request('job/control', { jobId, action })
      .then(setJob, (e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="progress-h">
      <h2 id="progress-h">Progress</h2>
      <p class="small muted">The job runs in the background: you can close this page without stopping it, and follow it from the toolbar popup.</p>
      {error && <Notice kind="error">{error}</Notice>}
      {!job ? (
        <p class="skeleton" style={{ height: '72px' }} aria-busy="true">
          Starting…
        </p>
      ) : isActiveJob(job) ? (
        <RunningJob job={job} busy={busy} onControl={control} />
      ) : (
        <Notice kind={job.counters.failed > 0 ? 'warn' : 'ok'} role="status">
          <strong>{jobStateLabel(job.state)}.</strong> {describeCounters(job.counters)}
        </Notice>
      )}
      <div class="row">
        <button type="button" onClick={() => services.openPage(jobPagePath(jobId))}>
          Open job details
        </button>
        {job && !isActiveJob(job) && (
          <button type="button" onClick={onDone}>
            Convert more users
          </button>
        )}
      </div>
    </section>
  );
}
