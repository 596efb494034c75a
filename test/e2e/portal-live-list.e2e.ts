// Only what the admin selected in the All users grid they see, in every layout (the tabs layout keeps a hidden
// Deleted users tab and a hidden earlier blade, each with rows already selected and its own header select-all,
// recycles row elements and shows selection on the row only). Production build in Chromium against the sandbox:
// five users by search and the grid's checks → the control reads 5 and the review lists exactly those 5; the header
// select-all of a 60-user search → "Convert N users" counts only the eligible of those 60, the control agrees with
// the portal's own "N selected"; a tab switch away and back keeps the selection; recycled rows: select, scroll,
// search, select again → the ids are the users clicked. Every browser run fails on any CSP violation (browser.ts).
//   npx vitest run --config vitest.e2e.config.ts test/e2e/portal-live-list.e2e.ts
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { PORTAL_LAYOUTS } from '../sandbox/portal/index';
import { sandboxUser } from '../sandbox/sandbox-user';
import { CHECK, directoryWrites, openAllUsers, ROW, type PortalPage } from './portal-page';

/** 60 partners found by one search ("nwpartner"): 45 eligible, 10 synced from on-premises, 5 already external. */
function withSixtyPartners(tenant: DemoTenant): { tenant: DemoTenant; eligible: string[]; all: string[] } {
  const added = Array.from({ length: 60 }, (_, i) => {
    const nn = String(i).padStart(2, '0');
    return sandboxUser({
      id: `6e000000-0000-4000-8000-0000000000${nn}`,
      displayName: `Nwpartner ${nn}`,
      userPrincipalName: `nwpartner${nn}@contoso.com`,
      mail: `partner${nn}@northwind.example`,
      ...(i >= 45 && i < 55 ? { onPremisesSyncEnabled: true, onPremisesUserPrincipalName: `nwpartner${nn}@corp.contoso.com` } : {}),
      ...(i >= 55 ? { userType: 'Guest', externalUserState: 'Accepted', creationType: 'Invitation' } : {}),
    });
  });
  return { tenant: { ...tenant, users: [...tenant.users, ...added] }, eligible: added.slice(0, 45).map((u) => u.id), all: added.map((u) => u.id) };
}

describe.each(PORTAL_LAYOUTS)('only the live All users list, %s layout', (layout) => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  const base = buildDemoTenant();
  const { tenant, eligible: sixtyEligible, all: sixty } = withSixtyPartners(base);
  const n = base.notable;
  const total = tenant.users.length;
  const lower = (ids: string[]) => ids.map((id) => id.toLowerCase()).sort();

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
    await p.signInFromControl();
  });

  afterAll(async () => {
    await browser?.close(); // throws on any CSP violation seen in any page, frame or the worker
    await sandbox?.stop();
  });

  it('five users by search and the grid checks: the control reads 5 and the review lists exactly those 5', async () => {
    await p.clearSelection();
    // The hidden lists of the tabs layout hold rows selected before the script attached: none of them counts.
    expect(await p.selectedCount()).toBe(0);
    const five = [n.eligible[0]!, n.eligible[1]!, n.eligible[2]!];
    for (const id of five) await p.selectBySearch(id);
    await p.search('', total);
    for (const index of [4, 6]) {
      five.push(await p.rowId(index));
      await p.checkRow(index);
    }
    expect(await p.selectedCount()).toBe(5);
    expect(await p.grid.locator('button[data-b2b="show-selected"]').textContent()).toBe('Show selected (5)');
    sandbox.graph.clearLog();
    await p.openReview();
    expect(await p.reviewIds()).toEqual(expect.arrayContaining(lower(five)));
    expect((await p.reviewIds()).sort()).toEqual(lower(five));
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('header select-all of a 60-user search: the control agrees with the grid, and "Convert N users" counts only the eligible of those 60', async () => {
    await p.clearSelection();
    await p.search('nwpartner', 60);
    await p.list.locator('.ms-DetailsHeader-check').click();
    await expect.poll(() => p.selectedCount(), { timeout: 20_000 }).toBe(60);
    if (layout === 'tabs') expect(await p.portalSelectedCount()).toBe(60);
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual(lower(sixty));
    await expect.poll(() => p.confirmCount(), { timeout: 20_000 }).toBe(sixtyEligible.length);
    await p.closeReview();
    await p.search('', total);
  });

  it.runIf(layout === 'tabs')('switching to the Deleted users tab and back keeps the selection; that tab\'s list adds nothing', async () => {
    await p.clearSelection();
    const picked = [await p.rowId(2), await p.rowId(3)];
    await p.checkRow(2);
    await p.checkRow(3);
    await p.switchTab('Deleted users');
    await expect.poll(() => p.control().count()).toBe(0);
    // The admin works in the other tab: its checks and its header select-all are not the All users selection.
    const deleted = p.grid.locator('#tab-deleted-users');
    await deleted.locator(`${ROW}[data-item-index="5"] ${CHECK}`).click();
    await deleted.locator('.ms-DetailsHeader-check').click();
    await p.switchTab('All users');
    await p.control().waitFor({ state: 'attached' });
    await expect.poll(() => p.selectedCount()).toBe(2);
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual(picked.sort());
    await p.closeReview();
  });

  it('recycled rows: select, scroll, search, select again → the ids are the users the admin clicked', async () => {
    await p.clearSelection();
    await p.search('', total);
    const clicked: string[] = [];
    clicked.push(await p.rowId(1));
    await p.checkRow(1);
    await p.scrollTo(120);
    clicked.push(await p.rowId(123));
    await p.checkRow(123);
    await p.search(base.users.find((u) => u.id === n.eligible[7])!.userPrincipalName, 1);
    clicked.push(await p.rowId(0));
    await p.checkRow(0);
    await p.search('', total);
    await p.scrollTo(60);
    clicked.push(await p.rowId(61));
    await p.checkRow(61);
    expect(await p.selectedCount()).toBe(4);
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual(lower(clicked));
    await p.closeReview();
  });
});
