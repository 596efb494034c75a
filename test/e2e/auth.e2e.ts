// Sign-in on the production build against the login and Graph emulators: configuration by the options page
// and by enterprise policy, sign-in, the worker restarting without a new sign-in, sign-out, the consent,
// role and tenant error paths, and proof that no token ever reaches a page or content script.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_EXTENSION_ID, launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { call, configureForSandbox, signedIn, value, waitForJob } from './support';

let sandbox: Sandbox;
let browser: ExtensionBrowser | undefined;

/** Contoso whose signed-in admin holds Guest Inviter only (may invite, may not read role assignments). */
function guestInviterOnlyTenant() {
  const tenant = buildDemoTenant();
  tenant.roleAssignments = [
    ...tenant.roleAssignments.filter((a) => a.principalId !== tenant.adminUserId),
    { id: 'gi-admin', principalId: tenant.adminUserId, roleDefinitionId: '95e79109-95c0-4d8e-aee3-d01accf2d47b', directoryScopeId: '/' },
  ];
  return tenant;
}

const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = `${POLICY_DIR}/b2b-convert-e2e.json`;
const canWritePolicy = process.getuid?.() === 0;


beforeAll(async () => {
  // A policy file left by an interrupted run would configure every browser below: start clean.
  if (canWritePolicy) rmSync(POLICY_FILE, { force: true });
  sandbox = await startSandbox({ tenant: buildDemoTenant(), layout: 'random' });
});
afterAll(async () => {
  await sandbox?.stop();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
  sandbox.login.reset();
  sandbox.login.set({ failConsent: false, cancelNextSignIn: false, wrongTenantId: undefined });
});

/** Every secret the login emulator issued: none may appear where a page or content script can read it. */
function issuedSecrets(): string[] {
  return sandbox.login.issuedAccessTokens();
}

