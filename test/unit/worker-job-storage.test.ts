// Everything a job writes goes when the job goes: 50 jobs run through the worker's real services (jobs-service,
// job-followups) on in-memory storage, with their invitation states refreshed and a follow-up each; clearing the
// history leaves storage exactly as it was before the first job.
import { describe, expect, it } from 'vitest';
import { JobsService } from '../../background/jobs-service';
import { refreshInvitationState, runFollowUp, itemsView } from '../../background/job-followups';
import { jobOfWorkerKey, localKeys, migrateStorage, sessionKeys, storageUsage, STORAGE_VERSION } from '../../src/storage';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

function setUp() {
  const ports = fakePorts();
  const tenant = fakeTenant();
  const { auth } = fakeAuth();
  const jobs = new JobsService({ auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
  const followUps = { records: jobs.records, local: ports.storage.local, now: () => Date.now() };
  return { ports, tenant, jobs, followUps };
}

/** A finished job with everything the worker writes around it: invitation states, a follow-up, its tab. */
async function finishedJob(s: ReturnType<typeof setUp>, n: number, users = 3) {
  const header = await s.jobs.start(jobInput(jobItems(users, {}, n * 10), `job-${n}`), 40 + n);
  expect((await s.jobs.runner.run(header.id)).status).toBe('completed');
  await refreshInvitationState(s.followUps, s.jobs.runner, s.tenant.graph, () => 0, header.id);
  const follow = await runFollowUp(s.followUps, s.jobs.runner, s.tenant.graph, header.id, [`u${n * 10}`], 'resetRedemption');
  expect(follow).toEqual({ succeeded: 1, failed: [] });
  return header;
}

describe('a job’s storage', () => {
  it('50 jobs written, history cleared: storage is back at its baseline', async () => {
    const s = setUp();
    await s.ports.storage.local.set({ [localKeys.settings]: { clientId: SETTINGS.clientId }, [localKeys.account]: { username: 'admin@contoso.example' } });
    await s.ports.storage.session.set({ [sessionKeys.tenantFacts]: { tenantId: 'tenant-1' } });
    const baseline = { local: s.ports.storage.local.snapshot(), session: s.ports.storage.session.snapshot() };
    const baseUsage = await storageUsage(s.ports.storage.local);

    for (let n = 0; n < 50; n++) await finishedJob(s, n);
    const local = await s.ports.storage.local.keys();
    // Every kind of record was written for every job (so the clearing below is tested on all of them).
    for (const kind of ['.header', '.spec', '.items.0', '.states.0']) expect(local.filter((k) => k.endsWith(kind))).toHaveLength(50);
    expect(local.filter((k) => /^jstatus\.job-\d+\.0$/.test(k))).toHaveLength(50);
    expect(local.filter((k) => k.startsWith('jfollow.'))).toHaveLength(50);
    expect((await s.ports.storage.session.keys()).filter((k) => k.startsWith('jobtab:'))).toHaveLength(50);
    const full = await storageUsage(s.ports.storage.local);
    expect(full.jobs).toBeGreaterThan(0);
    expect(full.jobFollowUpsAndStatus).toBeGreaterThan(0);

    await s.jobs.clearHistory();
    expect(s.ports.storage.local.snapshot()).toEqual(baseline.local);
    expect(s.ports.storage.session.snapshot()).toEqual(baseline.session);
    expect(await storageUsage(s.ports.storage.local)).toEqual(baseUsage);
    expect(await s.jobs.summaries()).toEqual([]);
  });

  it('the history cap deletes the oldest finished job with everything it wrote', async () => {
    const s = setUp();
    for (let n = 0; n < 50; n++) await finishedJob(s, n, 1);
    await finishedJob(s, 50, 1); // the 51st job: the oldest (job-0) goes
    const left = [...(await s.ports.storage.local.keys()), ...(await s.ports.storage.session.keys())];
    expect(left.filter((k) => k.includes('job-0.') || k.endsWith('job-0') || jobOfWorkerKey(k) === 'job-0')).toEqual([]);
    expect(left.filter((k) => jobOfWorkerKey(k) === 'job-1')).toHaveLength(3);
    expect((await s.jobs.summaries()).map((j) => j.id)).not.toContain('job-0');
  });

  it('keeps what a job learnt from Graph readable: invitation state and the latest redeem link per user', async () => {
    const s = setUp();
    const header = await finishedJob(s, 0, 2);
    const view = await itemsView(s.followUps, s.jobs.runner, header.id, { offset: 0, limit: 10 });
    expect(view.items.map((i) => [i.userId, i.state, i.externalUserState, i.inviteRedeemUrl])).toEqual([
      ['u0', 'done', 'PendingAcceptance', 'https://login.example/redeem?u=u0'],
      ['u1', 'done', 'PendingAcceptance', 'https://login.example/redeem?u=u1'],
    ]);
    const followUps = await s.jobs.records.followUps(header.id);
    expect(followUps).toMatchObject([{ userId: 'u0', action: 'resetRedemption', status: 201 }]);
  });
});

describe('storage migrations', () => {
  it('v0 → v1 removes the invitation states and follow-ups that earlier versions leaked, and nothing else', async () => {
    const s = setUp();
    const kept = await finishedJob(s, 1);
    await s.ports.storage.local.remove([localKeys.storageVersion]);
    await s.ports.storage.local.set({ 'jstatus.gone.0': { u9: ['Accepted', null] }, 'jstatus.gone.1': {}, 'jfollow.gone': [], settings: { clientId: 'x' } });
    const before = await s.ports.storage.local.keys();
    expect(await migrateStorage(s.ports.storage)).toEqual({ from: 0, to: STORAGE_VERSION });
    const after = await s.ports.storage.local.keys();
    expect(before.filter((k) => !after.includes(k)).sort()).toEqual(['jfollow.gone', 'jstatus.gone.0', 'jstatus.gone.1']);
    expect(after).toContain(localKeys.jobStatus(kept.id, 0));
    expect(after).toContain('settings');
    // Run again: nothing to do.
    expect(await migrateStorage(s.ports.storage)).toEqual({ from: STORAGE_VERSION, to: STORAGE_VERSION });
  });

  it('leaves storage written by a newer version untouched', async () => {
    const s = setUp();
    await s.ports.storage.local.set({ [localKeys.storageVersion]: STORAGE_VERSION + 1, 'jstatus.gone.0': {} });
    expect(await migrateStorage(s.ports.storage)).toEqual({ from: STORAGE_VERSION + 1, to: STORAGE_VERSION + 1 });
    expect(await s.ports.storage.local.keys()).toContain('jstatus.gone.0');
  });
});
