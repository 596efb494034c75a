import { describe, expect, it } from 'vitest';
import { JobBusyError } from '../../src/jobs';
import type { FakeUser } from '../support/jobs/fake-graph';
import { jobInput, jobItems, makeHarness, type Harness } from '../support/jobs/harness';
import type { JobHeader } from '../../src/jobs';

function ids(n: number): string[] {
  return jobItems(n).map((i) => i.userId);
}

function expectInvitedOnce(h: Harness, userIds: string[]): void {
  for (const id of userIds) expect(h.graph.count(id, 'invite'), id).toBe(1);
}

/** Calls `action` once, the first time progress satisfies `when`. */
function once(h: Harness, when: (done: number) => boolean, action: () => void): void {
  let fired = false;
  h.runner.onProgress((p) => {
    if (!fired && when(p.done)) {
      fired = true;
      action();
    }
  });
}

describe('pause / resume', () => {
  it('pauses between batches, sends nothing while paused, resumes to completion', async () => {
    const h = makeHarness({ users: 300 });
    await h.runner.createJob(jobInput(jobItems(300)));
    let pausing: Promise<JobHeader> | undefined;
    once(h, (done) => done >= 40, () => (pausing = h.runner.pause('job1')));
    const paused = await h.drive(h.runner.run('job1'));
    expect(paused.status).toBe('paused');
    expect((await pausing)?.status).toBe('paused');
    expect(paused.counters.unknown).toBe(0);
    expect(paused.counters.done).toBeGreaterThanOrEqual(40);
    expect(paused.counters.done).toBeLessThan(300);
    const calls = h.graph.batchCalls;
    h.clock.advance(600_000);
    expect(h.graph.batchCalls).toBe(calls);
    // A paused job stays paused across a worker restart.
    h.restart();
    expect(await h.drive(h.runner.resumeAll())).toEqual([]);
    const header = await h.drive(h.runner.resume('job1'));
    expect(header.status).toBe('completed');
    expect(header.counters.done).toBe(300);
    expectInvitedOnce(h, ids(300));
  });

  it('pause of a job that is not running just records it', async () => {
    const h = makeHarness({ users: 5 });
    await h.runner.createJob(jobInput(jobItems(5)));
    expect((await h.runner.pause('job1')).status).toBe('paused');
    expect((await h.drive(h.runner.run('job1'))).status).toBe('paused');
    expect(h.graph.batchCalls).toBe(0);
  });
});

describe('resume on a job that is working', () => {
  it('is a no-op that resolves with the same completion', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    const running = h.runner.run('job1');
    const resumed = h.runner.resume('job1');
    const [a, b] = await h.drive(Promise.all([running, resumed]));
    expect(a.status).toBe('completed');
    expect(b.status).toBe('completed');
    expectInvitedOnce(h, ids(100));
  });
});

