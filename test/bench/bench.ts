// `npm run bench`: throughput, throttling, round trips and memory of the conversion engine, measured on
// the production code (src/jobs, src/graph, src/directory-reads) against the Graph emulator
// (test/sandbox/graph) with 200 ms latency and the 150-invitations-per-5-s limit. Prints figures and
// ratios against the goals of issue 5; it is not a pass/fail test and exits 0 unless something crashes.
//
// Time is scaled so the whole run takes well under a minute: the engine runs on scaledClock(k) and the
// emulator shares that clock, so 5 s of pacing window take 5/k real seconds. Every time printed is in
// engine seconds (real × k), i.e. what the same run would take against Graph.
//
// Order: the timed phases (the jobs and the sequential samples) run alone. The slow phases that only count
// (round trips and memory for the big runs) run side by side at the end, on the machine's two cores.
import { availableParallelism, loadavg } from 'node:os';
import { myAppsRedirectUrl } from '../../src/clouds';
import { DEFAULT_RUNNER_CONFIG } from '../../src/jobs';
import { measureJobMemoryInChild, type MemoryResult } from './memory';
import { int, mb, pct, quantile, sec, table, verdict } from './report';
import { runSequential, type SequentialResult } from './sequential';
import { reviewedItems, TENANT_ID } from './tenant';
import { runJob, runPreflight, runRefresh, startScenario, warmUp, type JobFigures, type PreflightFigures, type RefreshFigures } from './throughput';

const LATENCY_MS = 200;
/** Time scales: N = 1,000 runs at k = 10 (3.3 s real); N = 10,000 at k = 25 (14 s real). */
const SMALL = { n: 1_000, scale: 10 };
const LARGE = { n: 10_000, scale: 25 };
/** Users in the sequential sample (the loop does ~5 a second, so its time per user does not depend on N). */
const SAMPLE = 150;
const MEMORY = { users: 50_000, scale: 400 };

const RATIO_GOAL = 1.15;
const SPEEDUP_GOAL = 6;
const THROTTLE_GOAL = 0.01;
const roundTripGoal = (n: number): number => Math.ceil(n / 300) + 2;

interface Scenario {
  n: number;
  scale: number;
  preflight: PreflightFigures;
  job: JobFigures;
  refresh: RefreshFigures;
  sequential: SequentialResult;
  warm: { once: number; of: number };
}

interface Figures {
  ratio: number;
  speedup: number;
  /** Speed-up if the loop's per-request overhead were not multiplied by k (see sequentialLines). */
  speedupUnscaled: number;
  throttleShare: number;
}

function figures(s: Scenario): Figures {
  const floorMs = (s.n / 30) * 1000;
  const seq = s.sequential;
  const overheadRealMs = (seq.perUserMs - LATENCY_MS) / seq.scale;
  return {
    ratio: s.job.engineMs / floorMs,
    speedup: (seq.perUserMs * s.n) / s.job.engineMs,
    speedupUnscaled: ((LATENCY_MS + overheadRealMs) * s.n) / s.job.engineMs,
    throttleShare: s.job.traffic.throttled / s.job.traffic.requests,
  };
}

const print = (text = ''): void => console.log(text);

