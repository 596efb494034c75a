// Transitions into and out of `waiting-for-sign-in`: a job that cannot get a token without the admin stops
// sending, marks nobody failed, keeps writes of unknown outcome as "verifying", and continues exactly once after the
// admin signs in — through pause, cancel, a worker restart and a second tenant's sign-in.
import { describe, expect, it } from 'vitest';
import { progressOf, readHeader, type JobHeader, type Reason } from '../../src/jobs';
import { decodeHeader, encodeHeader } from '../../src/jobs/schema';
import { jobInput, jobItems, makeHarness, type Harness } from '../support/jobs/harness';

const SESSION_ENDED: Reason = { status: 0, code: 'AADSTS50058', message: 'Your sign-in session has ended. Sign in again to continue.' };

function ids(n: number): string[] {
  return jobItems(n).map((i) => i.userId);
}

/** Every item's state agrees with what the directory has: done ⇒ applied once, not started ⇒ never applied. */
async function expectMatchesDirectory(h: Harness, n: number): Promise<{ done: number; verifying: number; applied: number }> {
  const { items } = await h.runner.readItems('job1', { offset: 0, limit: n });
  let done = 0;
  let verifying = 0;
  for (const item of items) {
    const applied = h.graph.count(item.userId, 'invite');
    if (item.outcomeUnknown) verifying += 1;
    else if (item.status === 'done') {
      done += 1;
      expect(applied, item.userId).toBe(1);
    } else expect(applied, item.userId).toBe(0);
    expect(item.status).not.toBe('failed');
  }
  const applied = items.filter((i) => h.graph.count(i.userId, 'invite') > 0).length;
  return { done, verifying, applied };
}

/** Runs the job until its second batch is being answered, then the session ends (that batch's answer is lost). */
async function runUntilSessionEnds(h: Harness, cutBatch = 2): Promise<JobHeader> {
  h.graph.fault = (_req, ctx) => {
    if (ctx.batchNo !== cutBatch) return undefined;
    h.graph.signInNeeded = SESSION_ENDED;
    return { kind: 'applyThenCut' };
  };
  const header = await h.drive(h.runner.run('job1'));
  h.graph.fault = undefined;
  return header;
}

describe('into waiting-for-sign-in', () => {
  it('no token for the first write: waits, sends nothing, marks nobody failed, shows no time left', async () => {
    const h = makeHarness({ users: 50 });
    await h.runner.createJob(jobInput(jobItems(50)));
    h.graph.signInNeeded = SESSION_ENDED;
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('waiting-for-sign-in');
    expect(header.pauseReason).toEqual(SESSION_ENDED);
    expect(header.counters).toMatchObject({ queued: 50, failed: 0, done: 0, unknown: 0 });
    expect(h.graph.batchCalls).toBe(0);
    expect(h.progress.at(-1)).toMatchObject({ status: 'waiting-for-sign-in', remaining: 50 });
    expect(h.progress.at(-1)?.etaMs).toBeUndefined();
    // It stays put: time passing sends nothing and asks for no token again.
    const refused = h.graph.refusedForSignIn;
    h.clock.advance(600_000);
    expect(h.graph.refusedForSignIn).toBe(refused);
  });

  it('mid-job: what Graph answered is done, the lost answers are "verifying", the rest untouched', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    const header = await runUntilSessionEnds(h);
    expect(header.status).toBe('waiting-for-sign-in');
    const seen = await expectMatchesDirectory(h, 100);
    expect(seen.verifying).toBeGreaterThan(0);
    expect(header.counters.unknown).toBe(seen.verifying);
    expect(header.counters.done).toBe(seen.done);
    // Every user Graph converted is either done or verifying: nothing it has is shown as not started.
    expect(seen.done + seen.verifying).toBeGreaterThanOrEqual(seen.applied);
  });

  it('a 401 whose renewal needs the admin waits with the authority\'s reason', async () => {
    const h = makeHarness({ users: 30 });
    await h.runner.createJob(jobInput(jobItems(30)));
    h.graph.tokenValid = false;
    h.graph.fault = (_req, ctx) => {
      if (ctx.batchNo === 1) h.graph.signInNeeded = SESSION_ENDED; // the renewal after this 401 fails
      return undefined;
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header).toMatchObject({ status: 'waiting-for-sign-in', pauseReason: { code: 'AADSTS50058' }, counters: { failed: 0, done: 0 } });
  });

  it('while offline first: paused-offline, then waiting once online without a token', async () => {
    const h = makeHarness({ users: 20 });
    await h.runner.createJob(jobInput(jobItems(20)));
    h.graph.setOnline(false);
    h.graph.signInNeeded = SESSION_ENDED;
    const run = h.runner.run('job1');
    await h.drive(Promise.resolve());
    h.clock.advance(5_000);
    h.graph.setOnline(true);
    const header = await h.drive(run);
    expect(h.progress.some((p) => p.status === 'paused-offline')).toBe(true);
    expect(header.status).toBe('waiting-for-sign-in');
  });
});