describe('cancel', () => {
  it('cancel while offline: nothing more is sent; the job ends cancelled once unknowns are verified online', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    let cancelling: Promise<JobHeader> | undefined;
    h.graph.fault = (_req, ctx) => {
      if (ctx.batchNo === 2 && !cancelling) {
        h.graph.setOnline(false); // this batch is answered, the ones after it are cut
        cancelling = h.runner.cancel('job1');
        void h.clock.sleep(30_000).then(() => h.graph.setOnline(true));
      }
      return undefined;
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('cancelled');
    expect(header.counters.unknown).toBe(0);
    expect(header.counters.done + header.counters.cancelled).toBe(100);
    const { items } = await h.runner.readItems('job1', { limit: 100 });
    for (const item of items) expect(h.graph.count(item.userId, 'invite')).toBe(item.status === 'done' ? 1 : 0);
  });

  it('stops before the next write; done stays done, the rest is cancelled', async () => {
    const h = makeHarness({ users: 300 });
    await h.runner.createJob(jobInput(jobItems(300)));
    let cancelling: Promise<JobHeader> | undefined;
    once(h, (done) => done >= 40, () => (cancelling = h.runner.cancel('job1')));
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('cancelled');
    expect((await cancelling)?.status).toBe('cancelled');
    const { done, cancelled, unknown } = header.counters;
    expect(done).toBeGreaterThanOrEqual(40);
    expect(done + cancelled).toBe(300);
    expect(unknown).toBe(0);
    const { items } = await h.runner.readItems('job1', { limit: 1000 });
    for (const item of items) expect(h.graph.count(item.userId, 'invite'), item.userId).toBe(item.status === 'done' ? 1 : 0);
    const calls = h.graph.batchCalls;
    h.clock.advance(600_000);
    expect(h.graph.batchCalls).toBe(calls);
  });

  it('verifies a write in flight at cancel time and reports what it did (converted, then cancelled)', async () => {
    const h = makeHarness({ users: 40 });
    await h.runner.createJob(jobInput(jobItems(40, { setGuest: true })));
    let cancelling: Promise<JobHeader> | undefined;
    h.graph.fault = (_req, ctx) => {
      if (ctx.userId !== 'u5' || ctx.kind !== 'invite') return undefined;
      cancelling = h.runner.cancel('job1');
      return { kind: 'applyThenDrop' };
    };
    const header = await h.drive(h.runner.run('job1'));
    await cancelling;
    expect(header.status).toBe('cancelled');
    expect(header.counters.unknown).toBe(0);
    const u5 = (await h.runner.readItems('job1', { offset: 5, limit: 1 })).items[0];
    expect(u5).toMatchObject({ status: 'cancelled', invited: true, userTypeSet: false, outcomeUnknown: false });
    // Everything invited is counted as converted, whatever its final status.
    const invited = [...h.graph.applied.values()].filter((c) => c.invite === 1).length;
    expect(header.counters.converted).toBe(invited);
    expect(h.graph.writes.filter((w) => w.kind === 'setType')).toEqual([]);
  });

  it('cancel of a paused job cancels what is left without sending', async () => {
    const h = makeHarness({ users: 10 });
    await h.runner.createJob(jobInput(jobItems(10)));
    await h.runner.pause('job1');
    const header = await h.drive(h.runner.cancel('job1'));
    expect(header).toMatchObject({ status: 'cancelled', counters: { cancelled: 10 } });
    expect(h.graph.batchCalls).toBe(0);
  });
});

describe('retryFailed', () => {
  it('re-runs only the failed items, as a new round', async () => {
    const h = makeHarness({ users: 50 });
    (h.graph.users.get('u1') as FakeUser).mail = null;
    (h.graph.users.get('u2') as FakeUser).mail = null;
    (h.graph.users.get('u3') as FakeUser).convertedExternalToInternal = true;
    await h.runner.createJob(jobInput(jobItems(50)));
    const first = await h.drive(h.runner.run('job1'));
    expect(first.counters).toMatchObject({ done: 47, failed: 2, blocked: 1 });
    (h.graph.users.get('u1') as FakeUser).mail = 'user1@fabrikam.example';
    (h.graph.users.get('u2') as FakeUser).mail = 'user2@fabrikam.example';
    const before = h.graph.batchCalls;
    const writesBefore = h.graph.writes.length;
    const header = await h.drive(h.runner.retryFailed('job1'));
    expect(header).toMatchObject({ status: 'completed', round: 1, counters: { done: 49, failed: 0, blocked: 1 } });
    expect(h.graph.batchCalls - before).toBe(1);
    expect(h.graph.writes.slice(writesBefore).map((w) => w.userId).sort()).toEqual(['u1', 'u2']);
    const { items } = await h.runner.readItems('job1', { filter: { status: ['done'] }, limit: 100 });
    expect(items.filter((i) => i.round === 1).map((i) => i.userId).sort()).toEqual(['u1', 'u2']);
    expect(h.graph.count('u3', 'invite')).toBe(0);
  });

  it('does not redo steps already applied (otherMails added, then the invitation failed)', async () => {
    const h = makeHarness({ users: 2, emailOnUser: false });
    await h.runner.createJob(jobInput(jobItems(2, { addToOtherMails: true })));
    h.graph.fault = (_req, ctx) =>
      ctx.userId === 'u0' && ctx.kind === 'invite' && ctx.nth === 1
        ? { kind: 'respond', status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }
        : undefined;
    const first = await h.drive(h.runner.run('job1'));
    expect(first.counters).toMatchObject({ done: 1, failed: 1 });
    const failed = (await h.runner.readItems('job1', { filter: { status: ['failed'] } })).items[0];
    expect(failed).toMatchObject({ userId: 'u0', emailAdded: true, invited: false, reason: { code: 'Authorization_RequestDenied' } });
    const header = await h.drive(h.runner.retryFailed('job1'));
    expect(header.counters.done).toBe(2);
    expect(h.graph.count('u0', 'addEmail')).toBe(1);
    expect(h.graph.count('u0', 'invite')).toBe(1);
  });

  it('is refused while the job runs', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    const running = h.runner.run('job1');
    await expect(h.runner.retryFailed('job1')).rejects.toBeInstanceOf(JobBusyError);
    await h.drive(running);
  });
});

