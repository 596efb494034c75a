// A job's status says what happened: a pause or cancel that lands while the last writes are in flight does
// not leave a "paused" job with nothing to resume, nor a "cancelled" job in which nobody was cancelled.
import { describe, expect, it } from 'vitest';
import type { JobHeader } from '../../src/jobs';
import { decodeHeader, encodeHeader, keys } from '../../src/jobs/schema';
import { jobInput, jobItems, makeHarness } from '../support/jobs/harness';

describe('control requests that arrive while the last batch is in flight', () => {
  it('a pause reports the requests in flight, then the job finishes (nothing left to resume)', async () => {
    const h = makeHarness({ users: 20 });
    await h.runner.createJob(jobInput(jobItems(20)));
    let pausing: Promise<JobHeader> | undefined;
    h.graph.fault = () => {
      pausing ??= h.runner.pause('job1');
      return undefined;
    };
    const end = await h.drive(h.runner.run('job1'));
    expect(end.status).toBe('completed');
    expect((await pausing)?.status).toBe('completed');
    expect(end.counters.done).toBe(20);
    // While the batch was out, progress said "paused" with 20 users in flight, then completed with none.
    const pausingProgress = h.progress.find((p) => p.status === 'paused');
    expect(pausingProgress?.inFlight).toBe(20);
    expect(h.progress.at(-1)).toMatchObject({ status: 'completed', inFlight: 0, remaining: 0 });
  });

  it('a cancel after the last write finishes the job as completed, with nobody "not started"', async () => {
    const h = makeHarness({ users: 20 });
    await h.runner.createJob(jobInput(jobItems(20)));
    let cancelling: Promise<JobHeader> | undefined;
    h.graph.fault = () => {
      cancelling ??= h.runner.cancel('job1');
      return undefined;
    };
    const end = await h.drive(h.runner.run('job1'));
    expect(end.status).toBe('completed');
    expect((await cancelling)?.status).toBe('completed');
    expect(end.counters).toMatchObject({ done: 20, cancelled: 0, notStarted: 0, converted: 20 });
    expect(h.progress.find((p) => p.status === 'cancelling')?.inFlight).toBe(20);
  });

  it('a cancel mid-job counts the converted and the not started apart', async () => {
    const h = makeHarness({ users: 100 });
    await h.runner.createJob(jobInput(jobItems(100)));
    let cancelling: Promise<JobHeader> | undefined;
    h.graph.fault = (_request, context) => {
      if (context.batchNo === 2) cancelling ??= h.runner.cancel('job1');
      return undefined;
    };
    const end = await h.drive(h.runner.run('job1'));
    await cancelling;
    expect(end.status).toBe('cancelled');
    expect(end.counters.converted).toBe(end.counters.done);
    expect(end.counters.notStarted).toBe(end.counters.cancelled);
    expect(end.counters.done + end.counters.notStarted).toBe(100);
    expect(end.counters.notStarted).toBeGreaterThan(0);
  });

  it('a stored paused job with nothing left (older versions) ends as completed when it is opened, paused or cancelled', async () => {
    for (const action of ['run', 'pause', 'cancel'] as const) {
      const h = makeHarness({ users: 5 });
      await h.runner.createJob(jobInput(jobItems(5)));
      await h.drive(h.runner.run('job1'));
      // Rewrite the finished job as the old engine left it: paused, everything done.
      const key = keys.header('job1');
      const stored = (await h.store.get([key]))[key];
      expect(stored, 'header key').toBeDefined();
      const header = decodeHeader(stored, 'h');
      header.status = 'paused';
      delete header.finishedAt;
      await h.store.set({ [key]: encodeHeader(header) });
      const after = await h.drive(action === 'run' ? h.runner.run('job1') : action === 'pause' ? h.runner.pause('job1') : h.runner.cancel('job1'));
      expect(after.status, action).toBe('completed');
      expect(after.finishedAt, action).toBeDefined();
    }
  });

  it('headers written before the not-started counter decode with it (every cancelled user not started)', () => {
    const old = {
      v: 1, id: 'j', tenantId: 't', ranBy: 'a', createdAt: 1, total: 3, chunkSize: 200, chunkCount: 1, status: 'cancelled', updatedAt: 2, round: 0,
      counters: { queued: 0, addingEmail: 0, inviting: 0, settingType: 0, done: 1, failed: 0, blocked: 0, cancelled: 2, unknown: 0, converted: 1 },
    };
    expect(decodeHeader(old, 'h').counters.notStarted).toBe(2);
  });
});
