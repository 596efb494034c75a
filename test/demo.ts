// `npm run demo`: the extension in Chromium against the local sandbox tenant (Contoso, 240 users).
// With a display, it opens a real browser window on the All users page and waits until you close it.
// Without one (or with --headless), it walks through the main job and saves screenshots, naming the folder.
// `--lang de` (or fr, en) starts Chromium in that language: the extension speaks it, the screenshots show it.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchBrowserWithExtension, type ExtensionBrowser } from './sandbox/browser';
import { buildDemoTenant } from './sandbox/demo-tenant';
import { startSandbox, type Sandbox } from './sandbox/index';
import { configureForSandbox } from './e2e/support';
import { localeNames } from './support/i18n';
import { containsSameText, sameText, showIn, t, tn } from './support/shown-text';

/** Chrome Web Store and Edge Add-ons take 1280×800 (or 640×400 / 640×480); AMO takes any 1.6:1 up to 2400×1500. */
const STORE_SCREENSHOT = { width: 1280, height: 800 };

const ROW = '[data-automationid="DetailsRow"]';
/** The All users grid of the replica (the tabs layout keeps other, hidden lists beside it). */
const ALL_USERS = '[data-replica-list="all-users"]';
const CHECK = '[data-automationid="DetailsRowCheck"]';

const headless = process.argv.includes('--headless') || !process.env.DISPLAY;
/** `--lang de` or `--lang=de`: the browser's language (default English). */
function langArgument(): string {
  const at = process.argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  if (at < 0) return 'en';
  const arg = process.argv[at]!;
  const value = arg.startsWith('--lang=') ? arg.slice('--lang='.length) : (process.argv[at + 1] ?? '');
  if (!localeNames().includes(value)) {
    process.stderr.write(`--lang needs one of the extension's languages (${localeNames().join(', ')}), e.g. --lang de; got "${value}".\n`);
    process.exit(2);
  }
  return value;
}
const lang = langArgument();
const outDir = resolve('.demo-output', `${new Date().toISOString().replace(/[:.]/g, '-')}${lang === 'en' ? '' : `-${lang}`}`);

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function shot(page: Page, name: string, caption: string): Promise<void> {
  const file = join(outDir, name);
  await page.screenshot({ path: file, fullPage: false });
  say(`  📸 ${name}: ${caption}`);
}

