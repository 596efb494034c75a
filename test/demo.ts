// `npm run demo`: the extension in Chromium against the local sandbox tenant (Contoso, 240 users).
// With a display, it opens a real browser window on the All users page and waits until you close it.
// Without one (or with --headless), it walks through the main job and saves screenshots, naming the folder.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowserWithExtension, type ExtensionBrowser } from './sandbox/browser';
import { buildDemoTenant } from './sandbox/demo-tenant';
import { startSandbox, type Sandbox } from './sandbox/index';
import { configureForSandbox } from './e2e/support';

const ROW = '[data-automationid="DetailsRow"]';
/** The All users grid of the replica (the tabs layout keeps other, hidden lists beside it). */
const ALL_USERS = '[data-replica-list="all-users"]';
const CHECK = '[data-automationid="DetailsRowCheck"]';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
const outDir = resolve('.demo-output', new Date().toISOString().replace(/[:.]/g, '-'));

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function shot(page: Page, name: string, caption: string): Promise<void> {
  const file = join(outDir, name);
  await page.screenshot({ path: file, fullPage: false });
  say(`  📸 ${name}: ${caption}`);
}

async function openAllUsers(browser: ExtensionBrowser, sandbox: Sandbox): Promise<{ page: Page; grid: FrameLocator }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(sandbox.urls.allUsers);
  const grid = page.frameLocator('iframe#reactview');
  await grid.locator(`${ALL_USERS} ${ROW}`).first().waitFor({ timeout: 30_000 });
  await grid.locator('b2b-convert-control').waitFor({ state: 'attached', timeout: 30_000 });
  return { page, grid };
}

async function selectByUpn(grid: FrameLocator, upn: string): Promise<void> {
  await grid.locator(`${ALL_USERS} input.ms-SearchBox-field`).fill(upn);
  const row = grid.locator(`${ALL_USERS} ${ROW}`, { hasText: upn }).first();
  await row.waitFor();
  await row.locator(CHECK).click();
}

async function walkThrough(browser: ExtensionBrowser, sandbox: Sandbox): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const tenant = sandbox.tenant as ReturnType<typeof buildDemoTenant>;
  say('Walk-through (headless):');

  say('1. The admin opens All users in the Entra admin center. The extension adds its control to the grid.');
  const { page, grid } = await openAllUsers(browser, sandbox);
  await shot(page, '01-all-users-control.png', 'the "Convert to external users" control in the grid command bar (signed out)');

  say('2. Sign in from the control (MSAL in the worker\'s offscreen host, launchWebAuthFlow).');
  await grid.locator('button[data-b2b="sign-in"]').click();
  await grid.locator('button[data-b2b="convert"][title="Select users in the list first."]').waitFor({ timeout: 30_000 });

  say('3. Select partner accounts with the grid\'s own checkboxes, plus a synced and a privileged user.');
  const byId = (id: string) => tenant.users.find((u) => u.id === id)!.userPrincipalName;
  const picks = [...tenant.notable.eligible.slice(0, 6), tenant.notable.synced[0]!, tenant.notable.privileged[0]!];
  for (const id of picks) await selectByUpn(grid, byId(id));
  await grid.locator(`${ALL_USERS} input.ms-SearchBox-field`).fill('');
  await grid.locator('[data-b2b="count"]', { hasText: `${picks.length} selected` }).waitFor();
  await shot(page, '02-selected.png', `${picks.length} users selected; the count stays visible across search and scroll`);

  say('4. Review: pre-flight through Graph in batches; blocked users carry their reason; nothing written yet.');
  await grid.locator('button[data-b2b="convert"]').click();
  // The review is the extension's own page, framed over the grid: no page script can reach it.
  const review = grid.frameLocator('iframe[data-b2b="review-frame"]');
  await review.locator('[data-b2b="review-list"]').waitFor({ timeout: 30_000 });
  await shot(page, '03-review.png', 'the review dialog: proposed emails, eligibility and reasons, options, tenant summary');

  say('5. Convert: the job runs in the worker; the dialog follows its progress.');
  const confirm = review.locator('button[data-b2b="confirm"]');
  const label = (await confirm.textContent()) ?? '';
  await confirm.click();
  await review.locator('[data-b2b="progress"]').waitFor({ timeout: 30_000 });
  const eligible = Number(/\d+/.exec(label)?.[0] ?? '0');
  for (let i = 0; i < 120 && sandbox.graph.state().invitations.length < eligible; i++) await page.waitForTimeout(250);
  await page.waitForTimeout(1500);
  await shot(page, '04-progress.png', `${label}: progress in the page (the dialog can be closed without stopping the job)`);

  say('6. Two of the invited users accept their invitation (redeemed in the sandbox).');
  for (const invitation of sandbox.graph.state().invitations.slice(0, 2)) sandbox.graph.redeem(invitation.userId);

  say('7. The popup: account, tenant, the job and its per-user status, refreshed from Graph.');
  const popup = await browser.openPopup();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.getByRole('heading', { name: 'Recent jobs' }).waitFor({ timeout: 30_000 });
  await shot(popup, '05-popup.png', 'the popup: signed-in account and tenant, recent jobs');
  await popup.getByRole('button', { name: /^Open job from/ }).first().click();
  await popup.getByRole('heading', { name: 'Job details' }).waitFor();
  await popup.getByRole('button', { name: 'Refresh status' }).click();
  await popup.locator('tbody tr', { hasText: 'Accepted' }).first().waitFor({ timeout: 30_000 });
  await shot(popup, '06-job-detail.png', 'job detail: result per user, invitation state (2 Accepted), redeem links, CSV export');

  const applied = sandbox.graph.state().invitations.length;
  say(`\nConverted ${applied} users in the sandbox tenant; each invitation carried invitedUser.id.`);
  say(`Screenshots: ${outDir}`);
}

async function main(): Promise<void> {
  const tenant = buildDemoTenant();
  const sandbox = await startSandbox({ tenant, layout: 'random' });
  const browser = await launchBrowserWithExtension(sandbox, { headless });
  let exitCode = 0;
  try {
    say(`Sandbox tenant "${tenant.displayName}" (${tenant.users.length} users) on https://entra.microsoft.com (port ${sandbox.port}), layout "${sandbox.layout}".`);
    // The demo's embedded default: the options page filled with the sandbox app registration.
    await configureForSandbox(browser, sandbox);
    if (headless) {
      await walkThrough(browser, sandbox);
    } else {
      const { page } = await openAllUsers(browser, sandbox);
      await page.bringToFront();
      say('Chromium is open on All users. Sign in from the "Convert to external users" control, select users, convert.');
      say('Close the browser window (or press Ctrl+C) to stop.');
      await new Promise<void>((done) => {
        browser.context.on('close', () => done());
        process.once('SIGINT', () => done());
      });
    }
  } catch (error) {
    exitCode = 1;
    console.error('Demo failed:', error);
    if (headless) say(`Screenshots so far: ${outDir}`);
  } finally {
    await browser.close().catch(() => undefined);
    await sandbox.stop();
  }
  process.exit(exitCode);
}

void main();
