// The public face of the engine: one JobRunner per service worker. It owns the per-tenant pacers (the
// invitation limit is per tenant, across jobs) and at most one Execution per job.
import { resolveConfig, type RunnerConfig } from './config';
import type { ExecutionCore } from './execution-core';
import { Execution } from './execution';
import { JobFile } from './job-file';
import { createJob, deleteJob, listJobs, readItems, type CreateJobOptions, type ReadItemsQuery } from './jobs';
import { endIfNothingLeft, NO_UNDO_RETRY, pausable, requeueFailed } from './job-controls';
import { JobInputError } from './job-input';
import { isTerminalJob, nothingLeft, type CreateJobInput, type JobHeader, type JobItemView } from './model';
import { KeyedLock } from './keyed-lock';
import { perSecond, TenantPacerPool } from './pacer';
import type { AuthPort, Clock, GraphPort, JobStorePort, NetworkPort } from './ports';
import { progressOf, type JobProgress } from './progress';
import { encodeHeader } from './schema';
import { forgetRedeemLinks } from './redeem-links';

export interface JobPorts {
  store: JobStorePort;
  graph: GraphPort;
  auth: AuthPort;
  network: NetworkPort;
  clock: Clock;
  /** Jitter source; defaults to Math.random. */
  random?: () => number;
  /** Called after every persisted change of a job's progress (cheap: header counters only). */
  onProgress?: (progress: JobProgress) => void;
}

export class JobBusyError extends Error {
  override name = 'JobBusyError';
}

interface Active {
  execution: Promise<Execution>;
  /** Set once the job file is open. */
  current?: Execution;
  done: Promise<JobHeader>;
}

export interface RunnerDiagnostics {
  activeItems: number;
  residentChunks: number;
  /** High-water mark of chunks held in memory during this run. */
  maxResidentChunks: number;
}

export class JobRunner {
  private readonly config: RunnerConfig;
  private readonly active = new Map<string, Active>();
  private readonly pacers: TenantPacerPool;
  private readonly listeners = new Set<(progress: JobProgress) => void>();
  private readonly locks = new KeyedLock();

  constructor(
    private readonly ports: JobPorts,
    config: Partial<RunnerConfig> = {},
  ) {
    this.config = resolveConfig(config);
    this.pacers = new TenantPacerPool(ports.clock, this.config.invitationRate, this.config.writeRate);
  }

  // ---- jobs as data ----------------------------------------------------------------------------------

  createJob(input: CreateJobInput, options: Omit<CreateJobOptions, 'now'> = {}): Promise<JobHeader> {
    return createJob(this.ports.store, input, { ...options, now: () => this.ports.clock.now() });
  }

  listJobs(): Promise<JobHeader[]> {
    return listJobs(this.ports.store);
  }

  readItems(jobId: string, query?: ReadItemsQuery): Promise<{ total: number; items: JobItemView[] }> {
    return readItems(this.ports.store, jobId, query);
  }

  async deleteJob(jobId: string): Promise<void> {
    if (this.active.has(jobId)) throw new JobBusyError(`job ${jobId} is running`);
    await deleteJob(this.ports.store, jobId);
  }

  isActive(jobId: string): boolean {
    return this.active.has(jobId);
  }

  /** Memory/working-set figures of a running job (for diagnostics and tests). */
  diagnostics(jobId: string): RunnerDiagnostics | undefined {
    const run = this.active.get(jobId)?.current;
    if (!run) return undefined;
    return { activeItems: run.activeCount, residentChunks: run.file.residentCount(), maxResidentChunks: run.file.maxResident };
  }

