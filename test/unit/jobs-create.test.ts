import { describe, expect, it } from 'vitest';
import {
  createJob,
  deleteJob,
  invitationBody,
  JobInputError,
  listJobs,
  listJobsDetailed,
  MemoryJobStore,
  readItems,
  UnsupportedSchemaVersionError,
} from '../../src/jobs';
import { addOtherMailRequest, invitationRequest, setGuestRequest } from '../../src/jobs/requests';
import { keys } from '../../src/jobs/schema';
import { jobInput, jobItems, makeHarness } from '../support/jobs/harness';

describe('createJob', () => {
  it('stores immutable items and mutable states in chunks, then the header, then the index', async () => {
    const store = new MemoryJobStore();
    const written: string[][] = [];
    store.onWrite = (w) => written.push(w.keys);
    const header = await createJob(store, jobInput(jobItems(450)), { now: () => 1000 });
    expect(header).toMatchObject({ id: 'job1', total: 450, chunkSize: 200, chunkCount: 3, status: 'running', createdAt: 1000 });
    expect(header.counters).toMatchObject({ queued: 450, done: 0 });
    expect(written.every((keysOfWrite) => keysOfWrite.length === 1)).toBe(true);
    expect(written.at(-1)).toEqual([keys.index()]);
    expect(written.at(-2)).toEqual([keys.header('job1')]);
    expect(await listJobs(store)).toHaveLength(1);
  });

  it('blocks duplicates, the signed-in admin and impossible emails up front, keeping them in the report', async () => {
    const store = new MemoryJobStore();
    const items = jobItems(4);
    items[1] = { ...items[0]!, displayName: 'dup' };
    items[2] = { ...items[2]!, userPrincipalName: 'ADMIN@contoso.example' };
    items[3] = { ...items[3]!, email: 'not an email' };
    const header = await createJob(store, jobInput(items));
    expect(header.counters).toMatchObject({ queued: 1, blocked: 3 });
    const { items: views } = await readItems(store, 'job1');
    expect(views.map((v) => v.reason?.code)).toEqual([undefined, 'DuplicateUser', 'SignedInAdmin', 'InvalidEmail']);
  });

  it('refuses bad input', async () => {
    const store = new MemoryJobStore();
    const base = jobInput(jobItems(1));
    await expect(createJob(store, { ...base, items: [] })).rejects.toBeInstanceOf(JobInputError);
    await expect(createJob(store, { ...base, options: { ...base.options, inviteRedirectUrl: 'http://x.example' } })).rejects.toThrow(/https/);
    await expect(createJob(store, { ...base, options: { ...base.options, ccRecipient: 'a@b.example,c@d.example' } })).rejects.toBeInstanceOf(JobInputError);
    await expect(createJob(store, { ...base, id: '../etc' })).rejects.toBeInstanceOf(JobInputError);
    await createJob(store, base);
    await expect(createJob(store, base)).rejects.toThrow(/already exists/);
  });
});

describe('readItems / listJobs / deleteJob', () => {
  it('pages without a filter by reading only the chunks needed, and filters by status or text', async () => {
    const store = new MemoryJobStore();
    await createJob(store, jobInput(jobItems(450)));
    store.resetStats();
    const page = await readItems(store, 'job1', { offset: 390, limit: 20 });
    expect(page.total).toBe(450);
    expect(page.items.map((i) => i.index)).toEqual(Array.from({ length: 20 }, (_, k) => 390 + k));
    expect(store.stats.reads).toBe(1 + 2); // header + the two chunks covering 390..409
    const text = await readItems(store, 'job1', { filter: { text: 'USER44' }, limit: 5 });
    expect(text.total).toBe(11); // user44, user440..449
    expect(text.items.map((i) => i.userId)).toEqual(['u44', 'u440', 'u441', 'u442', 'u443']);
    expect((await readItems(store, 'job1', { filter: { status: ['done'] } })).total).toBe(0);
  });

  it('lists unreadable jobs separately and a runner refuses to touch them', async () => {
    const h = makeHarness({ users: 1 });
    await h.runner.createJob(jobInput(jobItems(1)));
    const raw = (await h.store.get([keys.header('job1')]))[keys.header('job1')] as Record<string, unknown>;
    await h.store.set({ [keys.header('job1')]: { ...raw, v: 99 } });
    const { jobs, unreadable } = await listJobsDetailed(h.store);
    expect(jobs).toEqual([]);
    expect(unreadable[0]?.id).toBe('job1');
    await expect(h.runner.run('job1')).rejects.toBeInstanceOf(UnsupportedSchemaVersionError);
    expect(h.graph.batchCalls).toBe(0);
  });

  it('deletes a job and all its records', async () => {
    const store = new MemoryJobStore();
    await createJob(store, jobInput(jobItems(450)));
    await createJob(store, jobInput(jobItems(1), 'other'));
    await deleteJob(store, 'job1');
    expect((await listJobs(store)).map((j) => j.id)).toEqual(['other']);
    expect(store.keys().filter((k) => k.includes('job1'))).toEqual([]);
  });
});

describe('request bodies', () => {
  const item = jobItems(1)[0]!;
  const options = { sendInvitationMessage: true, inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t', messageLanguage: 'de-DE', ccRecipient: 'boss@contoso.example', customizedMessageBody: 'Hello' };

  it('the invitation always carries invitedUser.id (else the service creates/refuses a new guest)', () => {
    const body = JSON.parse(JSON.stringify(invitationBody(item, options))) as Record<string, unknown>;
    expect(body).toEqual({
      invitedUserEmailAddress: 'user0@fabrikam.example',
      inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t',
      sendInvitationMessage: true,
      invitedUserMessageInfo: { messageLanguage: 'de-DE', ccRecipients: [{ emailAddress: { address: 'boss@contoso.example' } }], customizedMessageBody: 'Hello' },
      invitedUser: { id: 'u0' },
    });
    const request = invitationRequest('7', item, { sendInvitationMessage: false, inviteRedirectUrl: 'https://x.example' });
    expect(request).toMatchObject({ id: '7', method: 'POST', url: '/invitations', headers: { 'Content-Type': 'application/json' } });
    expect(request.body).not.toHaveProperty('invitedUserMessageInfo');
  });

  it('PATCH bodies: otherMails keeps the current list; userType Guest', () => {
    expect(addOtherMailRequest('1', item, ['a@x.example'])).toMatchObject({ method: 'PATCH', url: '/users/u0', body: { otherMails: ['a@x.example', 'user0@fabrikam.example'] } });
    expect(setGuestRequest('2', item)).toMatchObject({ method: 'PATCH', url: '/users/u0', body: { userType: 'Guest' } });
  });
});