describe('sign-in owned by the background', () => {
  it('configures through the options page, signs in, reads /me, survives a worker restart, signs out', async () => {
    browser = await launchBrowserWithExtension(sandbox);
    await configureForSandbox(browser, sandbox);
    const page = await browser.openExtensionPage('popup/options.html');
    const before = await value(page, 'auth/status', {});
    expect(before).toMatchObject({ configured: true, signedIn: false, configuredTenant: sandbox.tenant.tenantId });

    const signedIn = await value(page, 'auth/signIn', { tier: 'read' });
    expect(signedIn.signedIn).toBe(true);
    expect(signedIn.account).toMatchObject({ username: 'admin@contoso.com', tenantId: sandbox.tenant.tenantId, objectId: sandbox.tenant.adminUserId });
    expect(signedIn.grantedTiers).toContain('read');
    expect(sandbox.graph.requestLog().some((r) => r.method === 'GET' && r.path.startsWith('/v1.0/me') && r.status === 200)).toBe(true);
    const interactive = sandbox.login.interactiveSignIns();
    expect(interactive).toBe(1);

    await browser.stopServiceWorker();
    // The next Graph call wakes the worker; MSAL in the offscreen host still has the tokens.
    const ids = sandbox.tenant.users.slice(0, 5).map((u) => u.id);
    const pre = await value(page, 'users/preflight', { userIds: ids });
    expect(pre.users).toHaveLength(5);
    expect(sandbox.login.interactiveSignIns()).toBe(interactive);

    const out = await value(page, 'auth/signOut', {});
    expect(out.signedIn).toBe(false);
    const after = await call(page, 'users/preflight', { userIds: ids });
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error.code).toBe('sign-in-required');
    // Signing out closed the MSAL host, and with it every cached token.
    const hosts = await (await browser.worker()).evaluate(() => chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] }));
    expect(hosts).toHaveLength(0);
  });

  it('never lets a token reach storage that pages and content scripts can read, or any reply', async () => {
    browser = await launchBrowserWithExtension(sandbox);
    await configureForSandbox(browser, sandbox);
    const page = await browser.openExtensionPage('popup/options.html');
    // Record every runtime message an extension page receives (broadcasts included).
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (globalThis as unknown as { seen: unknown[] }).seen = seen;
      chrome.runtime.onMessage.addListener((m) => void seen.push(m));
    });
    const replies = [
      await call(page, 'auth/signIn', { tier: 'invite' }),
      await call(page, 'auth/status', {}),
      await call(page, 'users/preflight', { userIds: sandbox.tenant.users.slice(0, 3).map((u) => u.id) }),
    ];
    const secrets = issuedSecrets().filter((s) => s.length > 20);
    expect(secrets.length).toBeGreaterThan(0);
    const storage = await page.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    const seen = await page.evaluate(() => JSON.stringify((globalThis as unknown as { seen?: unknown[] }).seen ?? []));
    const haystack = JSON.stringify(replies) + storage + seen;
    for (const secret of secrets) expect(haystack.includes(secret)).toBe(false);
    expect(haystack).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/); // no JWT of any kind
  });

  it('explains missing admin consent (AADSTS65001) and a cancelled sign-in', async () => {
    browser = await launchBrowserWithExtension(sandbox);
    await configureForSandbox(browser, sandbox);
    const page = await browser.openExtensionPage('popup/options.html');
    sandbox.login.set({ failConsent: true });
    const consent = await call(page, 'auth/signIn', { tier: 'read' });
    expect(consent.ok).toBe(false);
    if (!consent.ok) {
      expect(consent.error.code).toBe('sign-in-required');
      expect(consent.error.graphCode).toBe('AADSTS65001');
      expect(consent.error.message).toMatch(/admin consent/i);
    }
    sandbox.login.set({ failConsent: false, cancelNextSignIn: true });
    const cancelled = await call(page, 'auth/signIn', { tier: 'read' });
    expect(cancelled.ok).toBe(false);
    if (!cancelled.ok) expect(cancelled.error.message).toMatch(/cancelled/i);
    expect((await value(page, 'auth/status', {})).signedIn).toBe(false);
  });

  // A Guest Inviter may invite but may not read role assignments
  // (https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments): the pre-flight completes with
  // the role check marked not verified, and a job needs the admin's explicit acknowledgement.
  it('a Guest-Inviter-only admin: the role check is not verified, and converting needs the acknowledgement', async () => {
    const tenant = guestInviterOnlyTenant();
    sandbox.graph.seed(tenant);
    try {
      browser = await launchBrowserWithExtension(sandbox);
      await configureForSandbox(browser, sandbox);
      const page = await browser.openExtensionPage('popup/options.html');
      await value(page, 'auth/signIn', { tier: 'invite' });
      const target = tenant.users.find((u) => u.id === tenant.notable.eligible[0])!;
      const pre = await value(page, 'users/preflight', { userIds: [target.id] });
      expect(pre.rolesNotVerified).toMatch(/Authorization_RequestDenied.*Directory Readers, Global Reader or Privileged Role Administrator/);
      expect(pre.adminRoleProblem).toBeUndefined();
      const submission = {
        items: [{ userId: target.id, userPrincipalName: target.userPrincipalName, displayName: target.displayName, email: target.mail!, addToOtherMails: false, privilegedOverride: false }],
        options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
        expectedTenantId: pre.tenantId,
      };
      const refused = await call(page, 'job/submit', submission);
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).toMatch(/acknowledge/);
      expect(sandbox.graph.invitationCount(target.id)).toBe(0);
      const { jobId } = await value(page, 'job/submit', { ...submission, acknowledgeUnverifiedRoles: true });
      const done = await waitForJob(page, jobId, (j) => j.state === 'completed');
      expect(done.counters.done).toBe(1);
      expect(sandbox.graph.invitationCount(target.id)).toBe(1);
    } finally {
      sandbox.graph.seed(sandbox.tenant);
    }
  });
});

describe('Check my setup', () => {
  /** The options page opened as a permission error's link does: #check-setup runs the check at once. */
  async function setupLines(): Promise<Record<string, string>> {
    const page = await browser!.openExtensionPage('popup/options.html#check-setup');
    const list = page.getByRole('list', { name: 'Setup check results' });
    await list.waitFor({ timeout: 30_000 });
    const lines = await list.locator('li').evaluateAll((items) => items.map((li) => [li.getAttribute('data-setup-line') ?? '', li.getAttribute('data-state') ?? '']));
    return Object.fromEntries(lines);
  }

  it('lists each line for a Global Administrator and for a Guest-Inviter-only admin', async () => {
    browser = await launchBrowserWithExtension(sandbox);
    await configureForSandbox(browser, sandbox);
    const options = await browser.openExtensionPage('popup/options.html');
    await value(options, 'auth/signIn', { tier: 'invite' });
    expect(await setupLines()).toEqual({
      configured: 'ok',
      cloud: 'ok',
      'signed-in': 'ok',
      'consent-read': 'ok',
      'consent-invite': 'ok',
      'consent-write': 'optional',
      'roles-readable': 'ok',
      'invite-role': 'ok',
      'reset-role': 'ok',
      'verified-domains': 'ok',
    });

    const tenant = guestInviterOnlyTenant();
    sandbox.graph.seed(tenant);
    try {
      const lines = await setupLines();
      expect(lines).toMatchObject({ 'signed-in': 'ok', 'consent-invite': 'ok', 'roles-readable': 'missing', 'invite-role': 'unknown', 'reset-role': 'unknown', 'verified-domains': 'ok' });
      const page = await browser.openExtensionPage('popup/options.html#check-setup');
      await expect.poll(() => page.getByText(/Directory Readers, Global Reader or Privileged Role Administrator role allows the check/).count(), { timeout: 30_000 }).toBe(1);
      await expect.poll(() => page.getByRole('status').filter({ hasText: /1 item needs attention/ }).count()).toBe(1);
    } finally {
      sandbox.graph.seed(sandbox.tenant);
    }
  });
});