  onProgress(listener: (progress: JobProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- running -------------------------------------------------------------------------------------

  /**
   * Works on the job until it is completed or cancelled, paused (by pause() or by the engine, see
   * header.pauseReason), or `signal` aborts (then in-flight batches settle and are recorded, the status
   * stays `running`, and resumeAll() continues later). Offline, it waits as `paused-offline`.
   * Resolves with the header; rejects if the store fails (nothing more is sent after that).
   * Calling run() for a job already running returns the same promise.
   */
  run(jobId: string, signal?: AbortSignal): Promise<JobHeader> {
    const current = this.active.get(jobId);
    if (current) return current.done;
    let resolveExecution: (execution: Execution) => void = () => undefined;
    let rejectExecution: (error: unknown) => void = () => undefined;
    const execution = new Promise<Execution>((resolve, reject) => {
      resolveExecution = resolve;
      rejectExecution = reject;
    });
    execution.catch(() => undefined);
    const done = (async (): Promise<JobHeader> => {
      try {
        const file = await this.open(jobId);
        const run = new Execution(file, { ...this.ports, random: this.ports.random ?? Math.random }, this.config, this.pacers.of(file.header.tenantId), (e) => this.emit(e), signal);
        const entry = this.active.get(jobId);
        if (entry) entry.current = run;
        resolveExecution(run);
        const status = file.header.status;
        // Paused, or waiting for the admin to sign in (resume() moves it): nothing to drive — unless nothing is
        // left, then it is over (a pause that landed after the last write, recorded by an older version).
        if (status === 'paused' || status === 'waiting-for-sign-in') {
          if (nothingLeft(file.header.counters)) await this.end(file, file.header.cancelRequested === true);
          return encodeHeader(file.header);
        }
        if (isTerminalJob(status)) return encodeHeader(file.header);
        await run.drive();
        return encodeHeader(file.header);
      } catch (error) {
        rejectExecution(error);
        throw error;
      } finally {
        this.active.delete(jobId);
      }
    })();
    this.active.set(jobId, { execution, done });
    return done;
  }

  /**
   * Runs every job that should be running (running, paused-offline, cancelling) — call on worker start.
   * A job waiting for sign-in is left alone: only resumeAfterSignIn() (the admin signed in) moves it.
   */
  async resumeAll(signal?: AbortSignal): Promise<JobHeader[]> {
    const jobs = await this.listJobs();
    const unfinished = jobs.filter((j) => j.status === 'running' || j.status === 'paused-offline' || j.status === 'cancelling');
    return Promise.all(unfinished.map((j) => this.run(j.id, signal)));
  }

  /** Stops starting writes; resolves once in-flight batches are recorded and the job is `paused`. */
  pause(jobId: string): Promise<JobHeader> {
    return this.control(jobId, async () => {
      const current = this.active.get(jobId);
      if (current) {
        const execution = await current.execution;
        const header = execution.file.header;
        if (pausable(header)) {
          execution.file.setStatus('paused');
          execution.wake();
          await execution.file.flush();
          // Said at once: "pausing" while the requests in flight finish (the job ends if they were the last).
          this.emit(execution);
        }
        return current.done;
      }
      const file = await this.open(jobId);
      if (!isTerminalJob(file.header.status) && file.header.status !== 'cancelling' && nothingLeft(file.header.counters)) await this.end(file, false);
      else if (pausable(file.header)) {
        file.setStatus('paused');
        await file.flush();
        this.emitHeader(file.header);
      }
      return encodeHeader(file.header);
    });
  }

  /**
   * Continues a paused job (also clears an engine pause). A job waiting for sign-in continues too — running, or
   * cancelling if a cancel was asked meanwhile; call it once a token can be had (the admin signed in).
   */
  resume(jobId: string, signal?: AbortSignal): Promise<JobHeader> {
    return this.control(jobId, async (): Promise<{ done: Promise<JobHeader> } | { header: JobHeader }> => {
      const current = this.active.get(jobId);
      if (current) {
        const execution = await current.execution.catch(() => undefined);
        // Still working (running, offline-waiting or cancelling): nothing to resume.
        const winding = execution?.file.header.status === 'paused' || execution?.file.header.status === 'waiting-for-sign-in';
        if (execution && !winding) return { done: current.done };
        await current.done.catch(() => undefined); // a pause or a wait for sign-in still winding down
      }
      const file = await this.open(jobId);
      const { status, cancelRequested } = file.header;
      if (status === 'paused' || status === 'paused-offline' || status === 'waiting-for-sign-in') {
        file.setStatus(status === 'waiting-for-sign-in' && cancelRequested ? 'cancelling' : 'running');
        await file.flush();
        this.emitHeader(file.header);
      }
      return { header: file.header };
    }).then((r) => ('done' in r ? r.done : isTerminalJob(r.header.status) ? encodeHeader(r.header) : this.run(jobId, signal)));
  }

  /** The admin signed in: every job waiting for sign-in (in that tenant, when given) continues, once. */
  async resumeAfterSignIn(tenantId?: string, signal?: AbortSignal): Promise<JobHeader[]> {
    const waiting = (await this.listJobs()).filter(
      (j) => j.status === 'waiting-for-sign-in' && (tenantId === undefined || j.tenantId.toLowerCase() === tenantId.toLowerCase()),
    );
    return Promise.all(waiting.map((j) => this.resume(j.id, signal)));
  }

  /**
   * Stops before the next write. Items not started become `cancelled`; writes already sent are verified
   * and recorded as they turned out. Resolves when the job is `cancelled` (stays `cancelling` while an
   * unknown outcome cannot be verified, e.g. offline — resumeAll() finishes it later).
   */
  cancel(jobId: string, signal?: AbortSignal): Promise<JobHeader> {
    return this.control(jobId, async () => {
      const current = this.active.get(jobId);
      if (current) {
        const execution = await current.execution;
        if (!isTerminalJob(execution.file.header.status)) {
          execution.file.setStatus('cancelling');
          execution.wake();
          await execution.file.flush();
          this.emit(execution);
        }
        return { header: undefined, done: current.done };
      }
      const file = await this.open(jobId);
      if (isTerminalJob(file.header.status)) return { header: encodeHeader(file.header), done: undefined };
      // Cancelled after the last write: there is nothing to cancel, the job simply finished.
      if (nothingLeft(file.header.counters)) {
        await this.end(file, true);
        return { header: encodeHeader(file.header), done: undefined };
      }
      file.setStatus('cancelling');
      await file.flush();
      this.emitHeader(file.header);
      return { header: undefined, done: undefined };
    }).then(({ header, done }) => header ?? done ?? this.run(jobId, signal));
  }

  /**
   * Re-queues only the failed items as a new round (attempts reset; steps already applied are not
   * redone), then runs the job. Not allowed while the job is being worked on.
   */
  retryFailed(jobId: string, signal?: AbortSignal): Promise<JobHeader> {
    return this.control(jobId, async () => {
      if (this.active.has(jobId)) throw new JobBusyError(`job ${jobId} is running; pause it or let it finish first`);
      const file = await this.open(jobId);
      if (file.header.status === 'cancelling') throw new JobBusyError(`job ${jobId} is being cancelled`);
      if (file.header.counters.failed === 0) return file.header;
      if (file.header.kind === 'undo') throw new JobInputError(NO_UNDO_RETRY);
      await requeueFailed(file);
      this.emitHeader(file.header);
      return file.header;
    }).then((header) => (header.status === 'running' ? this.run(jobId, signal) : encodeHeader(header)));
  }

  /**
   * Forgets the redeem links of these users (their invitations were accepted): see redeem-links.ts. A job being
   * worked on is left alone (0); the next refresh after it stopped drops them.
   */
  forgetRedeemLinks(jobId: string, userIds: readonly string[]): Promise<number> {
    return this.control(jobId, async () => (this.active.has(jobId) ? 0 : forgetRedeemLinks(this.ports.store, jobId, userIds)));
  }

  // ---- internals -------------------------------------------------------------------------------------

  /** Records the end of a job with nothing left (see nothingLeft). */
  private async end(file: JobFile, cancelAsked: boolean): Promise<void> {
    if (await endIfNothingLeft(file, cancelAsked, () => this.ports.clock.now())) this.emitHeader(file.header);
  }

  private control<T>(jobId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(jobId, work);
  }

  private open(jobId: string): Promise<JobFile> {
    return JobFile.open(this.ports.store, jobId, () => this.ports.clock.now(), this.config.maxResidentChunks);
  }

  private emit(execution: ExecutionCore): void {
    this.publish(progressOf(execution.file.header, this.ports.clock.now(), execution.sample, perSecond(this.config.invitationRate), execution.inFlightItems));
  }

  private emitHeader(header: JobHeader): void {
    this.publish(progressOf(header, this.ports.clock.now(), undefined, perSecond(this.config.invitationRate)));
  }

  private publish(progress: JobProgress): void {
    this.ports.onProgress?.(progress);
    for (const listener of this.listeners) listener(progress);
  }
}