describe('out of waiting-for-sign-in', () => {
  it('after the sign-in the job continues once: verifies the lost answers, converts everyone exactly once', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    await runUntilSessionEnds(h);
    h.graph.signInNeeded = undefined;
    const [first, second] = await h.drive(Promise.all([h.runner.resumeAfterSignIn(), h.runner.resumeAfterSignIn()]));
    expect(first?.[0]?.status).toBe('completed');
    // The second call found nothing waiting any more (or joined the same run): one continuation.
    expect(second?.every((j) => j.status === 'completed')).toBe(true);
    for (const id of ids(100)) expect(h.graph.count(id, 'invite'), id).toBe(1);
    const header = await readHeader(h.store, 'job1');
    expect(header.pauseReason).toBeUndefined();
    expect(header.counters).toMatchObject({ done: 100, failed: 0, unknown: 0 });
  });

  it('survives a worker restart: start-up does not run a waiting job; the sign-in does', async () => {
    const h = makeHarness({ users: 80 });
    await h.runner.createJob(jobInput(jobItems(80)));
    await runUntilSessionEnds(h);
    h.restart();
    expect(await h.drive(h.runner.resumeAll())).toEqual([]);
    expect((await readHeader(h.store, 'job1')).status).toBe('waiting-for-sign-in');
    h.graph.signInNeeded = undefined;
    const [header] = await h.drive(h.runner.resumeAfterSignIn('TENANT-1'));
    expect(header?.status).toBe('completed');
    for (const id of ids(80)) expect(h.graph.count(id, 'invite'), id).toBe(1);
  });

  it('a sign-in to another tenant leaves the job waiting', async () => {
    const h = makeHarness({ users: 10 });
    await h.runner.createJob(jobInput(jobItems(10)));
    h.graph.signInNeeded = SESSION_ENDED;
    await h.drive(h.runner.run('job1'));
    h.graph.signInNeeded = undefined;
    expect(await h.drive(h.runner.resumeAfterSignIn('other-tenant'))).toEqual([]);
    expect((await readHeader(h.store, 'job1')).status).toBe('waiting-for-sign-in');
  });

  it('resume while the admin has still not signed in goes back to waiting, nobody failed', async () => {
    const h = makeHarness({ users: 10 });
    await h.runner.createJob(jobInput(jobItems(10)));
    h.graph.signInNeeded = SESSION_ENDED;
    await h.drive(h.runner.run('job1'));
    const again = await h.drive(h.runner.resume('job1'));
    expect(again).toMatchObject({ status: 'waiting-for-sign-in', counters: { failed: 0, queued: 10 } });
  });

  it('pause while waiting: paused (the admin\'s choice); resume after the sign-in completes', async () => {
    const h = makeHarness({ users: 40 });
    await h.runner.createJob(jobInput(jobItems(40)));
    await runUntilSessionEnds(h);
    const paused = await h.runner.pause('job1');
    expect(paused.status).toBe('paused');
    expect(paused.pauseReason).toBeUndefined();
    // A paused job is not continued by a sign-in: the admin paused it.
    h.graph.signInNeeded = undefined;
    expect(await h.drive(h.runner.resumeAfterSignIn())).toEqual([]);
    const header = await h.drive(h.runner.resume('job1'));
    expect(header.status).toBe('completed');
    for (const id of ids(40)) expect(h.graph.count(id, 'invite'), id).toBe(1);
  });

  it('cancel while waiting: not-started users are cancelled at once; lost answers are verified after the sign-in', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    await runUntilSessionEnds(h);
    const before = await readHeader(h.store, 'job1');
    expect(before.counters.unknown).toBeGreaterThan(0);
    const waiting = await h.drive(h.runner.cancel('job1'));
    // The unknown outcomes need a read, which needs a token: still waiting, the cancel remembered.
    expect(waiting).toMatchObject({ status: 'waiting-for-sign-in', cancelRequested: true, counters: { queued: 0, failed: 0, unknown: before.counters.unknown } });
    expect(waiting.counters.cancelled).toBe(100 - before.counters.done - before.counters.unknown);
    // Pause does not undo a cancel.
    expect((await h.runner.pause('job1')).status).toBe('waiting-for-sign-in');
    const writes = h.graph.writes.length;
    h.graph.signInNeeded = undefined;
    const [header] = await h.drive(h.runner.resumeAfterSignIn());
    expect(header).toMatchObject({ status: 'cancelled', counters: { unknown: 0, failed: 0 } });
    expect(header?.cancelRequested).toBeUndefined();
    expect(h.graph.writes.length).toBe(writes); // verified by reading; nothing sent again
    const seen = await expectMatchesDirectory(h, 100);
    expect(seen.done).toBe(seen.applied);
  });

  it('cancel while waiting with nothing unknown ends cancelled without any Graph call', async () => {
    const h = makeHarness({ users: 10 });
    await h.runner.createJob(jobInput(jobItems(10)));
    h.graph.signInNeeded = SESSION_ENDED;
    await h.drive(h.runner.run('job1'));
    const reads = h.graph.reads.length;
    const header = await h.drive(h.runner.cancel('job1'));
    expect(header).toMatchObject({ status: 'cancelled', counters: { cancelled: 10 } });
    expect(h.graph.reads.length).toBe(reads);
    expect(h.graph.batchCalls).toBe(0);
  });
});

describe('waiting-for-sign-in in storage and progress', () => {
  it('round-trips through the header schema with the remembered cancel', () => {
    const header: JobHeader = {
      v: 1, id: 'j', tenantId: 't', ranBy: 'a', createdAt: 1, total: 2, chunkSize: 200, chunkCount: 1,
      status: 'waiting-for-sign-in', pauseReason: SESSION_ENDED, cancelRequested: true,
      counters: { queued: 1, addingEmail: 0, inviting: 1, settingType: 0, convertingToInternal: 0, done: 0, failed: 0, blocked: 0, cancelled: 0, unknown: 1, converted: 0, notStarted: 0 },
      updatedAt: 2, round: 0,
    };
    expect(decodeHeader(JSON.parse(JSON.stringify(encodeHeader(header))), 'h')).toEqual(header);
    const progress = progressOf(header, 10, undefined, 30);
    expect(progress).toMatchObject({ status: 'waiting-for-sign-in', unknown: 1, remaining: 2 });
    expect(progress.etaMs).toBeUndefined();
    expect(progressOf({ ...header, status: 'running' }, 10, undefined, 30).etaMs).toBe(67);
  });
});
