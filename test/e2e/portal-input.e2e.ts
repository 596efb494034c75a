// Bad input on the All users page, production build in Chromium against the sandbox, in every grid layout: each case
// ends with a clear message and no write. Hostile, right-to-left and 300-character display names render as inert
// text in the grid and the review; selections of 0, 1 and 1,200 users; a user deleted between selection and
// pre-flight; a Graph failure during the pre-flight (its code shown, Retry works). Run after `npx vite build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/portal-input.e2e.ts
import type { Dialog } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import type { LoggedRequest } from '../sandbox/graph/index';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { PORTAL_LAYOUTS } from '../sandbox/portal/index';
import { ROLE } from '../sandbox/types';
import { invitationTargets } from './support';
import { directoryWrites, foundText, openAllUsers, ROW, type PortalPage } from './portal-page';

const LAYOUTS = PORTAL_LAYOUTS;

/**
 * When Chromium's back-off for an extension's requests to the $batch URL ends after the 500/503 answers in the log
 * (extensions/renderer/extension_throttle_entry.cc: the first two errors are ignored, then 700 ms × 1.4^k, jitter
 * only shortens it). Requests sent before then fail without reaching Graph (net::ERR_TEMPORARILY_THROTTLED).
 */
function chromiumBackoffEnds(log: LoggedRequest[]): number {
  const failures = log.filter((r) => r.path.startsWith('/v1.0/$batch') && (r.status === 500 || r.status === 503));
  const counted = failures.length - 2;
  return counted > 0 ? failures.at(-1)!.time + 700 * 1.4 ** (counted - 1) + 100 : 0;
}

