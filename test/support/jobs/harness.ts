// Wiring for engine tests and simulations: a virtual clock, an in-memory store and the fake Graph.
// `restart()` models a service-worker restart: a new runner over the same store and the same tenant.
import type { RunnerConfig } from '../../../src/jobs/config';
import { MemoryJobStore } from '../../../src/jobs/memory-store';
import type { ConvertJobInput, JobItemInput } from '../../../src/jobs/model';
import type { JobProgress } from '../../../src/jobs/progress';
import { JobRunner } from '../../../src/jobs/runner';
import { FakeGraph, makeUsers, type FakeGraphOptions } from './fake-graph';
import { driveVirtual, VirtualClock } from './virtual-clock';

export interface Harness {
  clock: VirtualClock;
  store: MemoryJobStore;
  graph: FakeGraph;
  runner: JobRunner;
  progress: JobProgress[];
  /** A fresh runner (new worker) over the same store and tenant. */
  restart(config?: Partial<RunnerConfig>): JobRunner;
  /** Awaits `work` while advancing virtual time whenever everything is idle. */
  drive<T>(work: Promise<T>): Promise<T>;
}

/** A seeded generator so jitter is reproducible. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeHarness(options: { graph?: FakeGraphOptions; config?: Partial<RunnerConfig>; users?: number; emailOnUser?: boolean } = {}): Harness {
  const clock = new VirtualClock();
  const store = new MemoryJobStore();
  const graph = new FakeGraph(clock, { latencyMs: 100, ...options.graph });
  graph.addUsers(makeUsers(options.users ?? 0, options.emailOnUser ?? true));
  const progress: JobProgress[] = [];
  const make = (config?: Partial<RunnerConfig>): JobRunner =>
    new JobRunner(
      { store, graph, auth: graph, network: graph, clock, random: seededRandom(), onProgress: (p) => progress.push(p) },
      { ...options.config, ...config },
    );
  const harness: Harness = {
    clock,
    store,
    graph,
    runner: make(),
    progress,
    restart(config) {
      store.revive();
      harness.runner = make(config);
      return harness.runner;
    },
    drive: (work) => driveVirtual(clock, work),
  };
  return harness;
}

export function jobItems(n: number, overrides: Partial<JobItemInput> = {}, from = 0): JobItemInput[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    return {
      userId: `u${i}`,
      userPrincipalName: `user${i}@contoso.example`,
      displayName: `User ${i}`,
      email: `user${i}@fabrikam.example`,
      addToOtherMails: false,
      setGuest: false,
      ...overrides,
    };
  });
}

export function jobInput(items: JobItemInput[], id = 'job1'): ConvertJobInput {
  return {
    id,
    tenantId: 'tenant-1',
    ranBy: 'admin@contoso.example',
    items,
    options: { sendInvitationMessage: false, inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=tenant-1' },
  };
}
