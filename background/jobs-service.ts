// Conversion jobs at the worker's edge: the engine (src/jobs) gets storage, the Graph layer, MSAL and
// connectivity through its ports; this module adds what only an extension can do — resume on start and by
// alarm, progress broadcasts, the toolbar badge and the end-of-job notification — through the worker's ports
// (worker-ports.ts), so it runs in unit tests on fakes.
import type { Settings } from '../src/config';
import {
  JobRunner,
  SignInNeededError,
  progressOf,
  type CreateJobInput,
  type JobHeader,
  type JobProgress,
} from '../src/jobs';
import { reasonText } from '../src/engine-reasons';
import { BADGE_COLOURS, badgeState, jobOutcomeText, jobStateText } from '../src/job-state';
import { t, tn } from '../src/i18n';
import type { JobSummary } from '../src/messages';
import { jobsGraphPort, type JobGraphNeed } from '../src/jobs-graph-port';
import type { ScopeTier } from '../src/scopes';
import { SignInRequired, type AuthService } from './auth/auth-service';
import type { graphFor, TokenSource } from './graph-edge';
import { JobRecords } from '../src/storage';
import type { WorkerPorts } from './worker-ports';

const ALARM = 'b2b-jobs-resume';
/** One notification for every job waiting for sign-in (same id: a later one replaces it, never piles up). */
export const SIGN_IN_NOTIFICATION = 'b2b-sign-in-needed';

/** A sign-in the engine cannot do itself, in the engine's terms (the authority's code kept for the admin). */
function signInNeeded(error: SignInRequired): SignInNeededError {
  return new SignInNeededError({ status: 0, code: error.detail.code ?? error.detail.problem, message: error.message });
}
/** Broadcast progress at most this often per job (the engine reports every save, several a second). */
const BROADCAST_EVERY_MS = 400;

/** What the service needs of sign-in (the AuthService in the worker, a fake in tests). */
export type JobsAuth = Pick<AuthService, 'token' | 'invalidate' | 'account' | 'signIn' | 'signInTier'>;

export interface JobsServiceDeps {
  auth: JobsAuth;
  settings: () => Promise<Settings | undefined>;
  ports: WorkerPorts;
  /** Builds the jobs' Graph client (graph-edge.ts's graphFor in the worker). */
  graphClient: typeof graphFor;
}

export function summaryOf(header: JobHeader, progress: JobProgress = progressOf(header, Date.now())): JobSummary {
  const c = header.counters;
  return {
    id: header.id,
    createdAt: header.createdAt,
    ...(header.finishedAt ? { finishedAt: header.finishedAt } : {}),
    tenantId: header.tenantId,
    ranBy: header.ranBy,
    state: header.status,
    counters: {
      total: header.total,
      done: c.done,
      failed: c.failed,
      blocked: c.blocked,
      cancelled: c.cancelled,
      remaining: progress.remaining,
      verifying: c.unknown,
      converted: c.converted,
      notStarted: c.notStarted,
    },
    ...(progress.etaMs !== undefined ? { etaMs: progress.etaMs } : {}),
    ...(progress.inFlight > 0 && progress.status === header.status ? { inFlight: progress.inFlight } : {}),
    ...(header.pauseReason ? { pauseReason: `${reasonText(header.pauseReason)} (${header.pauseReason.code})` } : {}),
    ...(header.sponsors ? { sponsors: header.sponsors.map((s) => ({ id: s.id, displayName: s.displayName })) } : {}),
    ...(header.planHash ? { planHash: header.planHash } : {}),
    ...(header.kind === 'undo' ? { kind: 'undo' as const, ...(header.undoOf ? { undoOf: header.undoOf } : {}) } : {}),
  };
}

export class JobsService {
  readonly runner: JobRunner;
  /** Every record of a job, engine's and worker's (src/storage/job-records.ts). */
  readonly records: JobRecords;
  private readonly auth: JobsAuth;
  private readonly settings: () => Promise<Settings | undefined>;
  private readonly ports: WorkerPorts;
  private readonly graphClient: typeof graphFor;
  private lastBroadcast = new Map<string, { at: number; status: string; phase: string }>();
  /** The engine's latest progress per job: its ETA uses the rate observed in this run. */
  private latest = new Map<string, JobProgress>();

  constructor(deps: JobsServiceDeps) {
    this.auth = deps.auth;
    this.settings = deps.settings;
    this.ports = deps.ports;
    this.graphClient = deps.graphClient;
    this.records = new JobRecords(deps.ports.storage);
    this.runner = new JobRunner({
      store: deps.ports.storage.local,
      graph: jobsGraphPort((kind) => this.graph(kind)),
      auth: {
        // The engine asks after a 401 that survived the Graph layer's own renewal: try once more, silently.
        renewToken: async () => {
          try {
            await this.auth.token('invite', { forceRefresh: true });
            return true;
          } catch (error) {
            if (error instanceof SignInRequired) throw signInNeeded(error);
            return false;
          }
        },
      },
      network: deps.ports.network,
      clock: deps.ports.clock,
      onProgress: (p) => this.onProgress(p),
    });
  }