describe('offline and shutdown', () => {
  it('pauses offline (nothing sent), resumes by itself when back online', async () => {
    const h = makeHarness({ users: 300 });
    await h.runner.createJob(jobInput(jobItems(300)));
    let offlineAt = 0;
    h.graph.fault = (_req, ctx) => {
      if (ctx.batchNo === 4 && offlineAt === 0) {
        offlineAt = h.clock.now();
        h.graph.setOnline(false);
        void h.clock.sleep(60_000).then(() => h.graph.setOnline(true));
      }
      return undefined;
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(h.progress.some((p) => p.status === 'paused-offline')).toBe(true);
    expect(h.graph.writes.filter((w) => w.at > offlineAt && w.at < offlineAt + 60_000)).toEqual([]);
    expectInvitedOnce(h, ids(300));
  });

  it('notices the network is back by itself when no online event arrives (workers do not always get one)', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    h.graph.fault = (_req, ctx) => {
      if (ctx.batchNo === 2) {
        h.graph.setOnline(false);
        // Back online 30 s later, silently: only isOnline() says so.
        void h.clock.sleep(30_000).then(() => {
          (h.graph as unknown as { online: boolean }).online = true;
        });
      }
      return undefined;
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(h.progress.some((p) => p.status === 'paused-offline')).toBe(true);
    expectInvitedOnce(h, ids(100));
  });

  it('an aborted run leaves the job running; a new worker resumes it (resumeAll)', async () => {
    const h = makeHarness({ users: 300 });
    await h.runner.createJob(jobInput(jobItems(300)));
    const stop = new AbortController();
    once(h, (done) => done >= 60, () => stop.abort());
    const stopped = await h.drive(h.runner.run('job1', stop.signal));
    expect(stopped.status).toBe('running');
    expect(stopped.counters.done).toBeLessThan(300);
    h.restart();
    const [header] = await h.drive(h.runner.resumeAll());
    expect(header?.status).toBe('completed');
    expectInvitedOnce(h, ids(300));
  });

  it('pauses when users cannot be read to verify, and finishes after resume', async () => {
    const h = makeHarness({ users: 10, config: { maxReadFailures: 3 } });
    await h.runner.createJob(jobInput(jobItems(10)));
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u4' && ctx.nth === 1 ? { kind: 'applyThenDrop' } : undefined);
    h.graph.readFault = () => true;
    const paused = await h.drive(h.runner.run('job1'));
    expect(paused).toMatchObject({ status: 'paused', pauseReason: { code: 'VerifyUnavailable' }, counters: { unknown: 1, done: 9 } });
    h.graph.readFault = undefined;
    const header = await h.drive(h.runner.resume('job1'));
    expect(header.counters.done).toBe(10);
    expect(h.graph.count('u4', 'invite')).toBe(1);
  });

  it('a job whose items are all blocked completes without sending', async () => {
    const h = makeHarness({ users: 1 });
    const input = jobInput(jobItems(1, { userPrincipalName: 'admin@contoso.example' }));
    await h.runner.createJob(input);
    const header = await h.drive(h.runner.run('job1'));
    expect(header).toMatchObject({ status: 'completed', counters: { blocked: 1 } });
    expect(h.graph.batchCalls).toBe(0);
  });
});
