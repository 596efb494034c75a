// The in-page result and the review's fixes, on the production build in the sandbox admin center (issue 16):
//  - a job with a failure ends in the past tense with the failed user, Graph's code and the advice; Retry failed is
//    confirmed in the review (the extension's document), not before, and converts the user; View results opens the
//    job page; axe-core finds no serious or critical violation in the finished result, light and dark;
//  - "Select the failed users" makes exactly them the page's selection (Show selected lists them);
//  - the review shows "Needs an email" as its own state and count, blocked rows' addresses read-only, and asks
//    "Discard changes?" before Esc throws edits away.
// Run after `npm run build`:  npx vitest run --config vitest.e2e.config.ts test/e2e/portal-result.e2e.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { seriousViolations } from './axe';
import { openAllUsers, until, type PortalPage } from './portal-page';

const DENIED = { status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };

let sandbox: Sandbox;
let browser: ExtensionBrowser;
const tenant: DemoTenant = buildDemoTenant();
const n = tenant.notable;
const user = (id: string) => tenant.users.find((u) => u.id === id)!;

beforeAll(async () => {
  sandbox = await startSandbox({ tenant, layout: 'grid', log: () => undefined });
  browser = await launchBrowserWithExtension(sandbox);
});
afterAll(async () => {
  const problems = sandbox?.contractProblems() ?? [];
  await browser?.close();
  await sandbox?.stop();
  expect(problems).toEqual([]);
});

/** Selects these users with the grid's own checks, opens the review and confirms; resolves once the job is over. */
async function convert(p: PortalPage, ids: string[]): Promise<void> {
  await p.signInFromControl();
  await p.clearSelection();
  for (const id of ids) await p.selectBySearch(id);
  await p.search('', tenant.users.length);
  await p.openReview();
  await expect.poll(() => p.confirmCount()).toBe(ids.length);
  await p.clickConfirm();
  await p.review.locator('[data-b2b="result"]').waitFor({ timeout: 60_000 });
}

/** The review frame as a Playwright Frame (axe runs in it). */
async function reviewFrame(p: PortalPage) {
  return (await until(async () => p.page.frames().find((f) => f.url().includes('/review/review.html')), (f) => f !== undefined, 20_000, 'the review frame'))!;
}