  /**
   * The jobs' Graph client. A token the admin must sign in for is reported as SignInNeededError — before the
   * request when there is none, or when a 401's renewal needs the admin — so the engine waits for sign-in.
   */
  private async graph(need: JobGraphNeed) {
    const settings = await this.settings();
    if (!settings) throw new SignInNeededError({ status: 0, code: 'not-configured', message: t('worker_notConfigured') });
    const tokens: TokenSource = {
      token: (t, options) =>
        this.auth.token(t, options).catch((error: unknown) => {
          throw error instanceof SignInRequired ? signInNeeded(error) : error;
        }),
      invalidate: (t) => this.auth.invalidate(t),
    };
    // Undo jobs: the undo feature's own token, on the beta endpoint (the only one with convertExternalToInternalMemberUser).
    if (need === 'undo') {
      await tokens.token('undo');
      return this.graphClient(tokens, settings, 'undo', { noRetries: true, beta: true });
    }
    // Invitations go out with the write-tier token once the admin granted it: a tenant may want User.ReadWrite.All to
    // convert an existing user (the docs leave it open), and "sign in with write permission and retry failed" relies on it.
    const granted = (await this.auth.account())?.grantedTiers ?? [];
    const effective: ScopeTier = need === 'invite' && granted.includes('write') ? 'write' : need;
    // Asked first, outside the SDK (which would report a failure here as a network error: an unknown outcome).
    await tokens.token(effective);
    return this.graphClient(tokens, settings, effective, { noRetries: true });
  }

  /**
   * The admin signed in: jobs of that tenant that waited for it continue (once: the runner joins a run under
   * way), and the sign-in notification goes.
   */
  afterSignIn(tenantId: string): void {
    this.ports.alarms.repeat(ALARM, 0.5);
    this.runner.resumeAfterSignIn(tenantId).catch((error: unknown) => console.error('resume after sign-in failed:', error));
    void this.ports.notifications.clear(SIGN_IN_NOTIFICATION);
  }

  /** Jobs that wait for the admin to sign in. */
  async waitingForSignIn(): Promise<JobHeader[]> {
    return (await this.runner.listJobs()).filter((j) => j.status === 'waiting-for-sign-in');
  }

  /** The notification's click and Resume on a waiting job: an interactive sign-in, then the jobs continue. */
  async signInToContinue(): Promise<void> {
    const undoWaiting = (await this.waitingForSignIn()).some((j) => j.kind === 'undo');
    const account = await this.auth.signIn(await this.auth.signInTier('invite'));
    // An undo job waits for the undo permission's token (e.g. its consent was revoked): the tiers' sign-in does not
    // ask for it, so the admin is asked for it too — only because such a job is waiting.
    if (undoWaiting) await this.auth.signIn('undo');
    this.afterSignIn(account.tenantId);
  }

  /** Creates the job durably, then starts it without waiting: the caller gets the id at once. */
  async start(input: CreateJobInput, submitterTabId: number | undefined): Promise<JobHeader> {
    await this.enforceHistoryCap(input.items.length);
    const header = await this.runner.createJob(input);
    if (submitterTabId !== undefined) await this.records.setSubmitterTab(header.id, submitterTabId);
    this.drive(header.id);
    return header;
  }

  /**
   * Retry failed: refused now, with the reason, where it cannot apply (the reply is the only place the admin hears
   * it: the retry itself runs on after the reply); `ready` runs last (the sign-in the retry needs), then the retry.
   */
  async retryFailed(jobId: string, ready: () => Promise<unknown>): Promise<void> {
    if (this.runner.isActive(jobId)) throw new Error(t('worker_retryWhileRunning'));
    if ((await this.summary(jobId)).kind === 'undo') throw new Error(t('worker_noUndoRetry'));
    await ready();
    this.ports.alarms.repeat(ALARM, 0.5);
    this.runner.retryFailed(jobId).catch((error: unknown) => console.error(`retry of job ${jobId} stopped:`, error));
  }

  /** Runs a job in the background of the worker; the alarm brings it back if the worker dies meanwhile. */
  drive(jobId: string): void {
    this.ports.alarms.repeat(ALARM, 0.5);
    this.runner.run(jobId).catch((error: unknown) => console.error(`job ${jobId} stopped:`, error));
  }

  /** Every unfinished job continues by itself: on worker start, browser start, and every 30 s by alarm. */
  async resumeAll(): Promise<void> {
    const jobs = await this.runner.listJobs();
    const unfinished = jobs.filter((j) => j.status === 'running' || j.status === 'paused-offline' || j.status === 'cancelling');
    for (const job of unfinished) this.drive(job.id);
    if (unfinished.length === 0) await this.ports.alarms.clear(ALARM);
    await this.updateBadge(jobs);
  }

