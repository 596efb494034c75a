// Peak memory of the job engine for a 50,000-user job: the real JobRunner over the in-memory store on a
// scaled clock, against a flat-memory Graph stand-in (lean-fake-graph.ts), so the run takes seconds.
// Runs in a child process started with --expose-gc (memory-host.ts): a fresh heap rather than one
// holding the throughput runs' garbage, and gc() so live memory can be told from garbage.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { JobRunner, MemoryJobStore, scaledClock } from '../../src/jobs';
import { LeanFakeGraph } from './lean-fake-graph';
import { ADMIN_UPN, externalEmail, reviewedItems, TENANT_ID, userId } from './tenant';

export interface MemoryResult {
  users: number;
  scale: number;
  gcAvailable: boolean;
  /** heapUsed after GC, with the job created (its items in the store) and the tenant built, before run(). */
  baselineHeap: number;
  /** Highest heapUsed sampled while the job ran (every ~5 ms real), garbage included. */
  peakHeap: number;
  /** Highest heapUsed right after a forced GC (every ~250 ms real): live data only. */
  peakLiveHeap: number;
  /**
   * Highest (live heap − bytes held by the in-memory store) − (the same at baseline): what the engine
   * itself holds above the baseline. In the extension the store is chrome.storage, outside the worker heap.
   */
  peakEngineLive: number;
  /** heapUsed after GC once the job ended. */
  afterHeap: number;
  /** Bytes held by the store (keys + JSON values) before the run and at the end; written during the run. */
  storedBytesBefore: number;
  storedBytes: number;
  bytesWritten: number;
  writes: number;
  maxBytesPerWrite: number;
  /** Chunks (of 200 users) the engine held at once, of chunkCount. */
  maxResidentChunks: number;
  chunkCount: number;
  engineMs: number;
  realMs: number;
  status: string;
  done: number;
  throttled: number;
  /** Users invited exactly once / any other number of times, per the stand-in's count. */
  invitedOnce: number;
  invitedOther: number;
}

const collect = (): void => {
  globalThis.gc?.();
};

export async function measureJobMemory(users: number, scale: number): Promise<MemoryResult> {
  const clock = scaledClock(scale);
  const store = new MemoryJobStore();
  const tenant = Array.from({ length: users }, (_, i) => ({ id: userId(i), mail: externalEmail(i) }));
  const graph = new LeanFakeGraph(clock, tenant, TENANT_ID, { latencyMs: 200, limit: 150, windowMs: 5_000 });
  const runner = new JobRunner({ store, graph, auth: graph, network: graph, clock });
  const header = await runner.createJob({
    tenantId: TENANT_ID,
    ranBy: ADMIN_UPN,
    items: reviewedItems(users),
    options: { sendInvitationMessage: false, inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT_ID}` },
  });
  store.resetStats();
  collect();
  const baselineHeap = process.memoryUsage().heapUsed;
  const storedBytesBefore = store.size();

  let peakHeap = baselineHeap;
  let peakLiveHeap = baselineHeap;
  let peakEngineLive = 0;
  let maxResidentChunks = 0;
  const sample = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    maxResidentChunks = Math.max(maxResidentChunks, runner.diagnostics(header.id)?.maxResidentChunks ?? 0);
  }, 5);
  const liveSample = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    collect();
    const live = process.memoryUsage().heapUsed;
    peakLiveHeap = Math.max(peakLiveHeap, live);
    peakEngineLive = Math.max(peakEngineLive, live - store.size() - (baselineHeap - storedBytesBefore));
  }, 250);

  const t0 = clock.now();
  const realStart = performance.now();
  const final = await runner.run(header.id);
  const realMs = performance.now() - realStart;
  const engineMs = clock.now() - t0;
  clearInterval(sample);
  clearInterval(liveSample);
  collect();
  const afterHeap = process.memoryUsage().heapUsed;

  let invitedOnce = 0;
  for (const count of graph.invited) if (count === 1) invitedOnce += 1;
  return {
    users,
    scale,
    gcAvailable: typeof globalThis.gc === 'function',
    baselineHeap,
    peakHeap,
    peakLiveHeap,
    peakEngineLive,
    afterHeap,
    storedBytesBefore,
    storedBytes: store.size(),
    bytesWritten: store.stats.bytesWritten,
    writes: store.stats.writes,
    maxBytesPerWrite: store.stats.maxBytesPerWrite,
    maxResidentChunks,
    chunkCount: header.chunkCount,
    engineMs,
    realMs,
    status: final.status,
    done: final.counters.done,
    throttled: graph.throttled,
    invitedOnce,
    invitedOther: users - invitedOnce,
  };
}

/** Runs measureJobMemory in a child process with --expose-gc and returns its result. */
export function measureJobMemoryInChild(users: number, scale: number): Promise<MemoryResult> {
  const child = fork(fileURLToPath(new URL('./memory-host.ts', import.meta.url)), [String(users), String(scale)], {
    // tsx's loader flags (so the child runs TypeScript) plus gc().
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<MemoryResult>((resolve, reject) => {
    child.once('message', (result) => resolve(result as MemoryResult));
    child.once('exit', (code) => reject(new Error(`memory bench exited (${String(code)}) without a result`)));
    child.once('error', reject);
  });
}
