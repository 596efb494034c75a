// Conversion jobs on the production build against the Graph emulator's faults: the worker killed mid-batch,
// the browser restarted mid-job, a 429 storm, 503s, responses dropped after the write was applied, and the
// token expiring mid-job. Every case must end with each job user invited exactly once, each failure recorded
// with Graph's code, and no invitation for anyone outside the job.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { convertibleAsIs, invitationTargets, signedIn, submitEligible, value, waitForJob, type SubmittedJob } from './support';

let sandbox: Sandbox;
let browser: ExtensionBrowser | undefined;

beforeEach(async () => {
  sandbox = await startSandbox({ tenant: buildDemoTenant({ userCount: 600 }), layout: 'grid' });
});
afterEach(async () => {
  const problems = sandbox?.contractProblems() ?? [];
  await browser?.close();
  browser = undefined;
  await sandbox?.stop();
  // Every request the product sent to Graph conforms to Graph's own v1.0 metadata (test/contract).
  expect(problems).toEqual([]);
});

/** The job's final state, checked against the emulator's own record of what was applied. */
async function expectExactlyOnce(page: Parameters<typeof value>[0], job: SubmittedJob) {
  const summary = await waitForJob(page, job.jobId, (s) => s.state === 'completed');
  const { items } = await value(page, 'job/items', { jobId: job.jobId, offset: 0, limit: 1000 });
  expect(items).toHaveLength(job.userIds.length);
  for (const item of items) {
    const applied = sandbox.graph.invitationCount(item.userId);
    if (item.state === 'done') expect(applied, `${item.userPrincipalName} invited once`).toBe(1);
    else {
      // Not converted: never applied, and the reason carries Graph's code.
      expect(applied, `${item.userPrincipalName} not invited`).toBe(0);
      expect(item.errorCode, `${item.userPrincipalName} failure code`).toMatch(/^[A-Za-z_]+$/);
    }
  }
  const inJob = new Set(job.userIds);
  expect(invitationTargets(sandbox).filter((id) => !inJob.has(id))).toEqual([]);
  for (const id of job.blockedIds) expect(sandbox.graph.invitationCount(id)).toBe(0);
  expect(summary.counters.done + summary.counters.failed + summary.counters.blocked).toBe(job.userIds.length);
  return { summary, items };
}

