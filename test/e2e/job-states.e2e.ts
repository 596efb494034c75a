// Job states that say what happened, on the production build: a pause while the last requests are in flight
// ("Pausing — N requests in flight", then finished, not "Paused · 0 remaining"), a cancel after the last write
// (finished, not "Cancelled: 5 of 5 converted"), and a job with failures ("Finished with N failed" in the popup,
// in the danger tone, and on the badge).
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { signedIn, value, waitForJob } from './support';

let sandbox: Sandbox;
let browser: ExtensionBrowser | undefined;

beforeEach(async () => {
  sandbox = await startSandbox({ tenant: buildDemoTenant({ userCount: 60 }), layout: 'grid' });
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await sandbox?.stop();
});

/** Submits `count` users the pre-flight finds eligible (not the one Graph refuses with 412), as the review does. */
async function submit(page: Page, count: number): Promise<{ jobId: string; userIds: string[] }> {
  const pre = await value(page, 'users/preflight', { userIds: sandbox.tenant.users.map((u) => u.id) });
  const convertedBack = (sandbox.tenant as ReturnType<typeof buildDemoTenant>).notable.convertedBack;
  const chosen = pre.users.filter((u) => u.eligibility === 'eligible' && u.id !== convertedBack).slice(0, count);
  const { jobId } = await value(page, 'job/submit', {
    items: chosen.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
    options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
    expectedTenantId: pre.tenantId,
  });
  return { jobId, userIds: chosen.map((u) => u.id) };
}

const badge = (page: Page) => page.evaluate(() => chrome.action.getBadgeText({}));
const badgeColour = (page: Page) => page.evaluate(() => chrome.action.getBadgeBackgroundColor({}));
const badgeTitle = (page: Page) => page.evaluate(() => chrome.action.getTitle({}));

describe('truthful job states', () => {
  it('pause while the last requests are in flight: "Pausing — N requests in flight", then the job is finished', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const popup = await browser.openExtensionPage('popup/popup.html');
    // Every Graph answer takes 4 s from here on: the one batch of the job is in flight long enough to pause.
    sandbox.graph.setFaults({ latencyMs: 4000 });
    const job = await submit(s.page, 5);
    await waitForJob(s.page, job.jobId, (j) => (j.inFlight ?? 0) > 0, 20_000);
    await popup.getByRole('button', { name: 'Pause' }).click();
    await popup.getByRole('heading', { name: /^Pausing — 5 requests in flight/ }).waitFor({ timeout: 10_000 });
    expect(await badgeTitle(s.page)).toMatch(/Pausing — 5 requests in flight — 5 users left/);
    // The answers arrive: nothing is left, so the job is over — not "Paused" with nothing to resume.
    const end = await waitForJob(s.page, job.jobId, (j) => j.state !== 'paused', 20_000);
    expect(end.state).toBe('completed');
    expect(end.counters).toMatchObject({ done: 5, failed: 0, remaining: 0 });
    await popup.getByRole('button', { name: 'Finished: 5 of 5 users converted' }).waitFor({ timeout: 10_000 });
    expect(await popup.getByRole('button', { name: 'Resume' }).count()).toBe(0);
    await expect.poll(() => badge(s.page)).toBe('');
  });

  it('cancel after the last write: the job finished, nobody "not started"', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    sandbox.graph.setFaults({ latencyMs: 3000 });
    const job = await submit(s.page, 4);
    await waitForJob(s.page, job.jobId, (j) => (j.inFlight ?? 0) > 0, 20_000);
    // The worker answers the control at once: cancelling, still waiting for the 4 requests in flight.
    const cancelling = await value(s.page, 'job/control', { jobId: job.jobId, action: 'cancel' });
    expect(cancelling).toMatchObject({ state: 'cancelling', inFlight: 4 });
    const end = await waitForJob(s.page, job.jobId, (j) => j.state !== 'cancelling', 20_000);
    expect(end.state).toBe('completed');
    expect(end.counters).toMatchObject({ done: 4, cancelled: 0, notStarted: 0, converted: 4 });
    const popup = await browser.openExtensionPage('popup/popup.html');
    await popup.getByRole('button', { name: 'Finished: 4 of 4 users converted' }).waitFor({ timeout: 10_000 });
    expect(await popup.getByText(/Cancelled/).count()).toBe(0);
    // The notification says it too.
    await expect.poll(async () => JSON.stringify(await s.page.evaluate(() => chrome.notifications.getAll()))).toContain(`job-${job.jobId}`);
  });

  it('a job with failures: "Finished with N failed" in the popup (danger tone) and on the badge', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const pre = await value(s.page, 'users/preflight', { userIds: sandbox.tenant.users.map((u) => u.id) });
    const convertedBack = (sandbox.tenant as ReturnType<typeof buildDemoTenant>).notable.convertedBack;
    // The first two users submit() picks.
    const refused = pre.users.filter((u) => u.eligibility === 'eligible' && u.id !== convertedBack).slice(0, 2).map((u) => u.id);
    sandbox.graph.setFaults({ rejectInvitations: { userIds: refused, status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    const { jobId } = await submit(s.page, 6);
    await waitForJob(s.page, jobId, (j) => j.state === 'completed');
    await expect.poll(() => badge(s.page)).toBe('2');
    expect(await badgeColour(s.page)).toEqual([197, 15, 31, 255]);
    expect(await badgeTitle(s.page)).toBe('B2B Convert for Entra: Finished with 2 failed — 4 of 6 users converted, 2 failed');
    const popup = await browser.openExtensionPage('popup/popup.html');
    const row = popup.getByRole('button', { name: 'Finished with 2 failed: 4 of 6 users converted, 2 failed' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.state-badge').evaluate((el) => [el.className, getComputedStyle(el).color])).toEqual(['state-badge tone-danger', 'rgb(197, 15, 31)']);
    // The job's own page says it the same way.
    await row.click();
    await popup.getByText('Finished with 2 failed', { exact: true }).first().waitFor({ timeout: 10_000 });
  });
});