function jobLines(s: Scenario, f: Figures): void {
  const { job } = s;
  const floorMs = (s.n / 30) * 1000;
  const sizes = [...job.batchSizes].sort((a, b) => b[1] - a[1]).map(([size, count]) => `${int(count)}×${size}`).join(' + ');
  const inv = job.invited;
  const exactlyOnce = inv.once === s.n && inv.never === 0 && inv.more === 0 && job.invitedOutsideJob === 0;
  print(`   warm-up: ${s.warm.of} other users converted first by an untimed job (${s.warm.once}/${s.warm.of} once), then one window of quiet`);
  print(`1. Job: ${job.status}, ${int(job.counters.done)} done / ${int(job.counters.failed)} failed / ${int(job.counters.blocked)} blocked in ${sec(job.engineMs)} (real ${sec(job.realMs)})`);
  print(`   floor N ÷ 30/s = ${sec(floorMs)} → ratio ${f.ratio.toFixed(3)} (goal ≤ ${RATIO_GOAL}) ${verdict(f.ratio <= RATIO_GOAL)}`);
  // What the pacer alone allows: the window starts empty, so the first 150 leave at once, then each further
  // 150 one window (+ margin) after the previous ones; the last batches still need their round trips.
  const rate = DEFAULT_RUNNER_CONFIG.invitationRate;
  const rtMs = quantile(job.roundTrips, 0.5);
  const pacedMs = (Math.ceil(s.n / rate.limit) - 1) * (rate.windowMs + rate.marginMs) + 2 * rtMs;
  print(
    `   pacing alone predicts ≈ ${sec(pacedMs)} (ratio ${(pacedMs / floorMs).toFixed(3)}): ${Math.ceil(s.n / rate.limit) - 1} further windows of ${sec(rate.windowMs + rate.marginMs, 2)} after the first ` +
      `${rate.limit}, plus ~2 round trips; the rest (${sec(job.engineMs - pacedMs)}) is what 429s and delays cost`,
  );
  print(
    `   $batch calls: ${sizes} (${rate.limit} a window = ${Math.floor(rate.limit / DEFAULT_RUNNER_CONFIG.batchSize)}×${DEFAULT_RUNNER_CONFIG.batchSize} + ${rate.limit % DEFAULT_RUNNER_CONFIG.batchSize}: the pacer hands out what the window holds); at most ${job.maxInFlightBatches} in flight; ` +
      `round trip p50 ${int(rtMs)} ms, p99 ${int(quantile(job.roundTrips, 0.99))} ms`,
  );
  print(
    `   exactly once (emulator.invitationCount per user): ${int(inv.once)} once, ${int(inv.never)} never, ${int(inv.more)} more than once; ` +
      `${int(job.invitedOutsideJob)} for users outside the job${exactlyOnce ? '' : '  !! EXACTLY-ONCE VIOLATED'}`,
  );
}

function sequentialLines(s: Scenario, f: Figures): void {
  const seq = s.sequential;
  const overheadRealMs = (seq.perUserMs - LATENCY_MS) / seq.scale;
  const ok = seq.invited.once === seq.sample && seq.traffic.throttled === 0;
  print(
    `2. Sequential loop (await one POST /invitations per user), sample of ${seq.sample} at k = ${seq.scale}: ${sec(seq.engineMs)} = ${int(seq.perUserMs)} ms/user` +
      `${ok ? '' : ' (!! sample not clean: 429s or not exactly once)'}; extrapolated linearly to ${int(s.n)} users: ${sec(seq.perUserMs * s.n)}`,
  );
  print(`   speed-up ${f.speedup.toFixed(2)}× (goal ≥ ${SPEEDUP_GOAL}×) ${verdict(f.speedup >= SPEEDUP_GOAL)}`);
  print(
    `   of its ${int(seq.perUserMs)} ms/user, ${int(seq.perUserMs - LATENCY_MS)} are ${overheadRealMs.toFixed(1)} ms of real per-request work (HTTP, emulator) magnified ×${seq.scale}; ` +
      `unscaled (${(LATENCY_MS + overheadRealMs).toFixed(1)} ms/user) the speed-up is ${f.speedupUnscaled.toFixed(2)}× ${verdict(f.speedupUnscaled >= SPEEDUP_GOAL)}`,
  );
}

function throttleLines(s: Scenario, f: Figures): void {
  const { job } = s;
  const t = job.traffic;
  print(
    `3. 429s: ${int(t.throttled)} of ${int(t.requests)} requests (${int(t.httpRequests)} HTTP + ${int(t.batchItems)} $batch items) = ${pct(t.throttled, t.requests)} ` +
      `(goal < 1 %) ${verdict(f.throttleShare < THROTTLE_GOAL)}; of invitations: ${int(t.throttledInvitations)} of ${int(t.invitations)}`,
  );
  const lag = job.stampLag;
  const spread = quantile(lag, 0.99) - quantile(lag, 0.01);
  print(
    `   stamp lag (emulator counted − engine sent, latency ${LATENCY_MS} included): p1 ${int(quantile(lag, 0.01))}, p50 ${int(quantile(lag, 0.5))}, ` +
      `p99 ${int(quantile(lag, 0.99))}, max ${int(quantile(lag, 1))} ms; p1–p99 spread ${int(spread)} ms vs pacing margin ${DEFAULT_RUNNER_CONFIG.invitationRate.marginMs} ms; ` +
      `emulator CPU ${(t.cpuMs / t.httpRequests).toFixed(1)} ms real per $batch (= ${int((s.scale * t.cpuMs) / t.httpRequests)} engine ms of queueing for the next one), ${Math.round(100 * t.cpuShare)} % of a core`,
  );
}

