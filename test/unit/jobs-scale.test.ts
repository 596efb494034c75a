// Scale and pacing: a 50,000-user job with bounded writes and memory, and the tenant invitation limit.
import { describe, expect, it } from 'vitest';
import { keys } from '../../src/jobs/schema';
import { jobInput, jobItems, makeHarness, type Harness } from '../support/jobs/harness';

interface ScaleRun {
  h: Harness;
  bytes: number;
  writes: number;
  maxResident: number;
  maxActive: number;
}

async function bigJob(n: number): Promise<ScaleRun> {
  const h = makeHarness({ users: n, graph: { latencyMs: 200, inviteLimit: { limit: 150, windowMs: 5_000 } } });
  // Every tenth user also gets userType Guest: two kinds of writes, two steps per item.
  await h.runner.createJob(jobInput(jobItems(n).map((item, i) => ({ ...item, setGuest: i % 10 === 0 }))));
  h.store.resetStats();
  const header = keys.header('job1');
  const statesPrefix = `${keys.states('job1', 0).slice(0, -1)}`;
  let maxResident = 0;
  let maxActive = 0;
  h.store.onWrite = ({ keys: written }) => {
    // Never more than the header plus one chunk of item states per write.
    const chunks = written.filter((k) => k.startsWith(statesPrefix));
    const others = written.filter((k) => !k.startsWith(statesPrefix));
    if (chunks.length > 1 || others.some((k) => k !== header)) throw new Error(`write too wide: ${written.join(', ')}`);
    const d = h.runner.diagnostics('job1');
    if (d) {
      maxResident = Math.max(maxResident, d.maxResidentChunks);
      maxActive = Math.max(maxActive, d.activeItems);
    }
  };
  const done = await h.drive(h.runner.run('job1'));
  expect(done.status).toBe('completed');
  expect(done.counters.done).toBe(n);
  return { h, bytes: h.store.stats.bytesWritten, writes: h.store.stats.writes, maxResident, maxActive };
}

describe('50,000-user job', () => {
  it('completes, each user invited exactly once, with bounded writes, memory and linear bytes', async () => {
    const small = await bigJob(5_000);
    const big = await bigJob(50_000);
    const { h } = big;
    for (let i = 0; i < 50_000; i++) {
      const id = `u${i}`;
      if (h.graph.count(id, 'invite') !== 1) throw new Error(`${id} invited ${h.graph.count(id, 'invite')} times`);
      if (h.graph.count(id, 'setType') !== (i % 10 === 0 ? 1 : 0)) throw new Error(`${id} setType count wrong`);
    }
    expect(h.graph.throttled).toBe(0);
    // One write holds at most the header and one chunk: a few KB, whatever the job size.
    expect(h.store.stats.maxKeysPerWrite).toBeLessThanOrEqual(2);
    // Header + one chunk of 200 item states, each with its invitation receipt (redeem link, request id).
    expect(h.store.stats.maxBytesPerWrite).toBeLessThan(24_000);
    // Linear: bytes and writes per user do not grow with the job (10x the users ≈ 10x the bytes).
    const perUserSmall = small.bytes / 5_000;
    const perUserBig = big.bytes / 50_000;
    expect(perUserBig / perUserSmall).toBeLessThan(1.15);
    expect(big.writes / 50_000).toBeLessThan(0.5);
    // Bounded memory: a handful of chunks and a bounded working set, not 250 chunks and 50,000 items.
    expect(big.maxResident).toBeLessThanOrEqual(12);
    expect(big.maxActive).toBeLessThanOrEqual(400 + 200);
    // ~175 bytes a user, receipts included (the manifest asks for unlimitedStorage: real redeem links are longer).
    expect(h.store.size()).toBeLessThan(10_000_000);
    // At the invitation ceiling: 50,000 invitations take at least 50,000 / 30 s.
    const elapsed = (big.h.clock.now() - (big.h.progress.find((p) => p.startedAt)?.startedAt ?? 0)) / 1000;
    expect(elapsed).toBeGreaterThan(50_000 / 30);
    expect(elapsed).toBeLessThan(50_000 / 25);
  }, 120_000);
});

describe('pacing', () => {
  function maxInWindow(times: number[], windowMs: number): number {
    const sorted = [...times].sort((a, b) => a - b);
    let max = 0;
    let lo = 0;
    for (let hi = 0; hi < sorted.length; hi++) {
      while ((sorted[hi] ?? 0) - (sorted[lo] ?? 0) >= windowMs) lo++;
      max = Math.max(max, hi - lo + 1);
    }
    return max;
  }

  it('never sends more than 150 invitations in any 5 s window, and no 429 happens', async () => {
    const h = makeHarness({ users: 1_000, config: { concurrency: 6 }, graph: { latencyMs: 300, inviteLimit: { limit: 150, windowMs: 5_000 } } });
    await h.runner.createJob(jobInput(jobItems(1_000)));
    await h.drive(h.runner.run('job1'));
    const times = h.graph.writes.filter((w) => w.kind === 'invite').map((w) => w.at);
    expect(times.length).toBe(1_000);
    expect(maxInWindow(times, 5_000)).toBeLessThanOrEqual(150);
    expect(h.graph.throttled).toBe(0);
    // …while staying close to the ceiling (30/s minus the safety margin).
    const seconds = (Math.max(...times) - Math.min(...times)) / 1000;
    expect(1_000 / seconds).toBeGreaterThan(25);
  });

  it('two jobs of the same tenant share the limit', async () => {
    const h = makeHarness({ users: 600, graph: { latencyMs: 300, inviteLimit: { limit: 150, windowMs: 5_000 } } });
    await h.runner.createJob(jobInput(jobItems(300), 'jobA'));
    await h.runner.createJob(jobInput(jobItems(300, {}, 300), 'jobB'));
    const results = await h.drive(h.runner.resumeAll());
    expect(results.map((r) => r.status)).toEqual(['completed', 'completed']);
    const times = h.graph.writes.filter((w) => w.kind === 'invite').map((w) => w.at);
    expect(maxInWindow(times, 5_000)).toBeLessThanOrEqual(150);
    expect(h.graph.throttled).toBe(0);
  });

  it('progress carries an estimate of the time left, from header counters', async () => {
    const h = makeHarness({ users: 600 });
    await h.runner.createJob(jobInput(jobItems(600)));
    await h.drive(h.runner.run('job1'));
    const mid = h.progress.find((p) => p.status === 'running' && p.done >= 300);
    expect(mid?.etaMs).toBeGreaterThan(0);
    // ≈ 300 users left at ≤ 30/s → about 10 s or more.
    expect(mid?.etaMs).toBeGreaterThanOrEqual(9_000);
    expect(mid?.etaMs).toBeLessThan(20_000);
    expect(mid).toMatchObject({ total: 600, remaining: 600 - (mid?.done ?? 0) });
  });
});
