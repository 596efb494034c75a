import { describe, expect, it } from 'vitest';
import { jobInput, jobItems, makeHarness } from '../support/jobs/harness';
import type { FakeUser } from '../support/jobs/fake-graph';

function invitedOnce(h: ReturnType<typeof makeHarness>, ids: string[]): void {
  for (const id of ids) expect(h.graph.count(id, 'invite'), id).toBe(1);
}

describe('JobRunner: happy paths', () => {
  it('invites every user exactly once and completes', async () => {
    const h = makeHarness({ users: 45 });
    await h.runner.createJob(jobInput(jobItems(45)));
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(header.counters).toMatchObject({ done: 45, queued: 0, failed: 0, unknown: 0, converted: 45 });
    invitedOnce(h, jobItems(45).map((i) => i.userId));
    expect(Math.max(...h.graph.batchSizes)).toBeLessThanOrEqual(20);
    const last = h.progress.at(-1);
    expect(last).toMatchObject({ status: 'completed', done: 45, remaining: 0 });
  });

  it('keeps each invitation\'s redeem link and request id with the item, through storage', async () => {
    const h = makeHarness({ users: 3 });
    await h.runner.createJob(jobInput(jobItems(3, { setGuest: true })));
    await h.drive(h.runner.run('job1'));
    // A fresh read from the store (not the runner's memory) still has them.
    const { items } = await h.runner.readItems('job1', { offset: 0, limit: 10 });
    expect(items.map((i) => i.receipt)).toEqual(
      ['u0', 'u1', 'u2'].map((id) => ({ inviteRedeemUrl: `https://login.example/redeem?u=${id}`, requestId: `req-inv-${id}` })),
    );
  });

  it('adds the email to otherMails (keeping existing ones), invites, then sets userType Guest', async () => {
    const h = makeHarness({ users: 3, emailOnUser: false });
    const u0 = h.graph.users.get('u0') as FakeUser;
    u0.otherMails = ['old@elsewhere.example'];
    await h.runner.createJob(jobInput(jobItems(3, { addToOtherMails: true, setGuest: true })));
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(header.counters.done).toBe(3);
    expect(u0.otherMails).toEqual(['old@elsewhere.example', 'user0@fabrikam.example']);
    expect(u0.userType).toBe('Guest');
    expect(u0.externalUserState).toBe('PendingAcceptance');
    for (const id of ['u0', 'u1', 'u2']) {
      expect(h.graph.count(id, 'addEmail')).toBe(1);
      expect(h.graph.count(id, 'invite')).toBe(1);
      expect(h.graph.count(id, 'setType')).toBe(1);
    }
    // Order per user: email before invitation before userType.
    const order = h.graph.writes.filter((w) => w.userId === 'u1').map((w) => w.kind);
    expect(order).toEqual(['addEmail', 'invite', 'setType']);
    const items = await h.runner.readItems('job1');
    expect(items.items[0]).toMatchObject({ status: 'done', emailAdded: true, invited: true, userTypeSet: true, outcomeUnknown: false });
  });

  it('skips the otherMails write when the email is already there', async () => {
    const h = makeHarness({ users: 1 });
    await h.runner.createJob(jobInput(jobItems(1, { addToOtherMails: true })));
    await h.drive(h.runner.run('job1'));
    expect(h.graph.count('u0', 'addEmail')).toBe(0);
    expect(h.graph.count('u0', 'invite')).toBe(1);
  });
});

const err = (status: number, code: string, message = 'injected'): unknown => ({ error: { code, message, innerError: { 'request-id': `rid-${code}` } } });