async function openAllUsers(browser: ExtensionBrowser, sandbox: Sandbox, theme?: 'dark'): Promise<{ page: Page; grid: FrameLocator }> {
  const page = await browser.context.newPage();
  // 1280×800: the screenshot size the Chrome Web Store, Edge Add-ons and addons.mozilla.org all accept.
  await page.setViewportSize(STORE_SCREENSHOT);
  const url = new URL(sandbox.urls.allUsers);
  if (theme) url.searchParams.set('theme', theme);
  await page.goto(url.toString());
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
  await grid.locator(`button[data-b2b="convert"][title="${t('content_why_noSelection')}"]`).waitFor({ timeout: 30_000 });

  say('3. Select partner accounts with the grid\'s own checkboxes, plus a synced and a privileged user.');
  const byId = (id: string) => tenant.users.find((u) => u.id === id)!.userPrincipalName;
  const picks = [...tenant.notable.eligible.slice(0, 6), tenant.notable.synced[0]!, tenant.notable.privileged[0]!];
  for (const id of picks) await selectByUpn(grid, byId(id));
  await grid.locator(`${ALL_USERS} input.ms-SearchBox-field`).fill('');
  await grid.getByRole('button', { name: tn('content_selectAllFound', tenant.users.length) }).waitFor();
  const showSelected = grid.getByRole('button', { name: t('content_showSelected', { count: picks.length }) });
  await showSelected.click();
  await grid.locator('[data-b2b="selected-list"] li').first().waitFor();
  await shot(page, '02-selected.png', `${picks.length} users selected, kept across search and scroll; Show selected lists them`);
  await showSelected.click();

  say('4. Review: pre-flight through Graph in batches; blocked users carry their reason; nothing written yet.');
  await grid.locator('button[data-b2b="convert"]').click();
  // The review is the extension's own page, framed over the grid: no page script can reach it.
  const review = grid.frameLocator('iframe[data-b2b="review-frame"]');
  await review.locator('[data-b2b="review-list"]').waitFor({ timeout: 30_000 });
  // The confirm button names how many users it converts once the pre-flight is done.
  await review.locator('button[data-b2b="confirm"]', { hasText: /\d/ }).waitFor({ state: 'visible', timeout: 30_000 });
  // The framed document paints after the outer page: give the compositor a frame before the screenshot.
  await page.waitForTimeout(300);
  await shot(page, '03-review.png', 'the review dialog: proposed emails, eligibility and reasons, options, tenant summary');

  say('5. Convert: the job runs in the worker; the dialog follows its progress.');
  const confirm = review.locator('button[data-b2b="confirm"]');
  const label = (await confirm.textContent()) ?? '';
  await confirm.click();
  await review.locator('[data-b2b="progress"]').waitFor({ timeout: 30_000 });
  const eligible = Number(/\d+/.exec(label)?.[0] ?? '0');
  for (let i = 0; i < 120 && sandbox.graph.state().invitations.length < eligible; i++) await page.waitForTimeout(250);
  await page.waitForTimeout(1500);
  await shot(page, '04-progress.png', `${label}: the result in the page, in the past tense (closing the dialog never stops a job)`);

  say('6. Two of the invited users accept their invitation (redeemed in the sandbox).');
  for (const invitation of sandbox.graph.state().invitations.slice(0, 2)) sandbox.graph.redeem(invitation.userId);

  say('7. The popup: account, tenant, the job and its per-user status, refreshed from Graph.');
  const popup = await browser.openPopup();
  await popup.setViewportSize({ width: 420, height: 640 });
  await popup.locator('#history-h').waitFor({ timeout: 30_000 });
  await shot(popup, '05-popup.png', 'the popup: signed-in account and tenant, recent jobs');
  await popup.locator('button.history-open').first().click();
  await popup.locator('h1').first().waitFor();
  await popup.getByRole('button', { name: sameText('Refresh status', lang) }).click();
  await popup.locator('li.item-row', { hasText: containsSameText('Accepted', lang) }).first().waitFor({ timeout: 30_000 });
  await shot(popup, '06-job-detail.png', 'job detail: result per user, invitation state (2 Accepted), redeem links, CSV export');

  say('8. The same job as a full page (from the popup\'s "open in a tab"), at the stores\' screenshot size.');
  const jobId = await popup.evaluate(async () => {
    const reply = (await chrome.runtime.sendMessage({ op: 'job/list', payload: {} })) as { ok: boolean; value?: Array<{ id: string }> };
    return reply.value?.[0]?.id ?? '';
  });
  const jobPage = await browser.openExtensionPage(`popup/popup.html?view=tab&job=${encodeURIComponent(jobId)}`);
  await jobPage.setViewportSize(STORE_SCREENSHOT);
  await jobPage.locator('h1').first().waitFor({ timeout: 30_000 });
  await jobPage.locator('li.item-row').first().waitFor({ timeout: 30_000 });
  await shot(jobPage, '07-job-page.png', 'the job as a full page: per-user results, invitation state, follow-ups, CSV export');

  say('9. A second job where Graph refuses one user: the popup says "Finished with 1 failed", the badge shows it.');
  const send = (op: string, payload: unknown) =>
    popup.evaluate(([o, p]) => chrome.runtime.sendMessage({ op: o, payload: p }), [op, payload] as const) as Promise<{ ok: boolean; value: never }>;
  const pre = (await send('users/preflight', { userIds: tenant.notable.eligible.slice(6, 10) })).value as {
    tenantId: string;
    defaultRedirectUrl: string;
    users: Array<{ id: string; userPrincipalName: string; displayName: string; proposedEmail: string; eligibility: string }>;
  };
  const chosen = pre.users.filter((u) => u.eligibility !== 'blocked');
  sandbox.graph.setFaults({ rejectInvitations: { userIds: [chosen[0]!.id], status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
  await send('job/submit', {
    items: chosen.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
    options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
    expectedTenantId: pre.tenantId,
  });
  await popup.reload();
  await popup.locator('button.history-open', { hasText: tn('state_finishedFailed', 1) }).first().waitFor({ timeout: 60_000 });
  await shot(popup, '08-finished-with-failure.png', 'a finished job with a failure: "Finished with 1 failed" in the danger colour, time secondary');
  sandbox.graph.setFaults({});

  say('10. The admin center in its dark theme: the control follows the portal, not the OS.');
  const dark = await openAllUsers(browser, sandbox, 'dark');
  await selectByUpn(dark.grid, byId(tenant.notable.eligible[12]!));
  await shot(dark.page, '09-dark-portal.png', 'the control in the dark admin center (text ≥ 4.5:1)');

  say('11. In the page, a job where Graph refuses one user: the dialog says what happened, names the user with the advice and Graph\'s code, and offers Select the failed users, Retry failed and View results.');
  const refused = tenant.notable.eligible[14]!;
  for (const id of [tenant.notable.eligible[13]!, refused]) await selectByUpn(dark.grid, byId(id));
  sandbox.graph.setFaults({ rejectInvitations: { userIds: [refused], status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
  await dark.grid.locator('button[data-b2b="convert"]').click();
  const darkReview = dark.grid.frameLocator('iframe[data-b2b="review-frame"]');
  await darkReview.locator('button[data-b2b="confirm"]:not([disabled])').waitFor({ timeout: 30_000 });
  await darkReview.locator('button[data-b2b="confirm"]').click();
  await darkReview.locator('[data-b2b="failed-users"] li').first().waitFor({ timeout: 60_000 });
  await dark.page.waitForTimeout(300);
  await shot(dark.page, '10-in-page-result-failure.png', `in the page, past tense: "${(await darkReview.locator('[data-b2b="result"]').textContent()) ?? ''}", the failed user with Graph's code`);
  sandbox.graph.setFaults({});

  const applied = sandbox.graph.state().invitations.length;
  say(`\nConverted ${applied} users in the sandbox tenant; each invitation carried invitedUser.id.`);
  say(`Screenshots: ${outDir}`);
}

async function main(): Promise<void> {
  // What the extension shows in this language, for the walk-through's waits (the same catalogue it reads).
  showIn(lang);
  const tenant = buildDemoTenant();
  const sandbox = await startSandbox({ tenant, layout: 'random' });
  const browser = await launchBrowserWithExtension(sandbox, { headless, lang });
  let exitCode = 0;
  try {
    say(`Sandbox tenant "${tenant.displayName}" (${tenant.users.length} users) on https://entra.microsoft.com (port ${sandbox.port}), layout "${sandbox.layout}", language "${lang}".`);
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