describe('signed in to a tenant other than the page\'s', () => {
  it('tells the popup the active page belongs to another tenant, and the worker refuses a job for another tenant', async () => {
    const s = await signedIn(sandbox, 'invite');
    browser = s.browser;
    const portal = await browser.context.newPage();
    // The admin center names its tenant in the path when the admin switched directories.
    await portal.goto(sandbox.urls.allUsers.replace('entra.microsoft.com/', 'entra.microsoft.com/fabrikam.onmicrosoft.com/'));
    const grid = portal.frameLocator('iframe#reactview');
    await grid.locator('[data-replica-list="all-users"] [data-automationid="DetailsRow"]').first().waitFor({ timeout: 30_000 });
    // The tab the admin-center page reported from (no "tabs" permission: its URL is not ours to query).
    const tabIdOfPortal = () =>
      s.page.evaluate(async () => Number(Object.keys(await chrome.storage.session.get(null)).find((k) => k.startsWith('page:'))?.slice(5)));
    await expect.poll(tabIdOfPortal, { timeout: 15_000 }).toBeGreaterThan(0);
    const tabId = await tabIdOfPortal();
    await expect
      .poll(async () => (await value(s.page, 'auth/status', { tabId })).tenantMismatch ?? '', { timeout: 15_000 })
      .toMatch(/signed in to Contoso .* belongs to fabrikam\.onmicrosoft\.com/);
    // The same page under the signed-in tenant's own domain is fine.
    await portal.goto(sandbox.urls.allUsers.replace('entra.microsoft.com/', 'entra.microsoft.com/contoso.com/'));
    await grid.locator('[data-replica-list="all-users"] [data-automationid="DetailsRow"]').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await value(s.page, 'auth/status', { tabId })).tenantMismatch, { timeout: 15_000 }).toBeUndefined();

    const user = sandbox.tenant.users.find((u) => u.mail?.endsWith('.example') && !u.onPremisesUserPrincipalName && !u.externalUserState)!;
    const refused = await call(s.page, 'job/submit', {
      items: [{ userId: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName, email: user.mail, addToOtherMails: false, privilegedOverride: false }],
      options: { sendInvitationMessage: false, inviteRedirectUrl: 'https://myapps.microsoft.com/', setUserTypeGuest: false },
      expectedTenantId: '11111111-2222-4333-8444-555555555555',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/^Nothing was converted: you are signed in to tenant/);
    expect(sandbox.graph.state().invitations).toHaveLength(0);
  });
});


describe('enterprise policy', () => {
  // Chromium reads managed policy from /etc/chromium/policies/managed (root only); CI runs as root.
  it.runIf(canWritePolicy)('takes client id, tenant and cloud from storage.managed and shows them as managed', async () => {
    mkdirSync(POLICY_DIR, { recursive: true });
    const policy = { clientId: sandbox.tenant.clientId, tenant: 'contoso.com', cloud: 'Global' };
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXPECTED_EXTENSION_ID]: policy } } }));
    try {
      browser = await launchBrowserWithExtension(sandbox);
      const page = await browser.openExtensionPage('popup/options.html');
      // Chromium's policy service delivers storage.managed some time after start-up (seconds on a busy machine);
      // until then the worker has no policy, and it reports the policy's settings once storage.managed changes.
      await expect
        .poll(async () => value(page, 'auth/status', {}), { timeout: 15_000 })
        .toMatchObject({ configured: true, configuredTenant: 'contoso.com' });
      await expect.poll(() => page.getByText('Managed by your organization').count()).toBe(3);
      await expect.poll(() => page.getByLabel('Application (client) ID').isEditable()).toBe(false);
      expect((await value(page, 'auth/signIn', { tier: 'read' })).account?.tenantId).toBe(sandbox.tenant.tenantId);
    } finally {
      if (existsSync(POLICY_FILE)) rmSync(POLICY_FILE);
    }
  });
});
