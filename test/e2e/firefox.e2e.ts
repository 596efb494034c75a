// The production Firefox package (dist/firefox) in Debian's Firefox ESR over WebDriver BiDi, against the same
// sandbox as the Chromium suite (reached through a CONNECT proxy on the real hostnames): the admin's main path —
// options, sign-in (MSAL in the event page, identity.launchWebAuthFlow with Firefox's redirect URL), selection in
// the cross-origin grid frame, review, convert, popup status — and a job that goes on after Firefox unloaded the
// idle event page and something woke it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { FIREFOX_REDIRECT_URI, GECKO_ID } from '../../src/extension-ids';
import { launchFirefoxWithExtension, type FirefoxExtensionBrowser } from '../sandbox/firefox';
import { buildDemoTenant, startSandbox, type Sandbox } from '../sandbox/index';
import { DEMO_ADMIN_UPN } from '../sandbox/demo-tenant';
import type { Operation, Reply, ResponseMap } from '../../src/messages';
import { invitationTargets } from './support';
import { until } from './portal-page';

const ROW = '[data-automationid="DetailsRow"]';
const CHECK = '[data-automationid="DetailsRowCheck"]';
/** The All users list (the replica's `tabs` layout keeps other lists, hidden, beside it). */
const LIST = '[data-replica-list="all-users"]';
/** Firefox unloads an idle event page after this long (its default is 30 s). */
const IDLE_UNLOAD_MS = 2_000;

let sandbox: Sandbox;
let ff: FirefoxExtensionBrowser | undefined;
const tenant = buildDemoTenant();

beforeAll(async () => {
  sandbox = await startSandbox({ tenant, log: () => undefined });
});
afterEach(async () => {
  await ff?.close();
  ff = undefined;
  sandbox.graph.setFaults({});
});
afterAll(async () => {
  await sandbox?.stop();
});

/** An element found by its accessible role and name, as an admin (or a screen reader) finds it. */
const byRole = (role: string, name: string) => `::-p-aria([role="${role}"][name="${name}"])`;

async function call<O extends Operation>(page: Page, op: O, payload: unknown): Promise<Reply<ResponseMap[O]>> {
  return page.evaluate((o, p) => chrome.runtime.sendMessage({ op: o, payload: p }), op, payload) as Promise<Reply<ResponseMap[O]>>;
}

async function configureViaOptions(browser: FirefoxExtensionBrowser): Promise<Page> {
  const options = await browser.openExtensionPage('popup/options.html');
  await options.locator(byRole('textbox', 'Application (client) ID')).fill(tenant.clientId);
  await options.locator(byRole('textbox', 'Tenant')).fill(tenant.tenantId);
  await options.locator(byRole('button', 'Save')).click();
  await options.waitForFunction(() => document.body.innerText.includes('Settings saved.'), { timeout: 10_000 });
  return options;
}

/** The cross-origin React-view frame that holds the grid, once our control is in it. */
async function gridFrame(page: Page): Promise<Frame> {
  return until(
    async () => {
      for (const f of page.frames()) {
        if (!/reactblade/.test(f.url())) continue;
        if (await f.$('b2b-convert-control').catch(() => null)) return f;
      }
      return undefined;
    },
    (f) => f !== undefined,
    30_000,
    'the grid frame with the control',
  ) as Promise<Frame>;
}

const text = (frame: Frame, selector: string) => frame.$eval(selector, (el) => el.textContent ?? '').catch(() => '');

