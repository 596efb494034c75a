// A hostile admin-center page against the review, on the production build, in both grid layouts. Page scripts run in
// the main world of the grid's frame and of the top page (Playwright's frame.evaluate / page.evaluate): they try to
// reach the review's inputs (emails, add-to-otherMails, cc, redirect, message, the include boxes of blocked users,
// the privileged override) and its Convert button, forge messages to and from it, call the extension from the page,
// reload the review with URL parameters of their own, and lay decoys over it. Nothing they do reaches Graph; a decoy
// keeps Convert disabled; and the admin's own click converts exactly what the admin saw. Run after `npx vite build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/review-tamper.e2e.ts
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { directoryWrites, openAllUsers, type PortalPage } from './portal-page';

const ATTACKER = 'attacker@evil.example';

/** Everything a page script can try against the review frame from the grid frame's main world. */
function tamperFromGridFrame([attacker, blockedIds]: readonly [string, string[]]) {
  const report: Record<string, string> = {};
  const host = document.querySelector('b2b-convert-review-frame');
  const iframe = host?.shadowRoot?.querySelector('iframe') ?? null;
  report.frameFound = iframe ? 'yes' : 'no';
  if (!iframe) return report;
  try {
    report.contentDocument = iframe.contentDocument === null ? 'null' : 'READABLE';
  } catch {
    report.contentDocument = 'threw';
  }
  try {
    const inputs = iframe.contentWindow!.document.querySelectorAll('input');
    report.inputs = `READABLE ${inputs.length}`;
  } catch {
    report.inputs = 'threw';
  }
  // Forged instructions to the review, every field the write depends on.
  const forged = { b2b: 'review', kind: 'edit', email: attacker, addToOtherMails: true, ccRecipient: attacker, inviteRedirectUrl: 'https://evil.example/', customizedMessageBody: 'pwned', include: blockedIds, privilegedOverride: true, confirm: true };
  iframe.contentWindow!.postMessage(forged, '*');
  // A forged "close" to the content script, naming the review frame as its source (synthetic: not trusted).
  window.dispatchEvent(new MessageEvent('message', { data: { b2b: 'review', kind: 'close' }, source: iframe.contentWindow, origin: 'chrome-extension://ggklaglfgknobpkjjlbjjbdohkadcjbf' }));
  window.dispatchEvent(new MessageEvent('message', { data: { b2b: 'review', kind: 'submitted', userIds: [] }, source: iframe.contentWindow }));
  // The extension's worker, from the page's main world.
  const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
  report.runtime = typeof runtime?.sendMessage === 'function' ? 'available' : 'absent';
  // Keyboard: focus the review and press Enter (a synthetic key reaches only this document).
  iframe.focus();
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  return report;
}

function tamperFromTopPage(attacker: string) {
  const report: Record<string, string> = {};
  const grid = document.querySelector<HTMLIFrameElement>('iframe#reactview');
  try {
    report.gridDocument = grid?.contentDocument === null ? 'null' : 'READABLE';
  } catch {
    report.gridDocument = 'threw';
  }
  grid?.contentWindow?.postMessage({ b2b: 'review', kind: 'edit', email: attacker, confirm: true }, '*');
  for (let i = 0; i < (grid?.contentWindow?.length ?? 0); i++) grid!.contentWindow![i]!.postMessage({ b2b: 'review', kind: 'edit', email: attacker, confirm: true }, '*');
  report.nestedFrames = String(grid?.contentWindow?.length ?? 0);
  return report;
}

/** A decoy laid over part of a frame element in `doc` (pointer-events: none, so clicks fall through to what it hides). */
function layDecoy([selector, inShadow]: readonly [string, boolean]) {
  const target = inShadow ? document.querySelector('b2b-convert-review-frame')?.shadowRoot?.querySelector(selector) : document.querySelector(selector);
  const r = target!.getBoundingClientRect();
  const decoy = document.createElement('div');
  decoy.id = 'decoy';
  decoy.textContent = 'Click here to continue';
  decoy.style.cssText = `position:fixed;left:${r.left}px;top:${r.bottom - 90}px;width:${r.width}px;height:90px;z-index:2147483647;pointer-events:none;background:#fff;color:#000;font:20px sans-serif`;
  document.body.append(decoy);
}