describe('the in-page result of a job', () => {
  it('a failure: past tense, the failed user with Graph’s code; Retry failed is confirmed in the review, then converts them; View results opens the job page', async () => {
    const p = await openAllUsers(browser, sandbox, tenant, { theme: 'light', osScheme: 'dark' });
    const [ok1, refused, ok2] = [n.eligible[0]!, n.eligible[1]!, n.eligible[2]!];
    sandbox.graph.setFaults({ rejectInvitations: { userIds: [refused], ...DENIED } });
    await convert(p, [ok1, refused, ok2]);

    const result = p.review.locator('[data-b2b="result"]');
    await expect.poll(() => result.textContent()).toBe('Converted 2 of 3 — 1 failed');
    expect(await result.getAttribute('data-tone')).toBe('danger');
    const failed = p.review.locator('[data-b2b="failed-users"]');
    await failed.locator('li').first().waitFor();
    expect(await failed.locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-user-id')))).toEqual([refused.toLowerCase()]);
    const row = failed.locator('li').first();
    expect(await row.textContent()).toContain(user(refused).userPrincipalName);
    expect(await row.locator('[data-b2b="graph-code"]').textContent()).toBe('Authorization_RequestDenied');
    expect(await row.locator('.reason').textContent()).toMatch(/lack of permission/);
    expect(await p.review.getByText(/Converting|Cancel remaining/).count()).toBe(0);

    // axe on the finished result, the portal light (under a dark OS).
    const frame = await reviewFrame(p);
    expect(await frame.locator('b2b-convert-review').evaluate((h) => (h.shadowRoot?.querySelector('.b2b-root') as HTMLElement | null)?.dataset.theme)).toBe('light');
    expect(await seriousViolations(frame)).toEqual([]);

    // View results: the job's page, in a tab of its own.
    const [jobPage] = await Promise.all([browser.context.waitForEvent('page', { timeout: 15_000 }), p.review.getByRole('button', { name: 'View results' }).click()]);
    await jobPage.waitForLoadState();
    expect(jobPage.url()).toMatch(/\/popup\/popup\.html\?view=tab&job=/);
    await jobPage.getByText('Finished with 1 failed', { exact: true }).first().waitFor({ timeout: 15_000 });
    await jobPage.close();

    // Retry failed: nothing is sent until the admin confirms in the review's own prompt.
    sandbox.graph.setFaults({});
    await p.review.getByRole('button', { name: 'Retry failed' }).click();
    const prompt = p.review.getByRole('alertdialog', { name: 'Retry 1 failed user?' });
    await prompt.waitFor();
    await p.page.waitForTimeout(1000);
    expect(sandbox.graph.invitationCount(refused)).toBe(0);
    await prompt.getByRole('button', { name: 'Retry 1 user' }).click();
    await expect.poll(() => result.textContent(), { timeout: 60_000 }).toBe('Converted 3 users');
    expect(await result.getAttribute('data-tone')).toBe('success');
    expect(sandbox.graph.invitationCount(refused)).toBe(1);
    for (const id of [ok1, ok2]) expect(sandbox.graph.invitationCount(id)).toBe(1);
    expect(await p.review.locator('[data-b2b="failed-users"]').count()).toBe(0);
    await p.review.getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => p.reviewFrame().count()).toBe(0);
    await p.page.close();
  });

  it('Select the failed users makes exactly them the selection; the dark result is clean for axe', async () => {
    const p = await openAllUsers(browser, sandbox, tenant, { theme: 'dark', osScheme: 'light' });
    const ids = [n.eligible[3]!, n.eligible[4]!, n.eligible[5]!, n.eligible[6]!];
    const refused = [ids[1]!, ids[3]!];
    sandbox.graph.setFaults({ rejectInvitations: { userIds: refused, ...DENIED } });
    await convert(p, ids);
    const result = p.review.locator('[data-b2b="result"]');
    await expect.poll(() => result.textContent()).toBe('Converted 2 of 4 — 2 failed');
    await p.review.locator('[data-b2b="failed-users"] li').nth(1).waitFor();
    const frame = await reviewFrame(p);
    expect(await frame.locator('b2b-convert-review').evaluate((h) => (h.shadowRoot?.querySelector('.b2b-root') as HTMLElement | null)?.dataset.theme)).toBe('dark');
    expect(await seriousViolations(frame)).toEqual([]);

    // The converted users left the selection when the job was submitted; the page then selects the failed ones.
    await p.review.getByRole('button', { name: 'Select the failed users' }).click();
    await expect.poll(() => p.reviewFrame().count()).toBe(0);
    await expect.poll(() => p.selectedCount()).toBe(2);
    const show = p.grid.getByRole('button', { name: 'Show selected (2)' });
    await show.click();
    const listed = p.grid.locator('[data-b2b="selected-list"] li');
    await listed.first().waitFor();
    expect((await listed.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-user-id')))).sort()).toEqual(refused.map((id) => id.toLowerCase()).sort());
    expect(await p.grid.locator('[data-b2b="selected-list"]').textContent()).toContain(user(refused[0]!).userPrincipalName);
    // The review opened now lists exactly them.
    await show.click();
    sandbox.graph.setFaults({});
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual(refused.map((id) => id.toLowerCase()).sort());
    await p.closeReview();
    await p.page.close();
  });
});

describe('the review', () => {
  it('"Needs an email" is its own state and count; blocked rows’ addresses are read-only; Esc asks "Discard changes?"', async () => {
    sandbox.graph.setFaults({});
    const p = await openAllUsers(browser, sandbox, tenant);
    await p.signInFromControl();
    await p.clearSelection();
    const needsEmail = n.verifiedDomainMail;
    const synced = n.synced[3]!;
    const ready = n.eligible[10]!;
    for (const id of [needsEmail, synced, ready]) await p.selectBySearch(id);
    await p.search('', tenant.users.length);
    await p.openReview();

    const row = p.reviewRow(needsEmail);
    expect(await row.getAttribute('data-status')).toBe('needsEmail');
    expect(await row.locator('.pill').textContent()).toBe('Needs an email');
    // One reason for the (empty) address field, and the count beside the others says the same.
    expect(await row.locator('.reason[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['emailInVerifiedDomain']);
    expect(await p.review.locator('[data-b2b="counts"]').textContent()).toMatch(/^1 blocked · 1 needs an email · 0 excluded\./);
    expect(await row.getByRole('textbox').isEditable()).toBe(true);
    expect(await p.reviewRow(synced).getByRole('textbox').isEditable()).toBe(false);
    expect(await p.confirmCount()).toBe(1);

    // An edit, then Esc in the field: the prompt, not a silent close.
    const field = p.reviewRow(ready).getByRole('textbox');
    await field.fill('someone.new@fabrikam.example');
    await field.press('Escape');
    const prompt = p.review.getByRole('alertdialog', { name: 'Discard changes?' });
    await prompt.waitFor();
    expect(await p.reviewFrame().count()).toBe(1);
    // Esc again keeps editing; the edit is still there.
    await p.page.keyboard.press('Escape');
    await expect.poll(() => prompt.count()).toBe(0);
    expect(await field.inputValue()).toBe('someone.new@fabrikam.example');
    // The close button asks too; Discard changes closes the review, and nothing was written.
    await p.review.getByRole('button', { name: 'Close' }).first().click();
    await prompt.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => p.reviewFrame().count()).toBe(0);
    expect(sandbox.graph.invitationCount(ready)).toBe(0);
    await p.page.close();
  });
});
