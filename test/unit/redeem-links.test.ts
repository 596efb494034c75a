// Redeem links are kept only while the invitation is pending (issue 10): once Graph reports a user's invitation
// accepted, a refresh removes the link from storage — from the engine's item receipts and from the follow-up
// records — and the CSV carries links only when the admin asks for that column, and then only pending ones.
import { describe, expect, it } from 'vitest';
import { JobsService } from '../../background/jobs-service';
import { itemsView, refreshInvitationState, runFollowUp } from '../../background/job-followups';
import type { JobItemRow as JobItemView } from '../../src/messages';
import { csvColumns, csvRow, parseJobCsv, toCsv } from '../../popup/lib/csv';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

async function finished(users: number) {
  const ports = fakePorts();
  const tenant = fakeTenant();
  const jobs = new JobsService({ auth: fakeAuth().auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
  const header = await jobs.start(jobInput(jobItems(users)), undefined);
  await jobs.runner.run(header.id);
  const store = { records: jobs.records, local: ports.storage.local, now: () => 1_000 };
  return { ports, tenant, jobs, header, store };
}

/** The redeem link each user's receipt holds, as the engine stored it. */
async function receiptLinks(s: Awaited<ReturnType<typeof finished>>): Promise<Record<string, string | undefined>> {
  const { items } = await s.jobs.runner.readItems(s.header.id, { offset: 0, limit: 100 });
  return Object.fromEntries(items.map((i) => [i.userId, i.receipt?.inviteRedeemUrl]));
}

describe('redeem links in storage', () => {
  it('are dropped from the item receipts once the invitation is accepted; pending ones stay, and so does the rest', async () => {
    const s = await finished(3);
    expect(await receiptLinks(s)).toEqual({
      u0: 'https://login.example/redeem?u=u0',
      u1: 'https://login.example/redeem?u=u1',
      u2: 'https://login.example/redeem?u=u2',
    });
    const before = await s.jobs.runner.readItems(s.header.id, { offset: 0, limit: 100 });
    s.tenant.accepted.add('u0');
    await refreshInvitationState(s.store, s.jobs.runner, s.tenant.graph, () => 0, s.header.id);
    expect(await receiptLinks(s)).toEqual({ u0: undefined, u1: 'https://login.example/redeem?u=u1', u2: 'https://login.example/redeem?u=u2' });
    // Forgetting a link is not a transition: status, time and counters are as they were.
    const after = await s.jobs.runner.readItems(s.header.id, { offset: 0, limit: 100 });
    expect(after.items.map(({ receipt: _r, ...rest }) => rest)).toEqual(before.items.map(({ receipt: _r, ...rest }) => rest));
    const view = await itemsView(s.store, s.jobs.runner, s.header.id, { offset: 0, limit: 10 });
    expect(view.items.map((i) => [i.userId, i.externalUserState, i.inviteRedeemUrl])).toEqual([
      ['u0', 'Accepted', undefined],
      ['u1', 'PendingAcceptance', 'https://login.example/redeem?u=u1'],
      ['u2', 'PendingAcceptance', 'https://login.example/redeem?u=u2'],
    ]);
  });

  it('are dropped from the follow-up records (reset redemption) once accepted; the records stay for the audit', async () => {
    const s = await finished(3);
    await runFollowUp(s.store, s.jobs.runner, s.tenant.graph, s.header.id, ['u1', 'u2'], 'resetRedemption');
    expect((await s.jobs.records.followUps(s.header.id)).map((f) => [f.userId, f.inviteRedeemUrl])).toEqual([
      ['u1', 'https://login.example/redeem?u=u1'],
      ['u2', 'https://login.example/redeem?u=u2'],
    ]);
    s.tenant.accepted.add('u1');
    await refreshInvitationState(s.store, s.jobs.runner, s.tenant.graph, () => 0, s.header.id);
    expect(await s.jobs.records.followUps(s.header.id)).toEqual([
      { userId: 'u1', action: 'resetRedemption', at: 1_000, status: 201 },
      { userId: 'u2', action: 'resetRedemption', at: 1_000, status: 201, inviteRedeemUrl: 'https://login.example/redeem?u=u2' },
    ]);
  });

  it('are left alone in a job the engine may still work on (dropped by a later refresh)', async () => {
    const ports = fakePorts();
    const tenant = fakeTenant();
    const jobs = new JobsService({ auth: fakeAuth().auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
    const header = await jobs.start(jobInput(jobItems(2)), undefined);
    // Not run yet: its status is `running`, and the worker resumes such jobs on start, so the engine keeps off.
    expect(await jobs.runner.forgetRedeemLinks(header.id, ['u0'])).toBe(0);
    await jobs.runner.run(header.id);
    expect(await jobs.runner.forgetRedeemLinks(header.id, ['U0'])).toBe(1);
    expect(await jobs.runner.forgetRedeemLinks(header.id, ['u0'])).toBe(0);
  });
});

describe('redeem links in the CSV export', () => {
  const job = { id: 'job-1', tenantId: 't', ranBy: 'admin@contoso.com' };
  const item = (o: Partial<JobItemView>): JobItemView => ({ userId: 'u', userPrincipalName: 'u@contoso.com', displayName: 'U', email: 'u@fabrikam.example', state: 'done', ...o });
  const pending = item({ userId: 'p', externalUserState: 'PendingAcceptance', inviteRedeemUrl: 'https://login.example/redeem?u=p' });
  // A link the view should never carry for an accepted user: the export still leaves it out.
  const accepted = item({ userId: 'a', externalUserState: 'Accepted', inviteRedeemUrl: 'https://login.example/redeem?u=a' });

  it('has no redeem-link column unless asked for', () => {
    const text = toCsv([csvRow(job, pending), csvRow(job, accepted)]);
    expect(text).not.toContain('redeem');
    expect(csvColumns()).not.toContain('inviteRedeemUrl');
  });

  it('asked for, carries the link of pending invitations only', () => {
    const opts = { redeemLinks: true };
    const rows = parseJobCsv(toCsv([csvRow(job, pending, opts), csvRow(job, accepted, opts), csvRow(job, item({ userId: 'n' }), opts)], opts));
    expect(rows.map((r) => [r.userId, r.inviteRedeemUrl])).toEqual([
      ['p', 'https://login.example/redeem?u=p'],
      ['a', ''],
      ['n', ''],
    ]);
    expect(csvColumns(opts).at(-1)).toBe('inviteRedeemUrl');
  });
});