function readLines(s: Scenario, note: string): void {
  const goal = roundTripGoal(s.n);
  const pf = s.preflight;
  const rf = s.refresh;
  print(
    `4. Pre-flight of ${int(s.n)}: ${pf.roundTrips} Graph round trips (client sent ${pf.clientRequests}); goal ≤ ⌈N/300⌉ + 2 = ${goal} ${verdict(pf.roundTrips <= goal)}; ` +
      `${int(pf.eligible)} of ${int(s.n)} eligible${note}`,
  );
  print(`   Status refresh of ${int(s.n)}: ${rf.roundTrips} round trips (client sent ${rf.clientRequests}); goal ≤ ${goal} ${verdict(rf.roundTrips <= goal)}; ${int(rf.pendingAcceptance)} read back PendingAcceptance`);
}

function scenarioSection(s: Scenario, note: string): Figures {
  const f = figures(s);
  print();
  print(`── N = ${int(s.n)}, k = ${s.scale} (engine time = real × ${s.scale}; emulator latency ${LATENCY_MS / s.scale} ms real, window 5 s engine = ${5000 / s.scale} ms real) ──`);
  jobLines(s, f);
  sequentialLines(s, f);
  throttleLines(s, f);
  readLines(s, note);
  return f;
}

function memorySection(m: MemoryResult): void {
  print();
  print(`── 5. Memory: ${int(m.users)}-user job, in-memory store, flat-memory fake Graph (200 ms, 150/5 s), k = ${m.scale}, own process ──`);
  print(`   gc() ${m.gcAvailable ? 'available (--expose-gc)' : 'NOT available: live figures include garbage'}; job ${m.status}, ${int(m.done)} done in ${sec(m.engineMs)} engine (real ${sec(m.realMs)}; CPU-bound at this k, not a throughput figure)`);
  print(`   exactly once: ${int(m.invitedOnce)} invited once, ${int(m.invitedOther)} otherwise; ${int(m.throttled)} 429s`);
  print(`   heap baseline ${mb(m.baselineHeap)} (after GC, job created: the store already holds ${mb(m.storedBytesBefore)} of it)`);
  print(`   heap peak ${mb(m.peakHeap)} (heapUsed sampled every 5 ms, garbage included); peak live ${mb(m.peakLiveHeap)} (after forced GC, every 250 ms); after the job ${mb(m.afterHeap)}`);
  print(`   engine's own live heap above baseline, store bytes excluded: peak ${mb(m.peakEngineLive)}; chunk cache peak ${m.maxResidentChunks} of ${m.chunkCount} chunks (200 users each)`);
  print(
    `   stored: ${mb(m.storedBytes)} at the end (${int(m.storedBytes / m.users)} B/user); written during the run ${mb(m.bytesWritten)} in ${int(m.writes)} writes ` +
      `(${int(m.bytesWritten / m.users)} B/user, largest write ${int(m.maxBytesPerWrite / 1024)} KB: one state chunk + header, never the whole job)`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const rate = DEFAULT_RUNNER_CONFIG.invitationRate;
  print('B2B Convert for Entra — benchmark (production engine and Graph layer against the Graph emulator)');
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  print(`Machine: ${availableParallelism()} cores, load average ${load()} at start${(loadavg()[0] ?? 0) > 0.5 ? ' (other work is running: real-ms hiccups × k become engine-time noise)' : ''}.`);
  print(`Graph: emulator, ${LATENCY_MS} ms per round trip, 150 invitations per 5 s per tenant. All times in engine seconds (real × k).`);
  print(
    `Engine: DEFAULT_RUNNER_CONFIG — ${DEFAULT_RUNNER_CONFIG.concurrency} batches in flight, ${DEFAULT_RUNNER_CONFIG.batchSize} per $batch, ` +
      `pacing ${rate.limit} per ${rate.windowMs} ms + ${rate.marginMs} ms margin (ceiling ${((rate.limit * 1000) / (rate.windowMs + rate.marginMs)).toFixed(2)}/s).`,
  );

  // ---- N = 1,000: pre-flight → job → refresh on one emulator, then the sequential sample.
  const small = await startScenario(SMALL.n, SMALL.scale);
  let smallScenario: Scenario;
  try {
    const preflight = await runPreflight(small);
    const warm = await warmUp(small, preflight.redirectUrl);
    const job = await runJob(small, preflight.items, preflight.redirectUrl);
    const refresh = await runRefresh(small);
    smallScenario = { n: SMALL.n, scale: SMALL.scale, preflight, job, refresh, warm, sequential: await runSequential(SAMPLE, SMALL.scale) };
  } finally {
    await small.server.close();
  }
  const fSmall = scenarioSection(smallScenario, '; the job converts those');

  // ---- N = 10,000: the job first (timed, alone), the sequential sample, then the counting phases side by
  // side: the refresh on the job's emulator, the pre-flight on a fresh emulator with the same tenant, and
  // the memory run. (The emulator's reads cost O(tenant) CPU each, ~0.4 s per $batch at 10,000 users.)
  const large = await startScenario(LARGE.n, LARGE.scale);
  let largeScenario: Scenario;
  let memory: MemoryResult;
  try {
    const redirect = myAppsRedirectUrl('Global', TENANT_ID);
    const warm = await warmUp(large, redirect);
    const job = await runJob(large, reviewedItems(LARGE.n), redirect);
    const sequential = await runSequential(SAMPLE, LARGE.scale);
    const freshPreflight = async (): Promise<PreflightFigures> => {
      const fresh = await startScenario(LARGE.n, LARGE.scale);
      try {
        return await runPreflight(fresh);
      } finally {
        await fresh.server.close();
      }
    };
    const [refresh, preflight, mem] = await Promise.all([runRefresh(large), freshPreflight(), measureJobMemoryInChild(MEMORY.users, MEMORY.scale)]);
    memory = mem;
    largeScenario = { n: LARGE.n, scale: LARGE.scale, preflight, job, refresh, warm, sequential };
  } finally {
    await large.server.close();
  }
  const same = JSON.stringify(largeScenario.preflight.items) === JSON.stringify(reviewedItems(LARGE.n));
  const fLarge = scenarioSection(largeScenario, ` (on a fresh emulator with the same tenant, run after the job; its items are ${same ? 'identical to' : '!! NOT the same as'} the job's)`);
  memorySection(memory);

  // ---- Summary.
  const rt = (s: Scenario, r: { roundTrips: number }): string => `${r.roundTrips} ≤ ${roundTripGoal(s.n)} ${verdict(r.roundTrips <= roundTripGoal(s.n))}`;
  const both = (fn: (s: Scenario, f: Figures) => string): [string, string] => [fn(smallScenario, fSmall), fn(largeScenario, fLarge)];
  const once = (s: Scenario): string => `${int(s.job.invited.once)}/${int(s.n)} once`;
  print();
  print(`Summary (k = ${SMALL.scale} for 1,000, k = ${LARGE.scale} for 10,000; total real time ${sec(performance.now() - started)}; load average at the end ${load()})`);
  print(
    table([
      ['#', 'figure', 'goal', `N = ${int(SMALL.n)}`, `N = ${int(LARGE.n)}`],
      ['1', 'job time ÷ (N ÷ 30/s)', `≤ ${RATIO_GOAL}`, ...both((_, f) => `${f.ratio.toFixed(3)} ${verdict(f.ratio <= RATIO_GOAL)}`)],
      ['2', 'speed-up vs sequential loop', `≥ ${SPEEDUP_GOAL}×`, ...both((_, f) => `${f.speedup.toFixed(2)}× ${verdict(f.speedup >= SPEEDUP_GOAL)}`)],
      ['', '  same, loop overhead unscaled', `≥ ${SPEEDUP_GOAL}×`, ...both((_, f) => `${f.speedupUnscaled.toFixed(2)}× ${verdict(f.speedupUnscaled >= SPEEDUP_GOAL)}`)],
      ['3', '429s / requests', '< 1 %', ...both((s, f) => `${pct(s.job.traffic.throttled, s.job.traffic.requests)} ${verdict(f.throttleShare < THROTTLE_GOAL)}`)],
      ['4', 'round trips: pre-flight', '≤ ⌈N/300⌉+2', ...both((s) => rt(s, s.preflight))],
      ['', 'round trips: status refresh', '≤ ⌈N/300⌉+2', ...both((s) => rt(s, s.refresh))],
      ['', 'exactly once (emulator)', 'all', ...both((s) => once(s))],
      ['5', `heap, ${int(MEMORY.users)}-user job`, '(bounded)', `peak ${mb(memory.peakHeap)} / live ${mb(memory.peakLiveHeap)} / baseline ${mb(memory.baselineHeap)}`, `engine ${mb(memory.peakEngineLive)}; stored ${mb(memory.storedBytes)}`],
    ]),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
