// Follow-ups after a job on fake storage and a tenant's Graph: set Guest and reset redemption, each recorded with
// Graph's answer; the popup's page of items; the invitation-state refresh's round trips.
import { describe, expect, it } from 'vitest';
import { JobsService } from '../../background/jobs-service';
import { itemsView, refreshInvitationState, runFollowUp, statusFilter } from '../../background/job-followups';
import { localKeys } from '../../src/storage';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

async function finished(users: number, refuse: string[] = []) {
  const ports = fakePorts();
  const tenant = fakeTenant({ refuse });
  const jobs = new JobsService({ auth: fakeAuth().auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
  const header = await jobs.start(jobInput(jobItems(users)), undefined);
  await jobs.runner.run(header.id);
  const store = { records: jobs.records, local: ports.storage.local, now: () => 1_000 };
  return { ports, tenant, jobs, header, store };
}

describe('job follow-ups', () => {
  it('sets user type Guest with one $batch PATCH per user and records each answer', async () => {
    const s = await finished(3);
    const before = s.tenant.requests.length;
    expect(await runFollowUp(s.store, s.jobs.runner, s.tenant.graph, s.header.id, ['U0', 'u2'], 'setGuest')).toEqual({ succeeded: 2, failed: [] });
    const batch = s.tenant.requests.slice(before).find((r) => r.url.endsWith('/$batch'));
    expect((batch?.body as { requests: Array<{ method: string; url: string; body: unknown }> }).requests).toEqual([
      expect.objectContaining({ method: 'PATCH', url: '/users/u0', body: { userType: 'Guest' } }),
      expect.objectContaining({ method: 'PATCH', url: '/users/u2', body: { userType: 'Guest' } }),
    ]);
    expect(await s.jobs.records.followUps(s.header.id)).toEqual([
      { userId: 'u0', action: 'setGuest', at: 1_000, status: 204 },
      { userId: 'u2', action: 'setGuest', at: 1_000, status: 204 },
    ]);
  });

  it('refuses users not in the job, and writes nothing', async () => {
    const s = await finished(1);
    const before = await s.ports.storage.local.keys();
    await expect(runFollowUp(s.store, s.jobs.runner, s.tenant.graph, s.header.id, ['stranger'], 'resetRedemption')).rejects.toThrow('None of those users are in this job.');
    expect(await s.ports.storage.local.keys()).toEqual(before);
  });

  it('refuses a user the job did not invite (a reset would be a fresh invitation, unreviewed), and sends nothing', async () => {
    const s = await finished(3, ['u1']);
    const before = s.tenant.requests.length;
    for (const action of ['resetRedemption', 'setGuest'] as const) {
      await expect(runFollowUp(s.store, s.jobs.runner, s.tenant.graph, s.header.id, ['u0', 'u1'], action)).rejects.toThrow(/not invited by it/);
    }
    expect(s.tenant.requests.slice(before)).toEqual([]);
    expect(await s.jobs.records.followUps(s.header.id)).toEqual([]);
  });

  it('refreshes the invitation state of the invited users only, and the items view shows it with Graph’s error for the others', async () => {
    const s = await finished(3, ['u1']);
    expect(await refreshInvitationState(s.store, s.jobs.runner, s.tenant.graph, () => 0, s.header.id)).toEqual({ roundTrips: 0, items: 2 });
    const stored = (await s.ports.storage.local.get([localKeys.jobStatus(s.header.id, 0)]))[localKeys.jobStatus(s.header.id, 0)];
    expect(Object.keys(stored as object).sort()).toEqual(['u0', 'u2']);
    const failed = await itemsView(s.store, s.jobs.runner, s.header.id, { offset: 0, limit: 10, filter: 'failed' });
    expect(failed.items).toEqual([expect.objectContaining({ userId: 'u1', state: 'failed', errorCode: 'BadRequest' })]);
    expect(failed.items[0]?.inviteRedeemUrl).toBeUndefined();
  });

  it('maps the popup’s filters to item statuses', () => {
    expect(statusFilter('all')).toBeUndefined();
    expect(statusFilter('pending')).toEqual(['queued', 'addingEmail', 'inviting', 'settingType', 'convertingToInternal']);
    expect(statusFilter('blocked')).toEqual(['blocked']);
  });
});