describe('durable, exactly-once conversion jobs', () => {
  it('converts every eligible user once, pacing to the invitation limit (no 429s)', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    expect(job.userIds.length).toBeGreaterThan(150);
    const { summary } = await expectExactlyOnce(s.page, job);
    expect(summary.counters.done).toBeGreaterThan(150);
    const throttled = sandbox.graph.requestLog().flatMap((r) => r.inner ?? []).filter((i) => i.status === 429);
    expect(throttled).toHaveLength(0);
    // The end of the job was announced with a notification naming the outcome.
    await expect.poll(async () => JSON.stringify(await s.page.evaluate(() => chrome.notifications.getAll()))).toContain(`job-${job.jobId}`);
    // The options the admin chose reached Graph: invitedUser.id present, no email sent.
    const sent = sandbox.graph.state().invitations;
    expect(sent.every((i) => (i.request as { invitedUser?: { id?: string } }).invitedUser?.id === i.userId)).toBe(true);
    expect(sent.every((i) => (i.request as { sendInvitationMessage?: boolean }).sendInvitationMessage === false)).toBe(true);
  });

  it('records per-user failures with Graph\'s code, shows them on the badge, and retries only the failed users', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const pre = await value(s.page, 'users/preflight', { userIds: sandbox.tenant.users.map((u) => u.id) });
    const chosen = pre.users.filter(convertibleAsIs).slice(0, 40);
    const refused = chosen.slice(0, 3).map((u) => u.id);
    sandbox.graph.setFaults({ latencyMs: 20, rejectInvitations: { userIds: refused, status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    const { jobId } = await value(s.page, 'job/submit', {
      items: chosen.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
      options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
      expectedTenantId: pre.tenantId,
    });
    const first = await waitForJob(s.page, jobId, (j) => j.state === 'completed');
    // (The demo tenant's user converted external→internal before is refused with 412: blocked, not failed.)
    expect(first.counters.failed).toBe(3);
    expect(first.counters.done + first.counters.blocked).toBe(chosen.length - 3);
    const failed = await value(s.page, 'job/items', { jobId, offset: 0, limit: 100, filter: 'failed' });
    expect(failed.items.map((i) => i.userId).sort()).toEqual([...refused].sort());
    for (const item of failed.items) {
      expect(item.errorCode).toBe('Authorization_RequestDenied');
      expect(item.errorMessage).toMatch(/role|permission|privilege/i);
    }
    // The toolbar badge shows the failures of the finished job.
    expect(await s.page.evaluate(() => chrome.action.getBadgeText({}))).toBe('3');

    sandbox.graph.setFaults({ latencyMs: 20 });
    sandbox.graph.clearLog();
    await value(s.page, 'job/control', { jobId, action: 'retryFailed' });
    const second = await waitForJob(s.page, jobId, (j) => j.state === 'completed' && j.counters.failed === 0);
    expect(second.counters.done).toBe(chosen.length - first.counters.blocked);
    // Only the three failed users were sent again.
    expect(invitationTargets(sandbox).sort()).toEqual([...refused].sort());
    const { items } = await value(s.page, 'job/items', { jobId, offset: 0, limit: 100 });
    for (const item of items) expect(sandbox.graph.invitationCount(item.userId)).toBe(item.state === 'done' ? 1 : 0);
    expect(await s.page.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  });

  // Whether User.Invite.All alone converts an EXISTING user is not settled by the docs
  // (https://learn.microsoft.com/en-us/graph/api/invitation-post): the emulator has a tenant switch for each answer.
  it('a tenant that refuses conversion without User.ReadWrite.All: failures say so with Graph\'s code, then sign in with write permission and retry failed', async () => {
    sandbox.graph.seed({ ...sandbox.tenant, rules: { conversionNeedsUserReadWriteAll: true } });
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox, 12);
    const first = await waitForJob(s.page, job.jobId, (j) => j.state === 'completed');
    expect(first.counters.failed).toBe(12);
    const failed = await value(s.page, 'job/items', { jobId: job.jobId, offset: 0, limit: 100, filter: 'failed' });
    for (const item of failed.items) {
      expect(item.errorCode).toBe('Authorization_RequestDenied');
      expect(item.errorMessage).toMatch(/User\.ReadWrite\.All.*sign in with write permission and retry failed/);
    }
    // What the job view's "Sign in with write permission and retry failed" does: the write tier, then retry.
    await value(s.page, 'auth/signIn', { tier: 'write' });
    await value(s.page, 'job/control', { jobId: job.jobId, action: 'retryFailed' });
    const second = await waitForJob(s.page, job.jobId, (j) => j.state === 'completed' && j.counters.failed === 0);
    // (The demo tenant's user converted external→internal before answers 412 once permitted: blocked, not converted.)
    expect(second.counters.done + second.counters.blocked).toBe(12);
    expect(second.counters.blocked).toBeLessThanOrEqual(1);
    const { items } = await value(s.page, 'job/items', { jobId: job.jobId, offset: 0, limit: 100 });
    for (const i of items) expect(sandbox.graph.invitationCount(i.userId)).toBe(i.state === 'done' ? 1 : 0);
  });

  it('a tenant that converts with User.Invite.All alone (the other answer) converts at the invite tier', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox, 12);
    const done = await waitForJob(s.page, job.jobId, (j) => j.state === 'completed');
    expect(done.counters.failed).toBe(0);
    expect(done.counters.done + done.counters.blocked).toBe(12);
    const scopes = sandbox.login.log().filter((e) => e.endpoint === 'authorize').map((e) => e.params.scope ?? '');
    expect(scopes.join(' ')).not.toMatch(/User\.ReadWrite\.All/);
  });

  it('pauses (no write while paused), resumes to the end, and a cancel stops before the next write', async () => {
    sandbox.graph.setFaults({ latencyMs: 400 });
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    await waitForJob(s.page, job.jobId, (j) => j.counters.done > 0);
    expect((await value(s.page, 'job/control', { jobId: job.jobId, action: 'pause' })).state).toBe('paused');
    const atPause = sandbox.graph.state().invitations.length;
    await new Promise((r) => setTimeout(r, 2000));
    expect(sandbox.graph.state().invitations.length).toBe(atPause);
    await value(s.page, 'job/control', { jobId: job.jobId, action: 'resume' });
    await expectExactlyOnce(s.page, job);

    // A second job, cancelled mid-way: what was done stays reported, the rest is cancelled, no write after.
    sandbox.graph.seed(buildDemoTenant({ userCount: 600 }));
    sandbox.graph.clearLog();
    const second = await submitEligible(s.page, sandbox);
    await waitForJob(s.page, second.jobId, (j) => j.counters.done > 0);
    await value(s.page, 'job/control', { jobId: second.jobId, action: 'cancel' });
    const cancelled = await waitForJob(s.page, second.jobId, (j) => j.state === 'cancelled');
    const invited = sandbox.graph.state().invitations.length;
    expect(cancelled.counters.cancelled).toBeGreaterThan(0);
    expect(cancelled.counters.done).toBe(invited);
    await new Promise((r) => setTimeout(r, 1500));
    expect(sandbox.graph.state().invitations.length).toBe(invited);
    const { items } = await value(s.page, 'job/items', { jobId: second.jobId, offset: 0, limit: 1000 });
    for (const item of items) expect(sandbox.graph.invitationCount(item.userId)).toBe(item.state === 'done' ? 1 : 0);
  });

  it('waits while the browser is offline (nobody marked failed) and continues when it is back', async () => {
    sandbox.graph.setFaults({ latencyMs: 400 });
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    await waitForJob(s.page, job.jobId, (j) => j.counters.done > 0);
    await browser.context.setOffline(true);
    const offline = await waitForJob(s.page, job.jobId, (j) => j.state === 'paused-offline', 20_000);
    expect(offline.counters.failed).toBe(0);
    await browser.context.setOffline(false);
    await expectExactlyOnce(s.page, job);
  });

  it('survives the service worker being killed in the middle of a batch', async () => {
    sandbox.graph.setFaults({ latencyMs: 700 });
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    await waitForJob(s.page, job.jobId, (j) => j.counters.done > 0);
    await new Promise((r) => setTimeout(r, 300)); // a batch is in flight now
    await browser.stopServiceWorker();
    sandbox.graph.setFaults({ latencyMs: 50 });
    await expectExactlyOnce(s.page, job);
  });

  /** Runs a job until some users are converted, then closes the browser; reopens it on the same profile. */
  async function restartMidJob(profileDir: string) {
    sandbox.graph.setFaults({ latencyMs: 600 });
    const first = await signedIn(sandbox, 'invite', { profileDir });
    const job = await submitEligible(first.page, sandbox);
    await waitForJob(first.page, job.jobId, (j) => j.counters.done > 0);
    await first.browser.close();
    const doneBefore = sandbox.graph.state().invitations.length;
    expect(doneBefore).toBeLessThan(job.userIds.length);
    sandbox.graph.setFaults({ latencyMs: 50 });
    const { launchBrowserWithExtension } = await import('../sandbox/browser');
    browser = await launchBrowserWithExtension(sandbox, { profileDir });
    return { job, doneBefore };
  }

  it('after a browser restart with "Stay signed in" the job finishes by itself, nobody asked', async () => {
    sandbox.login.set({ sessionCookie: 'persistent' });
    const profileDir = mkdtempSync(join(tmpdir(), 'b2b-restart-'));
    try {
      const { job, doneBefore } = await restartMidJob(profileDir);
      // Nothing asks the worker anything: the job must continue on its own (start-up, alarm).
      await expect.poll(() => sandbox.graph.state().invitations.length, { timeout: 60_000, interval: 500 }).toBeGreaterThan(doneBefore);
      const page = await browser!.openExtensionPage('popup/options.html');
      await expectExactlyOnce(page, job);
      // Renewed silently through the browser's persistent sign-in session: one interactive sign-in in all.
      expect(sandbox.login.interactiveSignIns()).toBe(1);
      expect(sandbox.login.silentSignIns()).toBeGreaterThan(0);
      expect((await value(page, 'auth/status', {})).sessionEnded).toBeUndefined();
    } finally {
      await browser?.close(); // before its profile goes: a running browser keeps writing into it
      browser = undefined;
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  it('after a browser restart that lost the session cookie the job waits for sign-in, says so, and finishes after it', async () => {
    const profileDir = mkdtempSync(join(tmpdir(), 'b2b-restart-'));
    try {
      const { job } = await restartMidJob(profileDir);
      const page = await browser!.openExtensionPage('popup/options.html');
      // Silent renewal answered login_required (AADSTS50058): within seconds the job waits, nobody failed.
      const waiting = await waitForJob(page, job.jobId, (j) => j.state === 'waiting-for-sign-in', 15_000);
      expect(sandbox.login.log().some((e) => e.endpoint === 'authorize' && e.outcome === 'error:login_required:50058')).toBe(true);
      expect(waiting.counters.failed).toBe(0);
      expect(waiting.etaMs).toBeUndefined();
      expect(waiting.pauseReason).toMatch(/session has ended/);
      // Progress is what Graph has: users converted before the restart are done or verifying, never "not started".
      const applied = sandbox.graph.state().invitations.length;
      expect(waiting.counters.done).toBeLessThanOrEqual(applied);
      expect(waiting.counters.done + (waiting.counters.verifying ?? 0)).toBeGreaterThanOrEqual(applied);
      const { items } = await value(page, 'job/items', { jobId: job.jobId, offset: 0, limit: 1000 });
      for (const item of items) {
        const count = sandbox.graph.invitationCount(item.userId);
        if (item.state === 'done') expect(count, item.userPrincipalName).toBe(1);
        else if (item.state !== 'verifying') expect(count, item.userPrincipalName).toBe(0);
      }
      // Nothing is sent while it waits.
      const before = sandbox.graph.requestLog().length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(sandbox.graph.requestLog().length).toBe(before);
      // The badge shows it, and one notification asks for the sign-in.
      expect(await page.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
      expect(await page.evaluate(() => chrome.action.getTitle({}))).toMatch(/sign in to continue converting \d+ users/i);
      const notifications = await page.evaluate(() => chrome.notifications.getAll());
      expect(Object.keys(notifications)).toContain('b2b-sign-in-needed');
      // The account card does not claim a session it cannot use.
      const status = await value(page, 'auth/status', {});
      expect(status).toMatchObject({ signedIn: true, sessionEnded: true });

      // The popup: session ended, a Sign in button next to the waiting job; pressing it lets the job finish.
      const popup = await browser!.openPopup();
      await expect.poll(() => popup.getByText(/session ended/).count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await expect.poll(() => popup.getByText(/Waiting for sign-in/).count()).toBeGreaterThan(0);
      await popup.getByRole('region', { name: /Waiting for sign-in/ }).getByRole('button', { name: 'Sign in' }).click();
      await expectExactlyOnce(page, job);
      expect(sandbox.login.interactiveSignIns()).toBe(2);
      expect(await page.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
      expect((await value(page, 'auth/status', {})).sessionEnded).toBeUndefined();
      await expect.poll(() => popup.getByText(/session ended/).count(), { timeout: 10_000 }).toBe(0);
    } finally {
      await browser?.close(); // before its profile goes: a running browser keeps writing into it
      browser = undefined;
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  it('rides out a 429 storm and 503s', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    sandbox.graph.setFaults({ latencyMs: 20, throttle: { everyNth: 3, retryAfterSec: 0.5, paths: 'invitations' }, fail5xx: { status: 503, count: 6, path: '\\$batch' } });
    await expectExactlyOnce(s.page, job);
    const log = sandbox.graph.requestLog();
    expect(log.flatMap((r) => r.inner ?? []).filter((i) => i.status === 429).length).toBeGreaterThan(0);
    expect(log.filter((r) => r.status === 503).length).toBeGreaterThan(0);
  });

  it('never repeats a write whose response was dropped after it was applied', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    sandbox.graph.setFaults({ latencyMs: 20, dropAfterApply: { count: 3, path: '\\$batch' } });
    const job = await submitEligible(s.page, sandbox);
    await expectExactlyOnce(s.page, job);
    const dropped = sandbox.graph.requestLog().filter((r) => r.status === null);
    expect(dropped.length).toBe(3);
  });

  it('renews the token when it expires mid-job, without asking the admin', async () => {
    sandbox.graph.setFaults({ latencyMs: 300 });
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const job = await submitEligible(s.page, sandbox);
    await waitForJob(s.page, job.jobId, (j) => j.counters.done > 0);
    // Whole seconds: a token renewed within this second (iat is in seconds) must count as fresh.
    sandbox.graph.setFaults({ latencyMs: 50, expireTokensBefore: Math.floor(Date.now() / 1000) * 1000 });
    await expectExactlyOnce(s.page, job);
    expect(sandbox.graph.requestLog().some((r) => r.status === 401)).toBe(true);
    expect(sandbox.login.interactiveSignIns()).toBe(1);
  });
});