describe.each(LAYOUTS)('bad input on the All users page, %s layout', (layout) => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  const tenant: DemoTenant = buildDemoTenant();
  const n = tenant.notable;
  const user = (id: string) => tenant.users.find((u) => u.id === id)!;
  /** Any alert/confirm/prompt would mean markup from user data ran as script. */
  const jsDialogs: string[] = [];

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
    p.page.on('dialog', (d: Dialog) => {
      jsDialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    await p.signInFromControl();
  });

  afterAll(async () => {
    const problems = sandbox?.contractProblems() ?? [];
    await browser?.close();
    await sandbox?.stop();
    // Every request the product sent to Graph conforms to Graph's own v1.0 metadata (test/contract).
    expect(problems).toEqual([]);
  });

  it('a selection of 0: the convert button is disabled with its reason and opens nothing', async () => {
    await p.clearSelection();
    expect(await p.convert().getAttribute('aria-disabled')).toBe('true');
    expect(await p.convert().getAttribute('title')).toBe('Select users in the list first.');
    expect(await p.grid.locator('#b2b-convert-why[role="tooltip"]').textContent()).toBe('Select users in the list first.');
    expect(await p.convert().getAttribute('aria-describedby')).toBe('b2b-convert-why');
    await p.convert().click({ force: true }); // a real click on the disabled-looking button
    await p.page.waitForTimeout(300);
    expect(await p.dialog().count()).toBe(0);
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('hostile, right-to-left and 300-character display names render as inert text in the grid and in the review', async () => {
    await p.clearSelection();
    const hostile = user(n.hostileName);
    expect(hostile.displayName).toMatch(/^<img src=x onerror=/);
    // In the grid: the markup is the cell's text, no element made of it.
    await p.search(hostile.userPrincipalName, 1);
    const nameCell = p.list.locator(`${ROW}[data-item-index="0"] [data-automation-key="displayName"]`);
    expect(await nameCell.textContent()).toBe(hostile.displayName);
    expect(await nameCell.locator('img').count()).toBe(0);
    await p.selectBySearch(n.hostileName);
    await p.selectBySearch(n.rtlName);
    await p.selectBySearch(n.longName);
    await p.search('', 240);

    sandbox.graph.clearLog();
    await p.openReview();
    const names = async (id: string) => p.reviewRow(id).locator('.name').textContent();
    expect(await names(n.hostileName)).toBe(hostile.displayName);
    expect(await names(n.rtlName)).toBe(user(n.rtlName).displayName);
    expect(await names(n.longName)).toBe(user(n.longName).displayName);
    expect(user(n.longName).displayName).toHaveLength(300);
    expect(await p.reviewRow(n.rtlName).locator('.name').getAttribute('dir')).toBe('auto');
    // Visible as text, and no element anywhere in the dialog (or the frame, or the page) came from the name.
    expect(await p.reviewRow(n.hostileName).getByText(hostile.displayName, { exact: true }).isVisible()).toBe(true);
    expect(await p.dialog().locator('img').count()).toBe(0);
    expect(await p.grid.locator('img[src="x"]').count()).toBe(0);
    expect(await p.page.locator('img[src="x"]').count()).toBe(0);
    // The long name stays inside the dialog (no row wider than the dialog).
    const dialogBox = (await p.dialog().boundingBox())!;
    const rowBox = (await p.reviewRow(n.longName).boundingBox())!;
    expect(rowBox.x + rowBox.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width + 1);
    // All three are ordinary eligible partners.
    expect(await p.confirmCount()).toBe(3);
    await p.closeReview();
    expect(jsDialogs).toEqual([]);
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('a selection of 1: the button and the dialog say "1 user"', async () => {
    await p.clearSelection();
    await p.selectBySearch(n.eligible[20]!);
    await p.search('', 240);
    expect(await p.count().textContent()).toBe('1 selected');
    expect(await p.convert().getAttribute('aria-disabled')).toBeNull();
    sandbox.graph.clearLog();
    await p.openReview();
    expect(await p.reviewIds()).toEqual([n.eligible[20]!]);
    expect(await p.confirm().textContent()).toBe('Convert 1 user');
    expect(await p.review.locator('[data-b2b="summary"]').textContent()).toMatch(/^1 of 1 selected user will be converted to external users in Contoso/);
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('a user deleted between selection and pre-flight is shown as not found and never converted', async () => {
    await p.clearSelection();
    const kept = n.eligible[21]!;
    const deleted = n.eligible[22]!;
    await p.selectBySearch(kept);
    await p.selectBySearch(deleted);
    await p.search('', 240);
    expect(await p.selectedCount()).toBe(2);
    // Someone deletes the user in another tab; the grid still shows the list it loaded.
    const live = sandbox.graph.state();
    sandbox.graph.seed({
      ...tenant,
      users: live.users.filter((u) => u.id !== deleted),
      roleAssignments: live.roleAssignments.filter((r) => r.principalId !== deleted),
    });

    sandbox.graph.clearLog();
    await p.openReview();
    expect(await p.reviewIds()).toEqual([kept]);
    const missing = p.review.locator('[data-b2b="missing"]');
    expect(await missing.textContent()).toMatch(/^1 selected user was not found \(deleted since you selected it\) and will be skipped:/);
    expect(await missing.textContent()).toContain(deleted);
    expect(await p.review.locator('[data-b2b="summary"]').textContent()).toMatch(/^1 of 2 selected users will be converted/);
    expect(await p.dialog().textContent()).toContain('1 no longer exist');
    expect(await p.confirm().textContent()).toBe('Convert 1 user');
    expect(directoryWrites(sandbox)).toEqual([]);

    // Converting goes ahead for the one that exists (the dialog signs in for the invite permission first).
    await p.clickConfirm();
    const progress = p.review.locator('[data-b2b="progress"]');
    const refused = p.review.locator('[data-b2b="submit-error"]');
    await Promise.race([progress.waitFor({ timeout: 30_000 }), refused.waitFor({ timeout: 30_000 })]);
    if (await refused.isVisible()) throw new Error(`the conversion was not started: ${await refused.textContent()}`);
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toBe('Converted 1 user');
    expect(invitationTargets(sandbox)).toEqual([kept]);
    expect(sandbox.graph.state().invitations.map((i) => i.userId)).toEqual([kept]);
    expect(sandbox.graph.invitationCount(deleted)).toBe(0);
    // The deleted user stays selected (it was never submitted); the converted one left the selection.
    await expect.poll(() => p.selectedCount()).toBe(1);
    await p.closeReview();
  });

  it('a Graph failure during the pre-flight shows Graph’s code and a Retry; nothing is converted in between', async () => {
    await p.clearSelection();
    const id = n.eligible[23]!;
    await p.selectBySearch(id);
    await p.search('', 240);
    const invitationsBefore = sandbox.graph.state().invitations.length;
    sandbox.graph.clearLog();
    sandbox.graph.setFaults({ fail5xx: { status: 503, count: 50, path: '\\$batch' } });
    let healthyFrom = Date.now();
    try {
      await p.openReview({ expectError: true });
    } finally {
      // Whatever happened, later tests get a healthy Graph.
      sandbox.graph.setFaults({});
      healthyFrom = Date.now();
    }
    const error = p.review.locator('[data-b2b="preflight-error"]');
    expect(await error.getAttribute('role')).toBe('alert');
    const text = (await error.textContent()) ?? '';
    expect(text).toMatch(/^Could not check the selected users\./);
    expect(text).toContain('HTTP 503');
    expect(text).toMatch(/Nothing was converted\.$/);
    expect(await error.locator('[data-b2b="graph-code"]').textContent()).toBe('ServiceUnavailable');
    expect(await p.confirm().count()).toBe(0);
    const failed = sandbox.graph.requestLog();
    expect(failed.length).toBeGreaterThan(0);
    // Every $batch Graph received while it was failing was refused. (The pre-flight shows its error on the first read
    // that gives up; a parallel read may still be retrying then, and its next attempt meets the healthy Graph.)
    expect(failed.filter((r) => r.path.startsWith('/v1.0/$batch') && r.time < healthyFrom).every((r) => r.status === 503)).toBe(true);

    // Graph recovers; Retry runs the pre-flight again. Chromium itself holds back an extension's requests to a URL
    // that kept answering 503 for a few seconds (its own back-off): an admin reading the message takes that long.
    await p.page.waitForTimeout(Math.max(0, chromiumBackoffEnds(failed) - Date.now()));
    await p.review.locator('button[data-b2b="retry"]').click();
    await p.review.locator('[data-b2b="review-list"]').waitFor({ timeout: 30_000 });
    expect(await p.reviewIds()).toEqual([id]);
    expect(await p.confirm().textContent()).toBe('Convert 1 user');
    expect(await error.count()).toBe(0);
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
    expect(invitationTargets(sandbox)).toEqual([]);
    expect(sandbox.graph.state().invitations).toHaveLength(invitationsBefore);
    expect(sandbox.graph.invitationCount(id)).toBe(0);
  });
});

/**
 * The demo tenant's users a review lets through, from the rules written out here on the tenant's own data
 * (an oracle apart from src/eligibility.ts): not synced, not already external, not the admin, no privileged role, and
 * an address outside the verified domains (mail, else otherMails) that Entra accepts.
 */
function expectedConvertible(tenant: DemoTenant): number {
  const privileged = new Set(
    tenant.roleAssignments
      .filter((r) => r.roleDefinitionId !== ROLE.guestInviter && r.roleDefinitionId !== ROLE.globalReader)
      .map((r) => r.principalId),
  );
  const internal = (m: string) => tenant.verifiedDomains.some((d) => m.toLowerCase().endsWith(`@${d}`));
  const acceptable = (m: string) => /^[A-Za-z0-9._'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(m);
  return tenant.users.filter((u) => {
    if (u.onPremisesSyncEnabled || u.onPremisesUserPrincipalName || u.externalUserState) return false;
    if (u.id === tenant.adminUserId || privileged.has(u.id)) return false;
    const proposed = [u.mail ?? '', ...u.otherMails].filter((m) => m !== '' && !internal(m))[0];
    return proposed !== undefined && acceptable(proposed);
  }).length;
}

describe.each(LAYOUTS)('1,200 users on the All users page, %s layout', (layout) => {
  const N = 1200;
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  const tenant: DemoTenant = buildDemoTenant({ userCount: N });

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
    await p.signInFromControl();
  });

  afterAll(async () => {
    const problems = sandbox?.contractProblems() ?? [];
    await browser?.close();
    await sandbox?.stop();
    // Every request the product sent to Graph conforms to Graph's own v1.0 metadata (test/contract).
    expect(problems).toEqual([]);
  });

  it('the header select-all and "Select all N users found" select every user; the review lists them all after a pre-flight of few round trips', async () => {
    expect(await p.list.locator('[data-testid="resultMessage"]').textContent()).toBe(foundText(N));
    // The grid's own header check: only 30 rows are rendered, the rest come from Graph.
    await p.list.locator('.ms-DetailsHeader-check').click();
    await expect.poll(() => p.count().textContent(), { timeout: 30_000 }).toBe('1,200 selected');
    const selectAll = p.grid.locator('button[data-b2b="select-all-found"]');
    expect(await selectAll.textContent()).toBe('Select all 1,200 users found');
    await selectAll.click();
    await expect.poll(() => p.grid.locator('button[data-b2b="select-all-found"][aria-disabled="true"]').count()).toBe(0);
    expect(await p.count().textContent()).toBe('1,200 selected');
    // The count is said once, in Show selected (not also in the Convert button).
    expect(await p.grid.locator('button[data-b2b="show-selected"]').textContent()).toBe('Show selected (1,200)');

    sandbox.graph.clearLog();
    await p.openReview();
    // The pre-flight is batched: users by id in $batch chunks, role holders, the organization.
    const log = sandbox.graph.requestLog();
    expect(log.length).toBeLessThanOrEqual(Math.ceil(N / 300) + 2);
    expect(log.every((r) => r.method === 'GET' ? r.path.startsWith('/v1.0/organization') : r.path.startsWith('/v1.0/$batch'))).toBe(true);

    // Every user is listed (500 rows at a time).
    for (let i = 0; i < 2; i++) await p.review.getByRole('button', { name: /^Show [\d,]+ more of [\d,]+ not shown$/ }).click();
    await expect.poll(() => p.review.locator('tr[data-b2b="review-row"]').count(), { timeout: 20_000 }).toBe(N);
    expect((await p.reviewIds()).sort()).toEqual(tenant.users.map((u) => u.id.toLowerCase()).sort());
    // The confirm button counts exactly the users neither blocked nor waiting for an email address.
    const statuses = await p.review.locator('tr[data-b2b="review-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    const ready = statuses.filter((s) => s !== 'blocked' && s !== 'needsEmail').length;
    expect(ready).toBe(expectedConvertible(tenant));
    expect(await p.confirmCount()).toBe(ready);
    expect(await p.review.locator('[data-b2b="summary"]').textContent()).toMatch(new RegExp(`^${ready.toLocaleString('en-US')} of 1,200 selected users will be converted`));
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
  });
});
