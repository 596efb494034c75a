// The production build in Chromium on the real admin-center hostnames (sandbox replica), in both grid layouts:
// the control lands in the grid's command bar; selection with the grid's own checks survives a virtualized scroll
// and searches; the review lists exactly that selection with the blocked categories' reasons; nothing is written to
// Graph before the confirm button. Run after `npx vite build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/portal.e2e.ts
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';

const ROW = '[data-automationid="DetailsRow"]';
const CHECK = '[data-automationid="DetailsRowCheck"]';

describe.each(['grid', 'table'] as const)('All users page, %s layout', (layout) => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let page: Page;
  let grid: FrameLocator;
  let frame: Frame;
  const tenant: DemoTenant = buildDemoTenant();

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    const worker = await browser.worker();
    await worker.evaluate(
      ([clientId, tenantId]) => chrome.storage.local.set({ settings: { clientId, tenant: tenantId, cloud: 'Global' } }),
      [tenant.clientId, tenant.tenantId] as const,
    );
    page = await browser.context.newPage();
    await page.goto(sandbox.urls.allUsers);
    grid = page.frameLocator('iframe#reactview');
    await grid.locator(ROW).first().waitFor({ timeout: 30_000 });
    frame = page.frames().find((f) => /\.reactblade\.portal\.azure\.net$/.test(new URL(f.url()).host))!;
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const control = () => grid.locator('b2b-convert-control');
  const convert = () => grid.locator('button[data-b2b="convert"]');
  const count = () => grid.locator('[data-b2b="count"]');
  const rowId = async (index: number) => {
    const href = await grid.locator(`${ROW}[data-item-index="${index}"] a[href*="/userId/"]`).first().getAttribute('href');
    return /userId\/([0-9a-f-]{36})/i.exec(href ?? '')![1]!.toLowerCase();
  };
  const search = async (text: string, expectFound?: number) => {
    await grid.locator('input.ms-SearchBox-field').fill(text);
    if (expectFound !== undefined) {
      await expect.poll(() => grid.locator('[data-testid="resultMessage"]').textContent()).toBe(`${expectFound} user${expectFound === 1 ? '' : 's'} found`);
    }
    await page.waitForTimeout(100);
  };
  const upnOf = (id: string) => tenant.users.find((u) => u.id === id)!.userPrincipalName;

  it('puts the control in the grid command bar, disabled with a reason until signed in and users are selected', async () => {
    await control().waitFor({ state: 'attached', timeout: 15_000 });
    expect(await control().evaluate((el) => el.parentElement?.getAttribute('role'))).toBe('menubar');
    expect(await control().evaluate((el) => el.shadowRoot !== null)).toBe(true);
    // The worker's first auth/status boots its sign-in host: a few seconds.
    await expect.poll(() => convert().getAttribute('title'), { timeout: 20_000 }).toMatch(/^Not signed in/);
    expect(await convert().getAttribute('aria-disabled')).toBe('true');
    // The page reported the grid as recognised (the frame) and the top page as not holding it.
    const session = await (await browser.worker()).evaluate(() => chrome.storage.session.get(null));
    const frames = Object.values(session).flatMap((v) => Object.values((v as { frames: Record<string, { recognized: boolean; layout?: string }> }).frames));
    expect(frames).toContainEqual(expect.objectContaining({ recognized: true, layout: `details-list/${layout}` }));

    await grid.locator('button[data-b2b="sign-in"]').click();
    await expect.poll(() => convert().getAttribute('title'), { timeout: 20_000 }).toBe('Select users in the list first.');
  });

  it('keeps the selection made with the grid checks across a virtualized scroll and searches', async () => {
    const selected: string[] = [];
    await grid.locator(`${ROW}[data-item-index="0"] ${CHECK}`).click();
    await grid.locator(`${ROW}[data-item-index="1"] ${CHECK}`).click();
    selected.push(await rowId(0), await rowId(1));

    await grid.locator('[data-is-scrollable="true"]').evaluate((el) => {
      el.scrollTop = 42 * 120;
    });
    await grid.locator(`${ROW}[data-item-index="125"]`).waitFor();
    expect(await grid.locator(`${ROW}[data-item-index="0"]`).count()).toBe(0); // virtualized away
    await grid.locator(`${ROW}[data-item-index="125"] ${CHECK}`).click();
    selected.push(await rowId(125));

    for (const id of [tenant.notable.synced[0]!, tenant.notable.privileged[0]!, tenant.notable.eligible[5]!]) {
      await search(upnOf(id), 1);
      await expect.poll(() => rowId(0)).toBe(id.toLowerCase());
      await grid.locator(`${ROW}[data-item-index="0"] ${CHECK}`).click();
      selected.push(id.toLowerCase());
    }
    await search('', 240);
    await expect.poll(() => grid.locator(ROW).count()).toBe(30);
    await expect.poll(() => count().textContent()).toBe(`${selected.length} selected`);
    expect(await convert().getAttribute('aria-disabled')).toBeNull();
    expect(await convert().textContent()).toContain(String(selected.length));

    // The review lists exactly that selection, blocked categories with their reasons.
    sandbox.graph.clearLog();
    await convert().click();
    const dialog = grid.locator('[role="dialog"]');
    await dialog.waitFor();
    await grid.locator('[data-b2b="review-list"]').waitFor({ timeout: 20_000 });
    const listed = await grid.locator('tr[data-b2b="review-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user-id')!.toLowerCase()));
    expect(listed.sort()).toEqual([...selected].sort());
    const synced = grid.locator(`tr[data-user-id="${tenant.notable.synced[0]}"]`);
    expect(await synced.getAttribute('data-status')).toBe('blocked');
    expect(await synced.locator('[data-code="synced"]').count()).toBe(1);
    const privileged = grid.locator(`tr[data-user-id="${tenant.notable.privileged[0]}"]`);
    expect(await privileged.locator('[data-code="privilegedRole"]').count()).toBe(1);
    expect(await grid.locator('[data-b2b="summary"]').textContent()).toContain(tenant.displayName);

    const ready = await grid.locator('tr[data-b2b="review-row"]').evaluateAll((rows) => rows.filter((r) => r.getAttribute('data-status') !== 'blocked').length);
    const confirm = grid.locator('button[data-b2b="confirm"]');
    expect(await confirm.textContent()).toMatch(/^Convert \d+ users?$/);
    expect(Number(/\d+/.exec((await confirm.textContent()) ?? '')![0])).toBeLessThanOrEqual(ready);

    // Only reads so far: nothing written to the directory before the confirm button.
    const writes = sandbox.graph.requestLog().filter((r) => (r.method !== 'GET' && !/\$batch/.test(r.path)) || /invitations/i.test(r.path));
    expect(writes).toEqual([]);

    await dialog.press('Escape');
    await expect.poll(() => grid.locator('[role="dialog"]').count()).toBe(0);
    expect(await count().textContent()).toBe(`${selected.length} selected`);
  });

  it('survives SPA navigation to a user profile and back', async () => {
    await grid.locator(`${ROW}[data-item-index="3"] [data-automation-key="displayName"] a`).click();
    await expect.poll(() => page.url()).toContain('UserProfileMenuBlade');
    await expect.poll(() => control().count()).toBe(0);
    await page.goBack();
    await grid.locator(ROW).first().waitFor();
    await control().waitFor({ state: 'attached' });
    await expect.poll(() => count().textContent()).toBe('6 selected');
    expect(frame.isDetached()).toBe(false);
  });
});