describe('JobRunner: service answers', () => {
  it('429 with Retry-After: backs off the whole pacer, re-sends without counting an attempt', async () => {
    const h = makeHarness({ users: 200 });
    await h.runner.createJob(jobInput(jobItems(200)));
    let throttledAt = -1;
    h.graph.fault = (_req, ctx) => {
      if (ctx.userId === 'u3' && ctx.nth === 1) {
        throttledAt = h.clock.now();
        return { kind: 'respond', status: 429, headers: { 'Retry-After': '2.5' }, body: err(429, 'TooManyRequests') };
      }
      return undefined;
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    invitedOnce(h, jobItems(200).map((i) => i.userId));
    // The fault runs when the fake answers; no invitation leaves during the Retry-After that follows.
    const answeredAt = throttledAt;
    const during = h.graph.writes.filter((w) => w.at > answeredAt && w.at < answeredAt + 2500);
    expect(during).toEqual([]);
    expect(h.graph.writes.some((w) => w.at >= answeredAt + 2500)).toBe(true);
    const u3 = (await h.runner.readItems('job1', { offset: 3, limit: 1 })).items[0];
    expect(u3).toMatchObject({ status: 'done', attempt: 1 });
  });

  it('503 then success: verifies (nothing applied) and re-sends once', async () => {
    const h = makeHarness({ users: 5 });
    await h.runner.createJob(jobInput(jobItems(5)));
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u2' && ctx.nth === 1 ? { kind: 'respond', status: 503, body: err(503, 'ServiceUnavailable') } : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(5);
    expect(h.graph.count('u2', 'invite')).toBe(1);
    expect(h.graph.reads.flat()).toContain('u2');
    const u2 = (await h.runner.readItems('job1', { offset: 2, limit: 1 })).items[0];
    expect(u2).toMatchObject({ status: 'done', attempt: 2 });
  });

  it('503 every time: fails after maxAttempts sends with Graph’s code', async () => {
    const h = makeHarness({ users: 3, config: { maxAttempts: 4 } });
    await h.runner.createJob(jobInput(jobItems(3)));
    let sends = 0;
    h.graph.fault = (_req, ctx) => {
      if (ctx.userId !== 'u1') return undefined;
      sends += 1;
      return { kind: 'respond', status: 503, headers: { 'request-id': 'abc' }, body: err(503, 'ServiceUnavailable', 'try later') };
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(header.counters).toMatchObject({ done: 2, failed: 1 });
    expect(sends).toBe(4);
    const u1 = (await h.runner.readItems('job1', { filter: { status: ['failed'] } })).items[0];
    expect(u1).toMatchObject({ userId: 'u1', attempt: 4, invited: false, outcomeUnknown: false });
    expect(u1?.reason).toEqual({ status: 503, code: 'ServiceUnavailable', message: 'try later', requestId: 'abc' });
  });

  it('504 after the write applied: verify sees the invitation, no re-send', async () => {
    const h = makeHarness({ users: 4 });
    await h.runner.createJob(jobInput(jobItems(4)));
    let seen = 0;
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u0' ? (seen++, { kind: 'applyThenRespond', status: 504 }) : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(4);
    expect(seen).toBe(1);
    expect(h.graph.count('u0', 'invite')).toBe(1);
  });

  it('dropped response where the write applied: verify → done, no re-send', async () => {
    const h = makeHarness({ users: 4 });
    await h.runner.createJob(jobInput(jobItems(4, { setGuest: true })));
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u1' && ctx.kind === 'invite' ? { kind: 'applyThenDrop' } : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(4);
    expect(h.graph.count('u1', 'invite')).toBe(1);
    expect(h.graph.count('u1', 'setType')).toBe(1);
  });

  it('dropped response where the write did not apply: verify → re-send once', async () => {
    const h = makeHarness({ users: 4 });
    await h.runner.createJob(jobInput(jobItems(4)));
    let calls = 0;
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u1' ? (calls++, ctx.nth === 1 ? { kind: 'drop' } : undefined) : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(4);
    expect(calls).toBe(2);
    expect(h.graph.count('u1', 'invite')).toBe(1);
  });

  it('network cut after the batch applied: every item verified, none re-sent', async () => {
    const h = makeHarness({ users: 20 });
    await h.runner.createJob(jobInput(jobItems(20)));
    h.graph.fault = (_req, ctx) => (ctx.userId === 'u0' && ctx.nth === 1 ? { kind: 'applyThenCut' } : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(20);
    invitedOnce(h, jobItems(20).map((i) => i.userId));
    expect(h.graph.batchCalls).toBe(1);
  });

  it('network error before anything applied: verified, then re-sent once', async () => {
    const h = makeHarness({ users: 20 });
    await h.runner.createJob(jobInput(jobItems(20)));
    h.graph.fault = (_req, ctx) => (ctx.batchNo === 1 ? { kind: 'cut' } : undefined);
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(20);
    invitedOnce(h, jobItems(20).map((i) => i.userId));
  });

  it('400 fails the item with the service’s code and message; 412 blocks it; 404 fails it', async () => {
    const h = makeHarness({ users: 4 });
    (h.graph.users.get('u1') as FakeUser).mail = null; // email not on the user → 400
    (h.graph.users.get('u2') as FakeUser).convertedExternalToInternal = true; // 412
    h.graph.users.delete('u3'); // 404
    await h.runner.createJob(jobInput(jobItems(4)));
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(header.counters).toMatchObject({ done: 1, failed: 2, blocked: 1 });
    const { items } = await h.runner.readItems('job1');
    expect(items[1]?.reason).toMatchObject({ status: 400, code: 'BadRequest' });
    expect(items[1]?.reason?.message).toContain("doesn't match any emails");
    expect(items[2]).toMatchObject({ status: 'blocked', reason: { status: 412 } });
    expect(items[3]).toMatchObject({ status: 'failed', reason: { status: 404, code: 'Request_ResourceNotFound' } });
  });

  it('a user already B2B before the job is blocked at the pre-read, never re-invited', async () => {
    const h = makeHarness({ users: 2, emailOnUser: false });
    (h.graph.users.get('u0') as FakeUser).externalUserState = 'Accepted';
    await h.runner.createJob(jobInput(jobItems(2, { addToOtherMails: true })));
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters).toMatchObject({ done: 1, blocked: 1 });
    expect(h.graph.count('u0', 'invite')).toBe(0);
    expect(h.graph.count('u0', 'addEmail')).toBe(0);
  });
});

describe('JobRunner: token renewal', () => {
  it('401 → renews the token once, then retries', async () => {
    const h = makeHarness({ users: 30 });
    await h.runner.createJob(jobInput(jobItems(30)));
    h.graph.tokenValid = false;
    const header = await h.drive(h.runner.run('job1'));
    expect(header.status).toBe('completed');
    expect(h.graph.renewals).toBe(1);
    invitedOnce(h, jobItems(30).map((i) => i.userId));
  });

  it('401 again after renewing: waits for sign-in with a reason instead of failing users; resume finishes', async () => {
    const h = makeHarness({ users: 30 });
    await h.runner.createJob(jobInput(jobItems(30)));
    let refuse = true;
    h.graph.fault = () => (refuse ? { kind: 'respond', status: 401, body: err(401, 'InvalidAuthenticationToken') } : undefined);
    const paused = await h.drive(h.runner.run('job1'));
    expect(paused.status).toBe('waiting-for-sign-in');
    expect(paused.pauseReason?.code).toBe('Unauthorized');
    expect(h.graph.renewals).toBe(1);
    expect(paused.counters).toMatchObject({ failed: 0, done: 0, unknown: 0 });
    refuse = false;
    const header = await h.drive(h.runner.resume('job1'));
    expect(header.status).toBe('completed');
    expect(header.pauseReason).toBeUndefined();
    invitedOnce(h, jobItems(30).map((i) => i.userId));
  });

  it('renewal impossible (sign-in needed): waits for sign-in', async () => {
    const h = makeHarness({ users: 5 });
    await h.runner.createJob(jobInput(jobItems(5)));
    h.graph.tokenValid = false;
    h.graph.renewWorks = false;
    const paused = await h.drive(h.runner.run('job1'));
    expect(paused).toMatchObject({ status: 'waiting-for-sign-in', pauseReason: { code: 'Unauthorized' } });
    h.graph.renewWorks = true;
    const header = await h.drive(h.runner.resume('job1'));
    expect(header.status).toBe('completed');
  });
});
