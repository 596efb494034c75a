// The production build in Chromium on the real admin-center hostnames (sandbox replica), in every grid layout:
// the control lands in the grid's command bar; selection with the grid's own checks survives a virtualized scroll
// and searches; the review lists exactly that selection with every blocked category's reason (and the privileged
// override needs its second confirmation); nothing is written to Graph before the confirm button; confirming with
// invitation options chosen in the dialog converts exactly the eligible users with those options, and nobody else.
// Bad input (hostile names, 0/1/1,000+ users, deletions, Graph failures) is in portal-input.e2e.ts. Run after
// `npx vite build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/portal.e2e.ts
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { PORTAL_LAYOUTS } from '../sandbox/portal/index';
import { invitationTargets } from './support';
import { CHECK, directoryWrites, openAllUsers, ROW, userPatches, type PortalPage } from './portal-page';

describe.each(PORTAL_LAYOUTS)('All users page, %s layout', (layout) => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  let frame: Frame;
  const tenant: DemoTenant = buildDemoTenant();
  const n = tenant.notable;
  const user = (id: string) => tenant.users.find((u) => u.id === id)!;

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout, log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
    frame = p.page.frames().find((f) => /\.reactblade\.portal\.azure\.net$/.test(new URL(f.url()).host))!;
  });

  afterAll(async () => {
    const problems = sandbox?.contractProblems() ?? [];
    await browser?.close();
    await sandbox?.stop();
    // Every request the product sent to Graph conforms to Graph's own v1.0 metadata (test/contract).
    expect(problems).toEqual([]);
  });

  it('puts the control in the grid command bar, disabled with a reason until signed in and users are selected', async () => {
    const { control, convert, grid } = p;
    await control().waitFor({ state: 'attached', timeout: 15_000 });
    expect(await control().evaluate((el) => el.parentElement?.getAttribute('role'))).toBe('menubar');
    expect(await control().evaluate((el) => el.shadowRoot !== null)).toBe(true);
    // The worker's first auth/status boots its sign-in host: a few seconds.
    await expect.poll(() => convert().getAttribute('title'), { timeout: 20_000 }).toMatch(/^Not signed in/);
    expect(await convert().getAttribute('aria-disabled')).toBe('true');
    // The page reported the grid as recognised (the frame) and the top page as not holding it.
    const session = await (await browser.worker()).evaluate(() => chrome.storage.session.get(null));
    const frames = Object.values(session).flatMap((v) => Object.values((v as { frames: Record<string, { recognized: boolean; layout?: string }> }).frames));
    expect(frames).toContainEqual(expect.objectContaining({ recognized: true, layout: `details-list/${layout === 'table' ? 'table' : 'grid'}` }));

    await grid.locator('button[data-b2b="sign-in"]').click();
    await expect.poll(() => convert().getAttribute('title'), { timeout: 20_000 }).toBe('Select users in the list first.');
  });

  it('keeps the selection made with the grid checks across a virtualized scroll and searches', async () => {
    const { list, review, rowId, search, count, convert } = p;
    const selected: string[] = [];
    await list.locator(`${ROW}[data-item-index="0"] ${CHECK}`).click();
    await list.locator(`${ROW}[data-item-index="1"] ${CHECK}`).click();
    selected.push(await rowId(0), await rowId(1));

    await p.scrollTo(125);
    expect(await list.locator(`${ROW}[data-item-index="0"]`).count()).toBe(0); // virtualized away
    await list.locator(`${ROW}[data-item-index="125"] ${CHECK}`).click();
    selected.push(await rowId(125));

    for (const id of [n.synced[0]!, n.privileged[0]!, n.eligible[5]!]) {
      await search(user(id).userPrincipalName, 1);
      await expect.poll(() => rowId(0)).toBe(id.toLowerCase());
      await list.locator(`${ROW}[data-item-index="0"] ${CHECK}`).click();
      selected.push(id.toLowerCase());
    }
    await search('', 240);
    await expect.poll(() => list.locator(ROW).count()).toBe(30);
    await expect.poll(() => count().textContent()).toBe(`${selected.length} selected`);
    expect(await convert().getAttribute('aria-disabled')).toBeNull();
    expect(await p.grid.locator('button[data-b2b="show-selected"]').textContent()).toBe(`Show selected (${selected.length})`);

    // The review lists exactly that selection, blocked categories with their reasons.
    sandbox.graph.clearLog();
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual([...selected].sort());
    const synced = p.reviewRow(n.synced[0]!);
    expect(await synced.getAttribute('data-status')).toBe('blocked');
    expect(await synced.locator('[data-code="synced"]').count()).toBe(1);
    const privileged = p.reviewRow(n.privileged[0]!);
    expect(await privileged.locator('[data-code="privilegedRole"]').count()).toBe(1);
    expect(await review.locator('[data-b2b="summary"]').textContent()).toContain(tenant.displayName);

    const ready = await review.locator('tr[data-b2b="review-row"]').evaluateAll((rows) => rows.filter((r) => r.getAttribute('data-status') !== 'blocked').length);
    expect(await p.confirm().textContent()).toMatch(/^Convert \d+ users?$/);
    expect(await p.confirmCount()).toBeLessThanOrEqual(ready);

    // Only reads so far: nothing written to the directory before the confirm button.
    expect(directoryWrites(sandbox)).toEqual([]);

    await p.closeReview();
    expect(await count().textContent()).toBe(`${selected.length} selected`);
  });

  it('survives SPA navigation to a user profile and back', async () => {
    const { list, page, control, count } = p;
    await list.locator(`${ROW}[data-item-index="3"] [data-automation-key="displayName"] a`).click();
    await expect.poll(() => page.url()).toContain('UserProfileMenuBlade');
    await expect.poll(() => control().count()).toBe(0);
    await page.goBack();
    await list.locator(ROW).first().waitFor();
    await control().waitFor({ state: 'attached' });
    await expect.poll(() => count().textContent()).toBe('6 selected');
    expect(frame.isDetached()).toBe(false);
  });

  it('shows every blocked category with its reason; a privileged user needs a second confirmation', async () => {
    await p.signInFromControl();
    await p.clearSelection();
    const picked = {
      synced: n.synced[1]!,
      accepted: n.accepted[0]!,
      pending: n.pendingAcceptance[0]!,
      verifiedDomain: n.verifiedDomainMail,
      admin: tenant.adminUserId,
      privileged: n.privileged[1]!,
      disabled: n.disabled[0]!,
      notOnUser: n.eligible[8]!,
    };
    for (const id of Object.values(picked)) await p.selectBySearch(id);
    await p.search('', 240);
    expect(await p.selectedCount()).toBe(8);

    sandbox.graph.clearLog();
    await p.openReview();
    expect((await p.reviewIds()).sort()).toEqual(Object.values(picked).sort());

    /** The row's status and its reasons' codes, each reason with its sentence visible. */
    const verdict = async (id: string) => {
      const row = p.reviewRow(id);
      const codes = await row.locator('.reason[data-code]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-code'), (e.textContent ?? '').trim()] as const));
      for (const [code, text] of codes) expect(text.length, `reason ${code} has words`).toBeGreaterThan(20);
      return { status: await row.getAttribute('data-status'), codes: codes.map(([c]) => c) };
    };
    const blockedWith = async (id: string, code: string) => {
      const v = await verdict(id);
      expect(v.status, code).toBe('blocked');
      expect(v.codes, code).toContain(code);
      // A blocked user cannot be ticked back in.
      expect(await p.reviewRow(id).locator('input[type="checkbox"]').first().isDisabled(), code).toBe(true);
    };
    await blockedWith(picked.synced, 'synced');
    await blockedWith(picked.accepted, 'alreadyExternal');
    await blockedWith(picked.pending, 'alreadyExternal');
    await blockedWith(picked.admin, 'signedInAdmin');
    await blockedWith(picked.privileged, 'privilegedRole');
    // The only address on the user is in a verified domain: it needs an email (its own state, not "Blocked") until
    // the admin types an external one.
    const vd = await verdict(picked.verifiedDomain);
    expect(vd.status).toBe('needsEmail');
    expect(vd.codes).toContain('emailInVerifiedDomain');
    expect(await p.reviewRow(picked.verifiedDomain).locator('[data-code="emailInVerifiedDomain"]').textContent()).toContain(user(picked.verifiedDomain).mail!);
    // Disabled: a warning, still converted.
    expect(await verdict(picked.disabled)).toEqual({ status: 'warning', codes: ['accountDisabled'] });
    expect(await verdict(picked.notOnUser)).toEqual({ status: 'eligible', codes: [] });
    expect(await p.confirmCount()).toBe(2);

    // An address that is not on the user object: a warning offering to add it to otherMails first.
    const typed = 'someone.else@northwind.example';
    await p.reviewRow(picked.notOnUser).locator('input[type="email"]').fill(typed);
    await expect.poll(() => verdict(picked.notOnUser)).toEqual({ status: 'warning', codes: ['emailNotOnUser'] });
    expect(await p.reviewRow(picked.notOnUser).locator('[data-code="emailNotOnUser"]').textContent()).toContain(typed);
    const addIt = p.reviewRow(picked.notOnUser).locator('input[data-b2b="add-other-mails"]');
    expect(await addIt.isVisible()).toBe(true);
    expect(await addIt.isChecked()).toBe(false);
    expect(await p.confirmCount()).toBe(2);

    // The privileged override: one confirmation is not enough.
    const priv = p.reviewRow(picked.privileged);
    await priv.locator('button[data-b2b="override"]').click();
    await priv.locator('button[data-b2b="override-confirm"]').waitFor();
    expect(await verdict(picked.privileged)).toEqual({ status: 'blocked', codes: ['privilegedRole'] });
    expect(await priv.locator('input[type="checkbox"]').first().isChecked()).toBe(false);
    expect(await p.confirmCount()).toBe(2);
    // The second, explicit confirmation converts this one user after all, and the count says so.
    await priv.locator('button[data-b2b="override-confirm"]').click();
    await expect.poll(() => verdict(picked.privileged)).toEqual({ status: 'warning', codes: ['privilegedRoleOverridden'] });
    expect(await priv.locator('input[type="checkbox"]').first().isChecked()).toBe(true);
    await expect.poll(() => p.confirmCount()).toBe(3);
    expect(await p.review.locator('[data-b2b="summary"]').textContent()).toMatch(/^3 of 8 selected users will be converted/);

    expect(directoryWrites(sandbox)).toEqual([]);
    await p.closeReview();
    expect(invitationTargets(sandbox)).toEqual([]);
  });

  it('confirming converts exactly the eligible selected users with the options chosen in the dialog, and nobody else', async () => {
    await p.signInFromControl();
    await p.clearSelection();
    const taken = new Set<string>([...n.eligible.slice(0, 10), n.eligible[15]!, n.otherMailsOnly[0]!].map((id) => id.toLowerCase()));
    const eligible = new Set(n.eligible.map((id) => id.toLowerCase()));
    const internal = new Set(n.internalOnly.map((id) => id.toLowerCase()));

    // With the grid's own checks, far down the virtualized list: two eligible partners and one employee who has
    // no external address.
    await p.search('', 240);
    await p.scrollTo(150);
    const rendered = [...(await p.renderedIds())].filter(([i]) => i >= 130);
    const scrolledEligible = rendered.filter(([, id]) => eligible.has(id) && !taken.has(id)).slice(0, 2);
    const scrolledInternal = rendered.filter(([, id]) => internal.has(id)).slice(0, 1);
    expect(scrolledEligible).toHaveLength(2);
    expect(scrolledInternal).toHaveLength(1);
    for (const [index] of [...scrolledEligible, ...scrolledInternal]) await p.checkRow(index);

    // And through searches: two more eligible users (one whose external address is only in otherMails) and
    // blocked ones that must never be written to.
    const searched = [n.eligible[15]!, n.otherMailsOnly[0]!];
    const blocked = [n.synced[2]!, n.pendingAcceptance[1]!, n.privileged[2]!, tenant.adminUserId, n.verifiedDomainMail];
    for (const id of [...searched, ...blocked]) await p.selectBySearch(id);
    await p.search('', 240);
    const expected = [...scrolledEligible.map(([, id]) => id), ...searched.map((id) => id.toLowerCase())].sort();
    const selectedTotal = expected.length + scrolledInternal.length + blocked.length;
    expect(await p.selectedCount()).toBe(selectedTotal);

    sandbox.graph.clearLog();
    await p.openReview();
    expect(await p.reviewIds()).toHaveLength(selectedTotal);
    expect(await p.confirmCount()).toBe(expected.length);

    // The otherMails-only user (mail empty): Microsoft documents the address in mail, so the review warns and offers
    // to set mail first (https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users). The admin takes it.
    const otherOnly = n.otherMailsOnly[0]!;
    expect(user(otherOnly).mail).toBeNull();
    const otherOnlyRow = p.reviewRow(otherOnly);
    expect(await otherOnlyRow.locator('[data-code="emailNotInMail"]').textContent()).toContain(user(otherOnly).otherMails[0]!);
    await otherOnlyRow.locator('input[data-b2b="set-mail"]').click();
    expect(await otherOnlyRow.locator('input[data-b2b="set-mail"]').isChecked()).toBe(true);

    // Invitation options, through the dialog's own controls.
    const options = p.review.locator('fieldset[data-b2b="options"]');
    const redirect = await options.locator('input[data-b2b="redirect-url"]').inputValue();
    expect(redirect).toBe(`https://myapps.microsoft.com/?tenantid=${tenant.tenantId}`);
    await options.locator('input[data-b2b="send-invitation"]').click();
    const message = 'Willkommen zurück als Partner von Contoso.';
    const cc = 'partner-desk@fabrikam.example';
    await options.locator('textarea').fill(message);
    // Only real key presses count (page scripts cannot drive the dialog): choose the language with the keyboard.
    const language = options.locator('select');
    await language.focus();
    for (let i = 0; i < 5 && (await language.inputValue()) !== 'de-DE'; i++) await language.press('ArrowDown');
    expect(await language.inputValue()).toBe('de-DE');
    await options.getByLabel('Cc (one recipient, optional)').fill(cc);
    await options.locator('input[data-b2b="set-guest"]').click();
    expect(await p.confirmCount()).toBe(expected.length);
    expect(directoryWrites(sandbox)).toEqual([]);

    // Setting the user type needs the write permission: the dialog signs in for it (the login emulator approves),
    // then starts the job and shows its live progress.
    const signInsBefore = sandbox.login.interactiveSignIns();
    sandbox.login.clearLog();
    await p.clickConfirm();
    const progress = p.review.locator('[data-b2b="progress"]');
    const refused = p.review.locator('[data-b2b="submit-error"]');
    await Promise.race([progress.waitFor({ timeout: 30_000 }), refused.waitFor({ timeout: 30_000 })]);
    if (await refused.isVisible()) throw new Error(`the conversion was not started: ${await refused.textContent()}`);
    await expect
      .poll(() => progress.textContent(), { timeout: 60_000 })
      .toBe(`Converted ${expected.length} user${expected.length === 1 ? '' : 's'}`);
    expect(sandbox.login.interactiveSignIns()).toBe(signInsBefore + 1);
    const asked = sandbox.login.log().filter((e) => e.endpoint === 'authorize' && e.interactive);
    expect(asked.map((e) => e.params.scope ?? '').join(' ')).toMatch(/User\.ReadWrite\.All/);

    // Graph received exactly one invitation per eligible selected user, each with the options chosen.
    const invitations = sandbox.graph.state().invitations;
    expect(invitations.map((i) => i.userId.toLowerCase()).sort()).toEqual(expected);
    expect(invitationTargets(sandbox).map((id) => id.toLowerCase()).sort()).toEqual(expected);
    for (const inv of invitations) {
      const u = user(inv.userId);
      expect(inv.request).toEqual({
        invitedUserEmailAddress: u.mail ?? u.otherMails[0],
        inviteRedirectUrl: redirect,
        sendInvitationMessage: true,
        invitedUserMessageInfo: { messageLanguage: 'de-DE', ccRecipients: [{ emailAddress: { address: cc } }], customizedMessageBody: message },
        invitedUser: { id: u.id },
        // The review names the signed-in admin as the sponsor by default (invitedUserSponsors, v1.0).
        invitedUserSponsors: [{ id: sandbox.graph.state().adminUserId }],
      });
      expect(sandbox.graph.sponsorsOf(u.id)).toEqual([sandbox.graph.state().adminUserId]);
      expect(inv.messageSent).toBe(true);
    }
    // userType Guest for each of them, as PATCHes inside $batch requests, and for nobody else; before its invitation,
    // the otherMails-only user got its mail set to the address.
    const patches = userPatches(sandbox);
    const mailSet = patches.filter((x) => 'mail' in (x.body as object));
    expect(mailSet).toEqual([{ userId: otherOnly.toLowerCase(), body: { mail: user(otherOnly).otherMails[0] } }]);
    const typePatches = patches.filter((x) => !mailSet.includes(x));
    expect(typePatches.map((x) => x.userId).sort()).toEqual(expected);
    for (const x of typePatches) expect(x.body).toEqual({ userType: 'Guest' });
    expect(sandbox.graph.requestLog().filter((r) => r.method === 'PATCH')).toEqual([]);
    expect(directoryWrites(sandbox).sort()).toEqual(
      [...expected.map(() => 'POST /invitations'), ...expected.map((id) => `PATCH /users/${id}`), `PATCH /users/${otherOnly.toLowerCase()}`].sort(),
    );
    expect(sandbox.graph.state().users.find((u) => u.id === otherOnly)?.mail).toBe(user(otherOnly).otherMails[0]);
    const after = new Map(sandbox.graph.state().users.map((u) => [u.id.toLowerCase(), u]));
    for (const id of expected) expect(after.get(id)).toMatchObject({ userType: 'Guest', externalUserState: 'PendingAcceptance' });
    for (const id of [...blocked, ...scrolledInternal.map(([, i]) => i)]) {
      expect(after.get(id.toLowerCase())).toMatchObject({ userType: user(id).userType, externalUserState: user(id).externalUserState });
    }

    // The converted users left the selection; the blocked ones stay selected. Closing does not stop anything.
    await expect.poll(() => p.selectedCount()).toBe(selectedTotal - expected.length);
    await p.dialog().getByRole('button', { name: 'Close' }).last().click();
    await expect.poll(() => p.dialog().count()).toBe(0);
  });
});