  listenForAlarms(): void {
    this.ports.alarms.onAlarm((name) => {
      if (name === ALARM) void this.resumeAll();
    });
  }

  async summaries(): Promise<JobSummary[]> {
    return (await this.runner.listJobs()).sort((a, b) => b.createdAt - a.createdAt).map((h) => this.summaryWithEta(h));
  }

  async summary(jobId: string): Promise<JobSummary> {
    const header = (await this.runner.listJobs()).find((j) => j.id === jobId);
    if (!header) throw new Error(t('worker_jobGone'));
    return this.summaryWithEta(header);
  }

  private summaryWithEta(header: JobHeader): JobSummary {
    const latest = this.latest.get(header.id);
    return summaryOf(header, latest && latest.updatedAt >= header.updatedAt ? latest : progressOf(header, this.ports.clock.now()));
  }

  /** Keeps history bounded: at most 50 jobs and 250,000 users; the oldest finished jobs go first. */
  private async enforceHistoryCap(incoming: number): Promise<void> {
    const jobs = (await this.runner.listJobs()).sort((a, b) => a.createdAt - b.createdAt);
    let count = jobs.length + 1;
    let users = jobs.reduce((n, j) => n + j.total, 0) + incoming;
    for (const job of jobs) {
      if (count <= 50 && users <= 250_000) break;
      if (job.status !== 'completed' && job.status !== 'cancelled') continue;
      await this.deleteJob(job.id);
      count -= 1;
      users -= job.total;
    }
  }

  /** The job and every record it wrote (invitation state, follow-ups, its tab), in one operation. */
  private deleteJob(jobId: string): Promise<void> {
    return this.records.removeJob(jobId, (id) => this.runner.deleteJob(id));
  }

  async clearHistory(): Promise<void> {
    for (const job of await this.runner.listJobs()) {
      if ((job.status === 'completed' || job.status === 'cancelled') && !this.runner.isActive(job.id)) {
        await this.deleteJob(job.id);
      }
    }
    await this.updateBadge(await this.runner.listJobs());
  }

  private onProgress(progress: JobProgress): void {
    this.latest.set(progress.jobId, progress);
    const last = this.lastBroadcast.get(progress.jobId);
    const now = this.ports.clock.now();
    const statusChanged = last?.status !== progress.status;
    // "Pausing — N in flight" → "Paused" is a change the admin must see even within the throttle.
    const phase = `${progress.status}:${progress.inFlight > 0}`;
    if (last?.phase === phase && now - last.at < BROADCAST_EVERY_MS) return;
    this.lastBroadcast.set(progress.jobId, { at: now, status: progress.status, phase });
    void this.broadcast(progress.jobId);
    if (statusChanged && (progress.status === 'completed' || progress.status === 'cancelled')) void this.notifyEnd(progress);
    if (statusChanged && progress.status === 'waiting-for-sign-in') void this.notifySignInNeeded();
  }

  private async broadcast(jobId: string): Promise<void> {
    const jobs = await this.runner.listJobs();
    const header = jobs.find((j) => j.id === jobId);
    if (!header) return;
    const message = { event: 'job/progress', jobId, summary: this.summaryWithEta(header) };
    // Extension pages hear runtime messages; content scripts only hear messages sent to their tab.
    this.ports.messaging.toPages(message);
    const tab = await this.records.submitterTab(jobId);
    if (tab !== undefined) this.ports.messaging.toTab(tab, message);
    await this.updateBadge(jobs);
  }

  /** The toolbar badge from the jobs' summaries (src/job-state.ts decides text, tone and title). */
  private async updateBadge(jobs: JobHeader[]): Promise<void> {
    const badge = badgeState(jobs.map((j) => this.summaryWithEta(j)));
    await this.ports.badge.show({ text: badge.text, color: BADGE_COLOURS[badge.tone], title: badge.title });
  }

  /** One notification, whatever the number of waiting jobs; clicking it starts the sign-in (service-worker.ts). */
  private async notifySignInNeeded(): Promise<void> {
    const waiting = await this.waitingForSignIn();
    if (waiting.length === 0) return;
    const users = waiting.reduce((n, j) => n + progressOf(j, this.ports.clock.now()).remaining, 0);
    const reason = waiting[0]?.pauseReason;
    await this.ports.notifications.show(SIGN_IN_NOTIFICATION, {
      title: tn('worker_notify_signIn_title', users),
      message: t('worker_notify_signIn_message', { reason: reason ? reason.message : t('error_signIn_sessionEndedShort') }),
      requireInteraction: true,
    });
  }

  private async notifyEnd(progress: JobProgress): Promise<void> {
    const header = (await this.runner.listJobs()).find((j) => j.id === progress.jobId);
    if (!header) return;
    const summary = summaryOf(header, progress);
    await this.ports.notifications.show(`job-${progress.jobId}`, {
      title: t('worker_notify_end_title', { state: jobStateText(summary).label }),
      message: t('worker_notify_end_message', { outcome: jobOutcomeText(summary) }),
    });
  }
}
