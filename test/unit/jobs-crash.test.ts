// Crash at every store write of a run (three ways a write can be interrupted), then resume with a new
// runner over what was persisted: each user must be written exactly once and the job must complete.
import { describe, expect, it } from 'vitest';
import { countStored, listJobs, readHeader, SimulatedCrash, type CrashPlan, type JobItemInput } from '../../src/jobs';
import type { FakeUser } from '../support/jobs/fake-graph';
import { jobInput, jobItems, makeHarness, type Harness } from '../support/jobs/harness';

const N = 30;
const CONFIG = { concurrency: 2, batchSize: 7, readBatchSize: 5 };

function items(): JobItemInput[] {
  return jobItems(N).map((item, i) => ({ ...item, addToOtherMails: i % 3 === 0, setGuest: i % 3 !== 2 }));
}

async function setup(): Promise<Harness> {
  const h = makeHarness({ users: N, config: CONFIG });
  for (let i = 0; i < N; i += 3) (h.graph.users.get(`u${i}`) as FakeUser).mail = null;
  await h.runner.createJob(jobInput(items()), { chunkSize: 8 });
  h.store.resetStats();
  return h;
}

interface CrashReport {
  crashed: boolean;
  unknownApplied: number;
  unknownNotApplied: number;
  betweenSteps: number;
}

async function crashAndResume(plan: CrashPlan | undefined): Promise<CrashReport> {
  const h = await setup();
  if (plan) h.store.crashAt(plan);
  let crashed = false;
  try {
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
  } catch (error) {
    expect(error).toBeInstanceOf(SimulatedCrash);
    crashed = true;
  }
  const report: CrashReport = { crashed, unknownApplied: 0, unknownNotApplied: 0, betweenSteps: 0 };
  const runner = h.restart(CONFIG);
  // Classify what the dead worker left behind.
  const left = await runner.readItems('job1', { limit: 1000 });
  for (const item of left.items) {
    const kind = item.status === 'addingEmail' ? 'addEmail' : item.status === 'inviting' ? 'invite' : item.status === 'settingType' ? 'setType' : undefined;
    if (item.outcomeUnknown && kind) {
      if (h.graph.count(item.userId, kind) > 0) report.unknownApplied += 1;
      else report.unknownNotApplied += 1;
    } else if (item.status === 'settingType' && item.invited) report.betweenSteps += 1;
  }
  // (A crash on the very last write may leave the job already completed: then there is nothing to resume.)
  await h.drive(runner.resumeAll());
  const header = await readHeader(h.store, 'job1');
  expect(header.status).toBe('completed');
  expect(header.counters.done).toBe(N);
  // The header counters agree with the item states (torn writes are repaired by recounting).
  expect(header.counters).toEqual(await countStored(h.store, 'job1'));
  items().forEach((item, i) => {
    const id = item.userId;
    expect(h.graph.count(id, 'invite'), `${id} invite`).toBe(1);
    expect(h.graph.count(id, 'setType'), `${id} setType`).toBe(item.setGuest ? 1 : 0);
    expect(h.graph.count(id, 'addEmail'), `${id} addEmail`).toBe(i % 3 === 0 ? 1 : 0);
    const user = h.graph.users.get(id) as FakeUser;
    expect(user.externalUserState).toBe('PendingAcceptance');
    if (item.addToOtherMails) expect(user.otherMails).toEqual([item.email]);
  });
  return report;
}

describe('crash at every write', () => {
  it('never loses, repeats or invents a write, whatever write the worker dies at', async () => {
    const reference = await setup();
    await reference.drive(reference.runner.run('job1'));
    const writes = reference.store.stats.writes;
    expect(writes).toBeGreaterThan(10);
    const totals = { crashes: 0, unknownApplied: 0, unknownNotApplied: 0, betweenSteps: 0 };
    for (const mode of ['before', 'torn', 'torn-last', 'after'] as const) {
      for (let k = 1; k <= writes; k++) {
        const report = await crashAndResume({ atWrite: k, mode });
        if (report.crashed) totals.crashes += 1;
        totals.unknownApplied += report.unknownApplied;
        totals.unknownNotApplied += report.unknownNotApplied;
        totals.betweenSteps += report.betweenSteps;
      }
    }
    expect(totals.crashes).toBe(writes * 4);
    // The sweep really went through the interesting crash points:
    // after send, answer not persisted — write applied (verify → no re-send) …
    expect(totals.unknownApplied).toBeGreaterThan(0);
    // … and write not applied (verify → re-send);
    expect(totals.unknownNotApplied).toBeGreaterThan(0);
    // and after an answer was persisted, before the next step started.
    expect(totals.betweenSteps).toBeGreaterThan(0);
  }, 120_000);

  it('survives a second crash while resuming from the first', async () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % n);
    };
    for (let trial = 0; trial < 40; trial++) {
      const h = await setup();
      h.store.crashAt({ atWrite: rand(40), mode: 'after' });
      await h.drive(h.runner.run('job1')).catch((error: unknown) => expect(error).toBeInstanceOf(SimulatedCrash));
      let runner = h.restart(CONFIG);
      h.store.crashAt({ atWrite: rand(30), mode: trial % 2 ? 'before' : 'torn-last' });
      await h.drive(runner.resumeAll()).catch((error: unknown) => expect(error).toBeInstanceOf(SimulatedCrash));
      runner = h.restart(CONFIG);
      await h.drive(runner.resumeAll());
      const header = await readHeader(h.store, 'job1');
      expect(header.status).toBe('completed');
      expect(header.counters).toEqual(await countStored(h.store, 'job1'));
      for (const item of items()) {
        expect(h.graph.count(item.userId, 'invite')).toBe(1);
        expect(h.graph.count(item.userId, 'setType')).toBe(item.setGuest ? 1 : 0);
      }
    }
  }, 60_000);

  it('crash before the first send: nothing was sent, the new worker sends everything once', async () => {
    const h = await setup();
    h.store.crashAt({ atWrite: 1, mode: 'before' });
    await expect(h.drive(h.runner.run('job1'))).rejects.toBeInstanceOf(SimulatedCrash);
    expect(h.graph.batchCalls).toBe(0);
    const runner = h.restart(CONFIG);
    await h.drive(runner.resumeAll());
    for (const item of items()) expect(h.graph.count(item.userId, 'invite')).toBe(1);
  });

  it('crash while creating a job leaves either no job or a whole one', async () => {
    for (let k = 1; k <= 12; k++) {
      const h = makeHarness({ users: N, config: CONFIG });
      h.store.crashAt({ atWrite: k, mode: 'before' });
      const created = await h.runner.createJob(jobInput(items()), { chunkSize: 8 }).then(
        () => true,
        (error: unknown) => (expect(error).toBeInstanceOf(SimulatedCrash), false),
      );
      const runner = h.restart(CONFIG);
      const jobs = await listJobs(h.store);
      expect(jobs.length).toBe(created ? 1 : 0);
      await h.drive(runner.resumeAll());
      const sent = h.graph.writes.filter((w) => w.kind === 'invite').length;
      expect(sent).toBe(created ? N : 0);
    }
  });
});
