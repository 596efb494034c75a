// The popup, the job detail and the fallback picker on the production build against the sandbox, driven
// through their UI the way an admin does. The job parts need the worker's job operations: until those
// answer, those tests skip themselves (they say so) instead of failing.
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import type { Operation, Reply, ResponseMap } from '../../src/messages';

let sandbox: Sandbox;
let tenant: DemoTenant;
let browser: ExtensionBrowser | undefined;

beforeAll(async () => {
  tenant = buildDemoTenant();
  sandbox = await startSandbox({ tenant, layout: 'random' });
});
afterAll(async () => {
  const problems = sandbox?.contractProblems() ?? [];
  await sandbox?.stop();
  // Every request the product sent to Graph conforms to Graph's own v1.0 metadata (test/contract).
  expect(problems).toEqual([]);
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

const upnOf = (id: string) => tenant.users.find((u) => u.id === id)!.userPrincipalName;

/** One protocol request from an extension page, as the popup sends it; the worker's reply envelope. */
async function call<O extends Operation>(page: Page, op: O, payload: unknown): Promise<Reply<ResponseMap[O]>> {
  return page.evaluate(([o, p]) => chrome.runtime.sendMessage({ op: o, payload: p }), [op, payload] as const) as Promise<Reply<ResponseMap[O]>>;
}

/** A browser with the extension, configured through the options page the way an admin does. */
async function signedInBrowser(): Promise<ExtensionBrowser> {
  const b = await launchBrowserWithExtension(sandbox);
  const options = await b.openExtensionPage('popup/options.html');
  await options.getByLabel('Application (client) ID').fill(sandbox.tenant.clientId);
  await options.getByLabel('Tenant').fill(sandbox.tenant.tenantId);
  await options.getByRole('button', { name: 'Save' }).click();
  await options.getByText('Settings saved.').waitFor({ timeout: 10_000 });
  await options.close();
  return b;
}

/** Signs in by the popup's own button; the account then shows in the popup. */
async function signInFromPopup(b: ExtensionBrowser): Promise<Page> {
  const popup = await b.openPopup();
  await popup.getByRole('button', { name: 'Sign in' }).click();
  await popup.getByText('admin@contoso.com').first().waitFor({ timeout: 20_000 });
  return popup;
}

/** Pastes identifiers into the picker and waits for them to be resolved. */
async function pasteInPicker(b: ExtensionBrowser, identifiers: string[]): Promise<Page> {
  const picker = await b.openExtensionPage('popup/picker.html');
  await picker.getByLabel('User principal names or object IDs').fill(identifiers.join('\n'));
  await picker.getByRole('button', { name: 'Find these users' }).click();
  await picker.getByText(/^The pasted list: \d+ users? added/).waitFor({ timeout: 30_000 });
  return picker;
}

async function openReview(picker: Page): Promise<void> {
  await picker.getByRole('button', { name: /^Review \d+ users?$/ }).click();
  await picker.getByText('Invitation options').waitFor({ timeout: 30_000 });
}

type InviteBody = { resetRedemption?: boolean; invitedUser?: { id?: string }; invitedUserEmailAddress?: string };

/** Every POST /invitations body Graph received, direct or inside a $batch, in order. */
function invitationBodies(): InviteBody[] {
  const out: InviteBody[] = [];
  for (const r of sandbox.graph.requestLog()) {
    if (r.method !== 'POST') continue;
    if (r.path.startsWith('/v1.0/invitations')) out.push(r.body as InviteBody);
    if (r.path.startsWith('/v1.0/$batch')) {
      const inner = (r.body as { requests?: Array<{ method?: string; url?: string; body?: unknown }> } | undefined)?.requests ?? [];
      for (const q of inner) if (q.method === 'POST' && /^\/?invitations/.test(q.url ?? '')) out.push(q.body as InviteBody);
    }
  }
  return out;
}

/** True when the worker answers job operations (not the "not available yet" placeholder). */
async function jobsAvailable(page: Page): Promise<boolean> {
  try {
    const reply = await call(page, 'job/get', { jobId: 'probe-000000' });
    return reply.ok || !/not available yet/i.test(reply.error.message);
  } catch (error) {
    return !/not available yet/i.test(String(error));
  }
}

describe('popup', () => {
  it('shows the signed-in account and tenant, and whether the current tab is a recognised All users page', async () => {
    browser = await signedInBrowser();
    const popup = await signInFromPopup(browser);
    // The tenant by name; its id on hover (and behind Copy ID).
    expect(await popup.locator('[data-b2b="tenant"]').getAttribute('title')).toBe(`Tenant ID ${sandbox.tenant.tenantId}`);
    // Opened as a tab over itself: not an admin-center page; signed in, the picker is offered.
    await popup.getByRole('button', { name: 'Open the fallback picker' }).waitFor();

    const portal = await browser.context.newPage();
    await portal.goto(sandbox.urls.allUsers);
    await portal.bringToFront();
    // Without the "tabs" permission the worker cannot filter tabs by URL: the portal is the active tab now.
    const worker = await browser.worker();
    const tabId = await worker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    expect(typeof tabId).toBe('number');
    // The content script reports once it found the grid; the popup reads the report for the tab it opens over.
    await expect
      .poll(
        async () => {
          const reply = await call(popup, 'page/status', { tabId });
          return reply.ok ? reply.value.recognized : undefined;
        },
        { timeout: 45_000, interval: 500 },
      )
      .toBe(true);
    // The popup opened over the portal: in its own window, as the toolbar button's popup sits over the page.
    const opened = browser.context.waitForEvent('page', (p) => p.url().endsWith('/popup/popup.html'));
    await worker.evaluate(() => chrome.windows.create({ url: 'popup/popup.html', type: 'popup', focused: true }));
    const over = await opened;
    await over.getByText('This is an All users page').waitFor({ timeout: 10_000 });
  });
});

describe('fallback picker', () => {
  it('resolves a pasted list, lists the unknown entries, and reviews with every blocked reason before any write', async () => {
    browser = await signedInBrowser();
    await signInFromPopup(browser);
    const n = tenant.notable;
    const ids = [...n.eligible.slice(0, 3), n.synced[0]!, n.privileged[0]!, n.verifiedDomainMail];
    const picker = await pasteInPicker(browser, [...ids.map(upnOf), 'nobody@contoso.com', 'not an identifier']);
    expect(await picker.getByRole('list', { name: 'Not found' }).textContent()).toContain('nobody@contoso.com');
    expect(await picker.getByRole('list', { name: 'Not recognised' }).textContent()).toContain('not an identifier');
    await picker.getByRole('heading', { name: `Selected users (${ids.length})` }).waitFor();
    await openReview(picker);

    await picker.getByText(/synchronized from on-premises/).first().waitFor();
    await picker.getByText(/privileged directory roles/).first().waitFor();
    // The verified-domain address is flagged under its input.
    await picker.getByText(/verified domain of this tenant/).first().waitFor();
    await picker.getByText(new RegExp(`users? will be converted to external users in ${sandbox.tenant.displayName}`)).waitFor();
    // The picker shows the admin center's review dialog itself (one review UI).
    await picker.getByRole('dialog', { name: 'Convert to external users' }).waitFor();
    expect(sandbox.graph.requestLog().some((r) => r.method === 'POST' && r.path.startsWith('/v1.0/invitations'))).toBe(false);
  });
});

describe('jobs from the picker to the popup', () => {
  it('converts, lists the job, refreshes invitation states in few round trips, resets a redemption, offers retry of failed users, exports CSV', async (ctx) => {
    browser = await signedInBrowser();
    const popup = await signInFromPopup(browser);
    if (!(await jobsAvailable(popup))) ctx.skip();
    const n = tenant.notable;
    const chosen = [...n.eligible.slice(0, 6), n.convertedBack];
    const picker = await pasteInPicker(browser, chosen.map(upnOf));
    await openReview(picker);
    const convert = picker.getByRole('button', { name: /^Convert \d+ users?$/ });
    const count = Number(/\d+/.exec((await convert.textContent()) ?? '')?.[0]);
    expect(count).toBe(chosen.length);
    // The same review as in the admin center: it signs in for the invite permission first (incremental consent),
    // then shows the job's live progress.
    await convert.click();
    const progress = picker.locator('[data-b2b="progress"]');
    await progress.waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
      await picker.screenshot({ path: 'test-results/popup-e2e-convert.png', fullPage: true });
      throw e;
    });
    // Once the job is over the review says what happened, in the past tense ("Converted 6 of 7 — 1 blocked").
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toMatch(/^Converted \d+ of \d+/);

    // The popup lists the job; its detail shows one row per user.
    await popup.reload();
    await popup.getByRole('heading', { name: 'Recent jobs' }).waitFor();
    await popup.getByRole('button', { name: /users? converted/ }).first().click();
    await popup.getByRole('heading', { name: 'Job details' }).waitFor();
    const rows = popup.getByRole('list', { name: 'Users in this job' }).getByRole('listitem');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(chosen.length);

    // Two users accept; a refresh reads every state back in batches.
    const converted = n.eligible.slice(0, 6);
    sandbox.graph.redeem(converted[0]!);
    sandbox.graph.redeem(converted[1]!);
    const before = sandbox.graph.requestLog().length;
    await popup.getByRole('button', { name: 'Refresh status' }).click();
    await popup.getByText(/Invitation state refreshed for \d+ users?\./).waitFor({ timeout: 30_000 });
    // The round trips are diagnostics, in the job summary's collapsed section.
    const trips = Number(/Last refresh: (\d+) Graph round trips?/.exec((await popup.locator('details.diagnostics').first().textContent()) ?? '')?.[1]);
    expect(trips).toBeLessThanOrEqual(Math.ceil(chosen.length / 300) + 1);
    expect(sandbox.graph.requestLog().length - before).toBeLessThanOrEqual(Math.ceil(chosen.length / 300) + 1);
    await expect.poll(() => rows.filter({ hasText: 'Invitation: Accepted' }).count(), { timeout: 10_000 }).toBe(2);
    expect(await rows.filter({ hasText: 'Invitation: Pending acceptance' }).count()).toBe(converted.length - 2);
    // A redeem link is offered only while the invitation is pending (the accepted ones' were dropped by the refresh).
    expect(await rows.filter({ hasText: 'Invitation: Accepted' }).getByRole('button', { name: /^Copy link/ }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'Invitation: Pending acceptance' }).getByRole('button', { name: /^Copy link/ }).count()).toBe(converted.length - 2);

    // Reset redemption on one user sends the documented body.
    const resetUpn = upnOf(converted[0]!);
    await rows.filter({ hasText: resetUpn }).getByRole('checkbox').check();
    await popup.getByRole('button', { name: 'Reset redemption (1)' }).click();
    await popup.getByRole('alertdialog').getByRole('button', { name: 'Reset redemption' }).click();
    const signInWrite = popup.getByRole('button', { name: 'Sign in with write permission' });
    await Promise.race([signInWrite.waitFor({ timeout: 20_000 }).then(() => signInWrite.click()), popup.getByText(/Reset redemption started/).waitFor({ timeout: 20_000 })]);
    await popup.getByText(/Reset redemption started/).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => invitationBodies().some((b) => b.resetRedemption === true && b.invitedUser?.id === converted[0]), { timeout: 30_000 })
      .toBe(true);
    const reset = invitationBodies().find((b) => b.resetRedemption === true)!;
    expect(reset.invitedUserEmailAddress).toBeTruthy();

    // Retry failed re-runs only the failed users. The engine counts the converted-back user's 412 as blocked
    // (permanent), so this run may have no failed user: then the action is not offered at all (no "(0)" button).
    const retry = popup.getByRole('button', { name: /^Retry failed \(\d+\)$/ });
    const failedCount = (await retry.count()) === 0 ? 0 : Number(/\((\d+)\)/.exec((await retry.textContent()) ?? '')?.[1]);
    if (failedCount === 0) {
      expect(await popup.getByRole('button', { name: /\(0\)/ }).count()).toBe(0);
      expect(await rows.filter({ hasText: 'PreconditionFailed' }).count()).toBe(1);
    } else {
      const list = await call(popup, 'job/list', {});
      const jobId = list.ok ? [...list.value].sort((a, b) => b.createdAt - a.createdAt)[0]!.id : '';
      const failed = await call(popup, 'job/items', { jobId, offset: 0, limit: 1000, filter: 'failed' });
      const failedIds = failed.ok ? failed.value.items.map((i) => i.userId) : [];
      expect(failedIds).toHaveLength(failedCount);
      const invitesBefore = invitationBodies().length;
      await retry.click();
      await popup.getByRole('alertdialog').getByRole('button', { name: 'Retry failed' }).click();
      await expect
        .poll(() => invitationBodies().slice(invitesBefore), { timeout: 30_000 })
        .toSatisfy((bodies: InviteBody[]) => bodies.length >= 1 && bodies.every((b) => failedIds.includes(b.invitedUser?.id ?? '')));
    }

    // Export: the CSV parses back to one row per user.
    const download = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    const text = await new Response((await file.createReadStream()) as unknown as ReadableStream).text();
    const csv = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(csv.map((r) => r.userId).sort()).toEqual([...chosen].sort());
    expect(csv.every((r) => r.tenantId === sandbox.tenant.tenantId && r.ranBy === 'admin@contoso.com')).toBe(true);
    // No redeem-link column unless the admin asks for it.
    expect(Object.keys(csv[0]!)).not.toContain('inviteRedeemUrl');
  });
});