describe.each(['grid', 'table'] as const)('a hostile page against the review, %s layout', (layout) => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  let gridFrame: Frame;
  let page: Page;
  const tenant: DemoTenant = buildDemoTenant();
  const n = tenant.notable;
  const user = (id: string) => tenant.users.find((u) => u.id === id)!;
  const eligible = [n.eligible[20]!, n.eligible[21]!];
  const blocked = [n.synced[0]!, n.privileged[0]!];

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
    page = p.page;
    // Tall enough that the replica's 720-px grid frame fits below its top bar, as the real blade fits the window:
    // IntersectionObserver v2 reports a dialog cut off by the window's edge as not fully visible.
    await page.setViewportSize({ width: 1280, height: 900 });
    gridFrame = page.frames().find((f) => /\.reactblade\.portal\.azure\.net$/.test(new URL(f.url()).host))!;
    await p.signInFromControl();
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('page scripts cannot reach the review, forge its messages or call the extension; nothing reaches Graph', async () => {
    for (const id of [...eligible, ...blocked]) await p.selectBySearch(id);
    await p.search('', 240);
    sandbox.graph.clearLog();
    await p.openReview();
    const before = await p.reviewIds();
    expect(before.sort()).toEqual([...eligible, ...blocked].map((id) => id.toLowerCase()).sort());
    const fromGrid = await gridFrame.evaluate(tamperFromGridFrame, [ATTACKER, blocked] as const);
    expect(fromGrid).toEqual({ frameFound: 'yes', contentDocument: 'null', inputs: 'threw', runtime: 'absent' });
    const fromTop = await page.evaluate(tamperFromTopPage, ATTACKER);
    expect(fromTop.gridDocument).toBe('null');
    await page.waitForTimeout(300);

    // The review is still open, unchanged: Graph's addresses, nothing ticked for blocked users, no override.
    expect(await p.reviewFrame().count()).toBe(1);
    expect((await p.reviewIds()).sort()).toEqual(before.sort());
    for (const id of eligible) expect(await p.reviewRow(id).locator('input[type="email"]').inputValue()).toBe(user(id).mail);
    for (const id of blocked) {
      expect(await p.reviewRow(id).getAttribute('data-status')).toBe('blocked');
      expect(await p.reviewRow(id).locator('input[type="checkbox"]').first().isChecked()).toBe(false);
    }
    expect(await p.review.locator('[data-b2b="add-other-mails"]:checked').count()).toBe(0);
    expect(await p.review.locator('input[data-b2b="send-invitation"]').isChecked()).toBe(false);
    expect(await p.review.locator('input[data-b2b="redirect-url"]').inputValue()).toBe(`https://myapps.microsoft.com/?tenantid=${tenant.tenantId}`);
    expect(await p.confirmCount()).toBe(eligible.length);
    expect(directoryWrites(sandbox)).toEqual([]);
    expect(sandbox.graph.state().invitations).toEqual([]);
  });

  it('reloading the review with URL parameters of the page’s own changes nothing: the selection comes from the worker', async () => {
    await gridFrame.evaluate(
      ([blockedIds, attacker]) => {
        const iframe = document.querySelector('b2b-convert-review-frame')!.shadowRoot!.querySelector('iframe')!;
        iframe.src = `${iframe.src.split(/[?#]/)[0]}?userIds=${blockedIds.join(',')}&email=${encodeURIComponent(attacker)}&privilegedOverride=1#confirm`;
      },
      [blocked, ATTACKER] as const,
    );
    await p.review.locator('[data-b2b="review-list"]').waitFor({ timeout: 30_000 });
    expect((await p.reviewIds()).sort()).toEqual([...eligible, ...blocked].map((id) => id.toLowerCase()).sort());
    for (const id of eligible) expect(await p.reviewRow(id).locator('input[type="email"]').inputValue()).toBe(user(id).mail);
    expect(await p.confirmCount()).toBe(eligible.length);
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('a decoy over the review, in the grid frame or in the top page, or a see-through review keeps Convert disabled', async () => {
    // The page reloaded the review (above), which took its focus: Convert waits until the admin clicks in it.
    expect(await p.confirm().isDisabled()).toBe(true);
    await p.dialog().locator('h2').click();
    await expect.poll(() => p.confirm().isEnabled(), { timeout: 10_000 }).toBe(true);

    await gridFrame.evaluate(layDecoy, ['iframe', true] as const);
    await expect.poll(() => p.confirm().isDisabled(), { timeout: 5_000 }).toBe(true);
    expect(await p.review.locator('#b2b-confirm-why').textContent()).toMatch(/fully visible/);
    await p.confirm().click({ force: true }); // the admin's click falls through the decoy: refused
    await gridFrame.evaluate(() => document.getElementById('decoy')!.remove());
    await expect.poll(() => p.confirm().isEnabled(), { timeout: 5_000 }).toBe(true);

    await page.evaluate(layDecoy, ['iframe#reactview', false] as const);
    await expect.poll(() => p.confirm().isDisabled(), { timeout: 5_000 }).toBe(true);
    await p.confirm().click({ force: true });
    await page.evaluate(() => document.getElementById('decoy')!.remove());
    await expect.poll(() => p.confirm().isEnabled(), { timeout: 5_000 }).toBe(true);

    await gridFrame.evaluate(() => ((document.querySelector('b2b-convert-review-frame') as HTMLElement).style.opacity = '0.05'));
    await expect.poll(() => p.confirm().isDisabled(), { timeout: 5_000 }).toBe(true);
    await p.confirm().click({ force: true });
    await gridFrame.evaluate(() => ((document.querySelector('b2b-convert-review-frame') as HTMLElement).style.opacity = ''));
    await expect.poll(() => p.confirm().isEnabled(), { timeout: 5_000 }).toBe(true);

    expect(directoryWrites(sandbox)).toEqual([]);
    expect(sandbox.graph.state().invitations).toEqual([]);
  });

  it('the admin’s own click converts exactly what the admin saw', async () => {
    // What the review shows, read from it just before the click.
    const shown = await p.review.locator('tr[data-b2b="review-row"]').evaluateAll((rows) =>
      rows
        .filter((r) => (r.querySelector('input[type="checkbox"]') as HTMLInputElement | null)?.checked)
        .map((r) => ({ id: r.getAttribute('data-user-id')!.toLowerCase(), email: (r.querySelector('input[type="email"]') as HTMLInputElement).value })),
    );
    expect(shown.map((s) => s.id).sort()).toEqual(eligible.map((id) => id.toLowerCase()).sort());
    const redirect = await p.review.locator('input[data-b2b="redirect-url"]').inputValue();

    await p.clickConfirm();
    const progress = p.review.locator('[data-b2b="progress"]');
    await progress.waitFor({ timeout: 30_000 });
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toBe(`Converted ${eligible.length} user${eligible.length === 1 ? '' : 's'}`);

    const invitations = sandbox.graph.state().invitations;
    expect(invitations.map((i) => ({ id: i.userId.toLowerCase(), email: (i.request as { invitedUserEmailAddress?: string }).invitedUserEmailAddress })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...shown].sort((a, b) => a.id.localeCompare(b.id)),
    );
    for (const inv of invitations) {
      // The review names the signed-in admin as sponsor by default (issue 14); a page script cannot change that either.
      expect(inv.request).toEqual({
        invitedUserEmailAddress: user(inv.userId).mail,
        inviteRedirectUrl: redirect,
        sendInvitationMessage: false,
        invitedUser: { id: inv.userId },
        invitedUserSponsors: [{ id: tenant.adminUserId }],
      });
    }
    // Invitations only: no otherMails, no user type, nothing for the blocked users.
    expect(directoryWrites(sandbox).sort()).toEqual(eligible.map(() => 'POST /invitations'));
  });
});
