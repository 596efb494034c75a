// Convert back to internal (preview), end to end on the production build against the sandbox: two users converted by
// a job, they accept, the admin turns the feature on in the options page (the only moment its permission is asked
// for), selects them in the job page and converts them back through the undo review. The emulator receives exactly
// the bodies Learn documents, in a /beta $batch, and the users are internal members again; no temporary password
// stays in the extension's storage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, DEMO_CONSENTED_SCOPES } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { seriousViolations } from './axe';
import { configureForSandbox, convertibleAsIs, value, waitForJob } from './support';

const UNDO_PERMISSION = 'User-ConvertToInternal.ReadWrite.All';

describe('convert back to internal (preview)', () => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    // The tenant's admin may consent to the undo permission; nothing asks for it until the feature is turned on.
    sandbox = await startSandbox({ tenant: buildDemoTenant({ consentedScopes: [...DEMO_CONSENTED_SCOPES, UNDO_PERMISSION] }), layout: 'grid', log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    await configureForSandbox(browser, sandbox);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  /** The Graph scopes each login request asked for (authorize and token), in order. */
  const requestedScopes = () =>
    sandbox.login
      .log()
      .filter((e) => (e.endpoint === 'authorize' || e.endpoint === 'token') && e.params.scope)
      .map((e) => ({ endpoint: e.endpoint, interactive: e.interactive, scopes: (e.params.scope ?? '').split(/\s+/).filter((s) => s.startsWith('https://graph.microsoft.com/')).sort() }));

  it('converts two accepted users back with the documented bodies, asking for the permission only when turned on', async () => {
    const options = await browser.openExtensionPage('popup/options.html');
    await value(options, 'auth/signIn', { tier: 'invite' });

    // Three users converted by a job of this extension, who all accept their invitations: two plain users, and one
    // who holds a (non-privileged) directory role, whom Graph does not convert back.
    const pre = await value(options, 'users/preflight', { userIds: sandbox.tenant.users.map((u) => u.id) });
    const holders = new Set(sandbox.tenant.roleAssignments.map((a) => a.principalId));
    const convertible = pre.users.filter(convertibleAsIs);
    const plain = convertible.filter((u) => !holders.has(u.id)).slice(0, 2);
    const roleHolder = convertible.find((u) => holders.has(u.id))!;
    const chosen = [...plain, roleHolder];
    const { jobId } = await value(options, 'job/submit', {
      items: chosen.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
      options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
      expectedTenantId: pre.tenantId,
    });
    const job = { jobId, userIds: plain.map((u) => u.id) };
    await waitForJob(options, jobId, (s) => s.state === 'completed' && s.counters.done === 3);
    for (const u of chosen) sandbox.graph.redeem(u.id);

    // Off by default: the job page offers nothing, and no login request so far asked for the undo permission.
    const jobPage = await browser.openExtensionPage(`popup/popup.html?view=tab&job=${job.jobId}`);
    await jobPage.getByRole('button', { name: 'Refresh status' }).click();
    await jobPage.getByText(/Invitation state refreshed for 3 users/).waitFor();
    expect(await jobPage.getByRole('button', { name: /Convert back to internal/ }).count()).toBe(0);
    const before = requestedScopes();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => !r.scopes.some((s) => s.endsWith(`/${UNDO_PERMISSION}`)))).toBe(true);
    expect(await value(options, 'undo/status', {})).toEqual({ enabled: false, granted: false });

    // Turned on in the options page: an interactive sign-in asks for exactly the undo feature's scopes.
    await options.reload();
    const section = options.getByRole('region', { name: 'Convert back to internal (preview)' });
    expect(await section.getByRole('list', { name: 'About converting back to internal' }).textContent()).toMatch(/beta API \(preview\)/);
    // (The box reflects the feature's state: it shows checked once the sign-in granted the permission.)
    await section.getByRole('checkbox', { name: 'Enable Convert back to internal (preview)' }).click();
    await section.getByText('On. The permission is granted.').waitFor({ timeout: 20_000 });
    const asked = requestedScopes().slice(before.length);
    const consent = asked.filter((r) => r.endpoint === 'authorize' && r.interactive);
    expect(consent).toHaveLength(1);
    expect(consent[0]!.scopes).toEqual(['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory', UNDO_PERMISSION].map((p) => `https://graph.microsoft.com/${p}`).sort());

    // The job page now offers Convert back to internal for the selected users who accepted.
    await jobPage.reload();
    const users = plain;
    await jobPage.getByRole('button', { name: 'Refresh status' }).click();
    await jobPage.getByText(/Invitation state refreshed for 3 users/).waitFor();
    await jobPage.getByRole('checkbox', { name: 'Select all users on this page' }).check();
    const [review] = await Promise.all([
      browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('review/undo.html') }),
      jobPage.getByRole('button', { name: 'Convert back to internal (3)' }).click(),
    ]);

    // The undo review: a page of its own, saying it uses a Graph beta API; the current UPN proposed (verified domain);
    // a temporary password per user, shown once.
    await review.getByRole('table', { name: 'Users to convert back to internal' }).waitFor();
    expect(await review.getByRole('main').textContent()).toContain('this uses a Microsoft Graph beta API');
    // The role holder is shown with the reason, and asked nothing.
    const why = review.getByRole('list', { name: `Why ${roleHolder.displayName} cannot be converted back` });
    expect(await why.locator('[data-block="hasRole"]').count()).toBe(1);
    expect(await review.getByLabel(`New user principal name for ${roleHolder.displayName}`).count()).toBe(0);
    const shown = new Map<string, { upn: string; password: string }>();
    for (const u of users) {
      const upn = await review.getByLabel(`New user principal name for ${u.displayName}`, { exact: true }).inputValue();
      expect(upn).toBe(u.userPrincipalName);
      const password = (await review.getByLabel(`Temporary password for ${u.displayName}`, { exact: true }).textContent()) ?? '';
      expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z0-9]).{16}$/);
      shown.set(u.id, { upn, password });
    }
    expect(new Set([...shown.values()].map((s) => s.password)).size).toBe(2);
    expect(await seriousViolations(review)).toEqual([]);
    const convert = review.getByRole('button', { name: 'Convert 2 back to internal' });
    expect(await convert.isDisabled()).toBe(true); // until the admin says the passwords were copied
    await review.getByRole('checkbox', { name: /I have copied the temporary passwords/ }).check();
    sandbox.graph.clearLog();
    await convert.click();
    await expect.poll(() => review.locator('[data-b2b="undo-progress"]').textContent(), { timeout: 60_000 }).toBe('Finished: 2 converted back to internal, 0 failed, 0 blocked.');
    expect(await review.locator('[data-b2b="password"]').count()).toBe(0);

    // Exactly the documented bodies, once per user, inside a /beta $batch; the users are internal members again.
    const conversions = sandbox.graph.conversions();
    expect(conversions.map((c) => c.userId).sort()).toEqual([...job.userIds].sort());
    for (const c of conversions) {
      const { upn, password } = shown.get(c.userId)!;
      expect(c.request).toEqual({ userPrincipalName: upn, passwordProfile: { password, forceChangePasswordNextSignIn: true } });
      expect(c.viaBatch).toBe(true);
    }
    // (The worker's reads before the job — users, roles, domains — are GETs, some packed in /v1.0/$batch.)
    const writes = sandbox.graph.requestLog().filter((r) => (r.inner ? r.inner.some((i) => i.method !== 'GET') : r.method !== 'GET'));
    expect(writes.map((r) => r.path)).toEqual(['/beta/$batch']);
    expect(writes[0]!.inner?.map((i) => i.url).sort()).toEqual(job.userIds.map((id) => `/users/${id}/convertExternalToInternalMemberUser`).sort());
    for (const id of job.userIds) {
      const user = sandbox.graph.state().users.find((u) => u.id === id)!;
      expect(user).toMatchObject({ externalUserState: null, userType: 'Member' });
    }

    // The undo job is on record (kind, source job); the passwords are nowhere in the extension's storage.
    const undoJob = (await value(options, 'job/list', {})).find((j) => j.kind === 'undo')!;
    expect(undoJob).toMatchObject({ undoOf: job.jobId, state: 'completed', counters: { done: 2, failed: 0 } });
    const stored = await options.evaluate(async () => JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]));
    for (const { password } of shown.values()) expect(stored).not.toContain(password);
    expect(sandbox.contractProblems()).toEqual([]);
  });
});