describe('Firefox ESR, production package', () => {
  it('main path: options, sign-in, select in the grid frame, review, convert, popup status', async () => {
    ff = await launchFirefoxWithExtension(sandbox);
    expect(ff.geckoId).toBe(GECKO_ID);

    const options = await configureViaOptions(ff);
    // Firefox's own redirect URI is the one this browser uses; the Chromium one is listed beside it.
    const shown = await options.evaluate(() => document.body.innerText);
    expect(shown).toContain(FIREFOX_REDIRECT_URI);
    expect(shown).toContain('chromiumapp.org/');

    const page = await ff.openPage(sandbox.urls.allUsers);
    const grid = await gridFrame(page);
    await grid.waitForSelector(`${LIST} ${ROW}`);
    await until(() => grid.$eval('b2b-convert-control >>> button[data-b2b="convert"]', (b) => b.getAttribute('title') ?? ''), (t) => /^Not signed in/.test(t), 30_000, 'the control to offer sign-in');
    await grid.locator('b2b-convert-control >>> button[data-b2b="sign-in"]').click();
    await until(() => grid.$eval('b2b-convert-control >>> button[data-b2b="convert"]', (b) => b.getAttribute('title') ?? ''), (t) => /Select users/.test(t), 30_000, 'the control to see the sign-in');
    // The interactive step went through the authority with Firefox's redirect URI.
    expect(sandbox.login.log().some((e) => e.endpoint === 'authorize' && e.params.redirect_uri === FIREFOX_REDIRECT_URI)).toBe(true);

    const picks = tenant.notable.eligible.slice(0, 3);
    const synced = tenant.notable.synced[0]!;
    for (const id of [...picks, synced]) {
      const upn = tenant.users.find((u) => u.id === id)!.userPrincipalName;
      await grid.locator(`${LIST} input.ms-SearchBox-field`).fill(upn);
      await until(() => grid.$$eval(`${LIST} ${ROW}`, (rows) => rows.map((r) => r.textContent ?? '')), (rows) => rows.length === 1 && rows[0]!.includes(upn), 15_000, `the grid to show only ${upn}`);
      await grid.locator(`${LIST} ${ROW} ${CHECK}`).click();
    }
    await until(() => text(grid, 'b2b-convert-control >>> [data-b2b="count"]'), (t) => t === '4 selected', 10_000, '4 selected');

    await grid.locator('b2b-convert-control >>> button[data-b2b="convert"]').click();
    // Firefox has neither location.ancestorOrigins nor IntersectionObserver v2, so a framed review could not prove it
    // is seen: the review opens in the extension's own window instead (the page never frames it).
    const review = await until(
      async () => {
        // Puppeteer does not see a navigation to an extension page finish (its url() can stay about:blank): ask the page.
        for (const pg of await ff!.browser.pages()) {
          const href = await pg.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(`${ff!.extensionOrigin}/review/review.html`)) return pg;
        }
        return undefined;
      },
      (pg) => pg !== undefined,
      30_000,
      'the review window',
    ).catch(async (e) => {
      console.log('PAGES', (await ff!.browser.pages()).map((pg) => pg.url()));
      console.log('CONTROL', await grid.evaluate(() => { const h = document.querySelector('b2b-convert-control'); return h?.shadowRoot?.textContent ?? 'closed'; }).catch((x) => String(x)));
      throw e;
    }) as Page;
    expect(await grid.$('b2b-convert-review-frame')).toBeNull();
    const outcome = await until(
      () => review.evaluate(() => {
        // The review renders in a shadow root of its own page.
        const roots: ParentNode[] = [document];
        for (let i = 0; i < roots.length; i++) for (const el of roots[i]!.querySelectorAll('*')) if (el.shadowRoot) roots.push(el.shadowRoot);
        const find = (sel: string) => roots.map((r) => r.querySelector(sel)).find(Boolean);
        if (find('[data-b2b="review-list"]')) return 'list';
        const error = find('[data-b2b="preflight-error"]');
        return error ? `error: ${error.textContent}` : (find('[role="dialog"]')?.textContent ?? 'no dialog').slice(0, 300);
      }).catch(() => 'loading'),
      (o) => o === 'list' || o.startsWith('error'),
      30_000,
      'the review to list the users',
    );
    expect(outcome).toBe('list');
    const reviewed = await review.$$eval('pierce/tr[data-b2b="review-row"]', (rows) => rows.map((r) => r.getAttribute('data-user-id')!.toLowerCase()));
    expect(reviewed.sort()).toEqual([...picks, synced].map((i) => i.toLowerCase()).sort());
    expect(sandbox.graph.state().invitations).toHaveLength(0);
    await until(() => review.$eval('pierce/button[data-b2b="confirm"]', (b) => (b as HTMLButtonElement).disabled).catch(() => true), (disabled) => !disabled, 20_000, 'Convert to be enabled');
    const confirm = await review.waitForSelector('pierce/button[data-b2b="confirm"]');
    expect(await confirm!.evaluate((b) => b.textContent)).toBe('Convert 3 users');
    await confirm!.click();

    await until(async () => sandbox.graph.state().invitations.length, (n) => n === 3, 60_000, 'three invitations');
    // Exactly the reviewed, eligible users; the synced one was blocked and never written.
    expect(invitationTargets(sandbox).map((i) => i.toLowerCase()).sort()).toEqual(picks.map((i) => i.toLowerCase()).sort());
    // The review in its own window tells the admin-center tab it came from (tabs.sendMessage, which the content
    // script takes from the review page only) to let go of the submitted users: the synced one stays selected.
    await until(() => text(grid, 'b2b-convert-control >>> [data-b2b="count"]'), (t) => t === '1 selected', 15_000, '1 selected');

    const popup = await ff.openExtensionPage('popup/popup.html');
    await popup.waitForFunction((upn: string) => document.body.innerText.includes(upn), { timeout: 20_000 }, DEMO_ADMIN_UPN);
    await popup.waitForFunction(() => /3 of 3 users converted/.test(document.body.innerText), { timeout: 30_000 });
  });

  it('a job goes on after Firefox unloads the idle event page and something wakes it', async () => {
    ff = await launchFirefoxWithExtension(sandbox, { prefs: { 'extensions.background.idle.timeout': IDLE_UNLOAD_MS } });
    const page = await configureViaOptions(ff);
    const signIn = await call(page, 'auth/signIn', { tier: 'invite' });
    expect(signIn.ok).toBe(true);
    const before = sandbox.graph.state().invitations.length;
    const pre = await call(page, 'users/preflight', { userIds: tenant.notable.eligible.slice(3, 13) });
    if (!pre.ok) throw new Error(JSON.stringify(pre.error));
    const eligible = pre.value.users.filter((u) => u.eligibility !== 'blocked');
    // Every invitation answers 429 with an 8 s Retry-After for the next second: the job waits on a timer, the
    // event page has nothing to do, and Firefox unloads it (the timer dies with it).
    sandbox.graph.setFaults({ throttle: { paths: 'invitations', retryAfterSec: 8, untilMs: Date.now() + 1_500 } });
    const submitted = await call(page, 'job/submit', {
      items: eligible.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
      options: { sendInvitationMessage: false, inviteRedirectUrl: pre.value.defaultRedirectUrl, setUserTypeGuest: false },
      expectedTenantId: pre.value.tenantId,
    });
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error));
    const loginCalls = sandbox.login.log().length;
    await page.close();

    // Unloaded: the background page is gone from the extension's views (asking this does not wake it).
    const watcher = await ff.openExtensionPage('popup/options.html');
    const backgroundAlive = () => watcher.evaluate(() => chrome.extension.getViews().some((w) => w.location.pathname.includes('background')));
    await until(backgroundAlive, (alive) => !alive, 30_000, 'Firefox to unload the idle event page');
    expect(sandbox.graph.state().invitations.length).toBe(before);

    // Woken by a message (the popup asking for the job); the job picks up where it was, and exactly once.
    const woke = await ff.openExtensionPage('popup/options.html');
    await until(
      async () => {
        const r = await call(woke, 'job/get', { jobId: submitted.value.jobId });
        return r.ok ? r.value.state : 'error';
      },
      (s) => s === 'completed',
      60_000,
      'the job to finish after the wake',
    );
    const targets = invitationTargets(sandbox).map((i) => i.toLowerCase());
    for (const u of eligible) expect(targets.filter((t) => t === u.id.toLowerCase()).length).toBeGreaterThanOrEqual(1);
    expect(sandbox.graph.state().invitations.length - before).toBe(eligible.length);
    // The new page had no token in memory: it renewed silently through the browser's sign-in session.
    expect(sandbox.login.log().slice(loginCalls).some((e) => e.endpoint === 'authorize' && e.params.prompt === 'none')).toBe(true);
  });

  it('host access withheld: the popup and the options page say so and ask for it with one click', async () => {
    // Firefox asks the user for optional access with a prompt; with this pref it grants without one (the click and
    // the permissions.request call are still the extension's own).
    ff = await launchFirefoxWithExtension(sandbox, { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
    const options = await configureViaOptions(ff);
    const revoked = ['https://graph.microsoft.com/*', 'https://*.reactblade.portal.azure.net/*'];
    // What a user does in about:addons → Permissions: withdraw host access the extension asked for at install.
    expect(await options.evaluate((origins: string[]) => chrome.permissions.remove({ origins }), revoked)).toBe(true);

    const popup = await ff.openExtensionPage('popup/popup.html');
    await popup.waitForFunction(() => /has not given this extension access to graph\.microsoft\.com, \*\.reactblade\.portal\.azure\.net/.test(document.body.innerText), { timeout: 10_000 });
    expect(await popup.$(byRole('button', 'Allow access'))).not.toBeNull();
    await popup.close();

    await options.waitForFunction(() => /has not given this extension access to graph\.microsoft\.com/.test(document.body.innerText), { timeout: 10_000 });
    await options.locator(byRole('button', 'Allow access')).click();
    await options.waitForFunction(() => !/has not given this extension access/.test(document.body.innerText), { timeout: 10_000 });
    expect(await options.evaluate((origins: string[]) => chrome.permissions.contains({ origins }), revoked)).toBe(true);
  });

  it('managed configuration: settings an administrator deploys through Firefox reach the options page and the background', async () => {
    // Firefox fills storage.managed from enterprise policy (policies.json → 3rdparty → Extensions → add-on id) or
    // from a managed-storage manifest; the second can be given to one browser process through its HOME.
    const home = mkdtempSync(join(tmpdir(), 'b2b-firefox-home-'));
    try {
      mkdirSync(join(home, '.mozilla', 'managed-storage'), { recursive: true });
      const data = { clientId: tenant.clientId, tenant: tenant.tenantId, cloud: 'Global' };
      writeFileSync(join(home, '.mozilla', 'managed-storage', `${GECKO_ID}.json`), JSON.stringify({ name: GECKO_ID, description: 'B2B Convert for Entra', type: 'storage', data }));
      ff = await launchFirefoxWithExtension(sandbox, { env: { HOME: home } });
      const options = await ff.openExtensionPage('popup/options.html');
      await options.waitForFunction(() => (document.body.innerText.match(/Managed by your organization/g) ?? []).length === 3, { timeout: 10_000 });
      expect(await options.$eval(byRole('textbox', 'Application (client) ID'), (el) => (el as HTMLInputElement).value)).toBe(tenant.clientId);
      const status = await call(options, 'auth/status', {});
      expect(status.ok && status.value).toMatchObject({ configured: true, configuredTenant: tenant.tenantId, cloud: 'Global' });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
