// The shared review model (src/review.ts with review-reasons.ts, review-options.ts, review-submit.ts), used by the
// in-page review dialog and the fallback picker's review: verdicts re-run with the pure rules as the admin edits,
// counts, options, the job request and its consent tier.
import { describe, expect, it } from 'vitest';
import type { PreflightResult, PreflightUser } from '../../src/messages';
import { buildPreflight } from '../../src/preflight';
import { applyEdit, countRows, editsChanged, evaluateRows, initialEdits, shownReasons, type Edits, type RowEdit } from '../../src/review';
import { initialOptions, optionsChanged, toInvitationOptions, validateOptions } from '../../src/review-options';
import { buildSubmission, confirmProblem, convertLabel, tierNeeded } from '../../src/review-submit';
import type { GraphUser } from '../../src/users';
import { graphUser, preflightUser } from '../support/graph-user';

const TENANT = '11111111-2222-3333-4444-555555555555';
const id = (n: number) => `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const graph = (n: number, o: Partial<GraphUser> = {}): GraphUser =>
  graphUser(id(n), { displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@fabrikam.example`, ...o });
/** A pre-flight user as the worker sends it (with the Graph user and roles, so the rules re-run locally). */
const user = (n: number, o: Partial<PreflightUser> = {}, g: Partial<GraphUser> = {}): PreflightUser =>
  preflightUser(graph(n, g), `user${n}@fabrikam.example`, o);
/** An older reply without `graph`/`roles`: the review falls back to the pre-flight's own reasons. */
const legacy = (n: number, o: Partial<PreflightUser> = {}): PreflightUser => {
  const u: Partial<PreflightUser> = user(n, o);
  delete u.graph;
  delete u.roles;
  return u as PreflightUser;
};

const preflight = (users: PreflightUser[], extra: Partial<PreflightResult> = {}): PreflightResult => ({
  tenantId: TENANT,
  tenantName: 'Contoso',
  signedInUserId: id(999),
  verifiedDomains: ['contoso.com'],
  defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
  users,
  missing: [],
  ...extra,
});

/** The pre-flight the worker builds from Graph users (src/preflight.ts), two verified domains. */
const built = (users: GraphUser[], roles: Array<[string, string[]]> = []) =>
  buildPreflight({
    tenantId: TENANT,
    tenantName: 'Contoso',
    signedInUserId: id(999),
    verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
    requestedIds: users.map((u) => u.id),
    users: new Map(users.map((u) => [u.id, u])),
    roles: new Map(roles),
  });

/** Verdicts in the pre-flight's order. */
const rows = (p: PreflightResult, edits: Edits) => {
  const v = evaluateRows(p, edits);
  return p.users.map((u) => v.get(u.id)!);
};
const submission = (p: PreflightResult, edits: Edits, options = initialOptions(p)) => buildSubmission(p, edits, evaluateRows(p, edits), options);
const set = (edits: Map<string, RowEdit>, n: number, change: Partial<RowEdit>) => edits.set(id(n), { ...edits.get(id(n))!, ...change });

describe('review verdicts', () => {
  it('converts eligible users and keeps hard-blocked ones out, with their reasons', () => {
    const p = preflight([user(1), user(2, {}, { onPremisesSyncEnabled: true, onPremisesUserPrincipalName: 'u2@corp.local' })]);
    const edits = initialEdits(p);
    expect(edits.get(id(2))!.include).toBe(false);
    const r = rows(p, edits);
    expect(r.map((x) => x.status)).toEqual(['eligible', 'blocked']);
    expect(r[1]).toMatchObject({ hardBlocked: true, locked: true, overridable: false, emailOnly: false, willConvert: false });
    expect(r[1]!.reasons[0]).toMatchObject({ code: 'synced', severity: 'blocked' });
    expect(submission(p, edits).items.map((i) => i.userId)).toEqual([id(1)]);
  });

  it('blocks the signed-in admin and users already external', () => {
    const p = preflight([user(999), user(2, {}, { externalUserState: 'PendingAcceptance' })]);
    expect(rows(p, initialEdits(p)).map((r) => [r.status, r.reasons[0]?.code])).toEqual([
      ['blocked', 'signedInAdmin'],
      ['blocked', 'alreadyExternal'],
    ]);
  });

  it('opens with every user the rules do not block included, whatever the pre-flight summary says', () => {
    const p = preflight([user(1, { eligibility: 'blocked' }), user(2, { roles: [GLOBAL_ADMIN] }), user(3, {}, { accountEnabled: false })]);
    expect([...initialEdits(p).values()].map((e) => e.include)).toEqual([true, false, true]);
    expect(initialEdits(p).get(id(1))).toEqual({ include: true, email: 'user1@fabrikam.example', addToOtherMails: false, override: 0 });
  });

  it('re-checks the address as typed: syntax, verified domain, duplicates', () => {
    const p = preflight([user(1), user(2)]);
    const edits = initialEdits(p);
    set(edits, 1, { email: 'bad@@x' });
    let r = rows(p, edits);
    expect(r[0]!.status).toBe('needsEmail');
    expect(r[0]!.emailError).toMatchObject({ code: 'syntax' });
    expect(r[0]!.emailError!.message).toMatch(/only one @/);
    // The field says it; the reasons beside the row do not repeat it.
    expect(shownReasons(r[0]!).map((x) => x.code)).toEqual([]);
    expect(r[0]!.reasons.map((x) => x.code)).toEqual(['noValidEmail']);
    set(edits, 1, { email: 'someone@contoso.com' });
    expect(rows(p, edits)[0]!.emailError).toMatchObject({ code: 'verifiedDomain' });
    expect(rows(p, edits)[0]!.emailError!.message).toMatch(/verified domain/);
    set(edits, 1, { email: 'USER2@fabrikam.example' });
    r = rows(p, edits);
    expect(r.map((x) => x.status)).toEqual(['needsEmail', 'needsEmail']);
    expect(r.map((x) => x.emailError?.code)).toEqual(['duplicate', 'duplicate']);
    const counts = countRows(p, evaluateRows(p, edits));
    expect(counts).toMatchObject({ needsEmail: 2, emailToFix: 2 });
    expect(confirmProblem(counts, {})).toBe('Fix the email address of 2 users (or exclude them) first.');
    expect(submission(p, edits).items).toEqual([]);
  });

  it('a user without an external address "needs an email": left out at first (not holding up the others), typing one includes them', () => {
    const p = preflight([
      user(1),
      user(2, { proposedEmail: '', eligibility: 'blocked', reasons: [{ code: 'noValidEmail', severity: 'blocked', message: 'No external email.', overridable: false }] }, { mail: null }),
    ]);
    let edits: Edits = initialEdits(p);
    let v = rows(p, edits)[1]!;
    // Its own state and count (not "Blocked"), and the summary's count says the same.
    expect(v).toMatchObject({ status: 'needsEmail', emailOnly: true, locked: false, hardBlocked: false, willConvert: false, holdsUp: false });
    expect(v.emailError).toBeUndefined(); // not included: no field error
    let counts = countRows(p, evaluateRows(p, edits));
    expect(counts).toMatchObject({ convert: 1, blocked: 0, needsEmail: 1, emailToFix: 0 });
    expect(confirmProblem(counts, {})).toBeUndefined();

    // Ticking the row in without an address: confirming waits for one.
    const ticked = applyEdit(p, edits, id(2), { include: true });
    expect(rows(p, ticked)[1]).toMatchObject({ status: 'needsEmail', emailError: { code: 'empty' }, holdsUp: true });
    expect(countRows(p, evaluateRows(p, ticked))).toMatchObject({ needsEmail: 1, emailToFix: 1 });
    expect(confirmProblem(countRows(p, evaluateRows(p, ticked)), {})).toBe('Fix the email address of 1 user (or exclude them) first.');
    // Left out again on purpose: still needs an email, no longer holds anything up.
    expect(rows(p, applyEdit(p, ticked, id(2), { include: false }))[1]).toMatchObject({ status: 'needsEmail', holdsUp: false });

    // Typing includes the user; a half-typed address needs fixing, a good one lifts the block.
    edits = applyEdit(p, edits, id(2), { email: 'new' });
    expect(edits.get(id(2))!.include).toBe(true);
    expect(rows(p, edits)[1]!.status).toBe('needsEmail');
    edits = applyEdit(p, edits, id(2), { email: 'new@fabrikam.example' });
    v = rows(p, edits)[1]!;
    expect(v.status).toBe('warning');
    expect(v.reasons.map((r) => r.code)).toEqual(['emailNotOnUser']);
    expect(v).toMatchObject({ emailNotOnUser: true, addsToOtherMails: false });
    counts = countRows(p, evaluateRows(p, edits));
    expect(counts).toMatchObject({ convert: 2, warnings: 1, blocked: 0, addToOtherMails: 0 });
  });

  it('adds a typed address to otherMails only when the admin opts in, which needs the write tier', () => {
    const p = preflight([user(1, { proposedEmail: '' }, { mail: null })]);
    let edits: Edits = applyEdit(p, initialEdits(p), id(1), { email: ' new@fabrikam.example ' });
    expect(submission(p, edits).items[0]).toMatchObject({ email: 'new@fabrikam.example', addToOtherMails: false, privilegedOverride: false });
    expect(tierNeeded(submission(p, edits))).toBe('invite');
    edits = applyEdit(p, edits, id(1), { addToOtherMails: true });
    expect(rows(p, edits)[0]!.addsToOtherMails).toBe(true);
    expect(countRows(p, evaluateRows(p, edits)).addToOtherMails).toBe(1);
    expect(submission(p, edits).items[0]).toMatchObject({ email: 'new@fabrikam.example', addToOtherMails: true, privilegedOverride: false });
    expect(tierNeeded(submission(p, edits))).toBe('write');
    // An address that is on the user object needs no write, opt-in or not.
    const onUser = preflight([user(1, { proposedEmail: 'alt@fabrikam.example' }, { mail: 'alt@fabrikam.example' })]);
    const e2 = applyEdit(onUser, initialEdits(onUser), id(1), { addToOtherMails: true });
    expect(rows(onUser, e2)[0]).toMatchObject({ status: 'eligible', emailNotOnUser: false, addsToOtherMails: false });
    expect(tierNeeded(submission(onUser, e2))).toBe('invite');
  });

  it('offers the documented fix, set mail, for a user whose mail is empty; one address fix at a time', () => {
    const p = preflight([user(1, { proposedEmail: 'alt@fabrikam.example' }, { mail: null, otherMails: ['alt@fabrikam.example'] })]);
    let edits: Edits = initialEdits(p);
    expect(rows(p, edits)[0]).toMatchObject({ status: 'warning', setMailFix: true, setsMail: false, emailNotOnUser: false });
    expect(rows(p, edits)[0]!.reasons.map((r) => r.code)).toEqual(['emailNotInMail']);
    edits = applyEdit(p, edits, id(1), { setMail: true });
    expect(rows(p, edits)[0]!.setsMail).toBe(true);
    expect(countRows(p, evaluateRows(p, edits)).setMail).toBe(1);
    expect(submission(p, edits).items[0]).toMatchObject({ setMail: true, addToOtherMails: false });
    expect(tierNeeded(submission(p, edits))).toBe('write');
    // A new address for a user without mail: both fixes are offered, ticking one unticks the other.
    edits = applyEdit(p, edits, id(1), { email: 'new@fabrikam.example' });
    edits = applyEdit(p, edits, id(1), { addToOtherMails: true });
    expect(edits.get(id(1))).toMatchObject({ setMail: false, addToOtherMails: true });
    expect(submission(p, edits).items[0]).toMatchObject({ addToOtherMails: true });
    expect(submission(p, edits).items[0]).not.toHaveProperty('setMail');
  });

  it('names the verified domain when every address of the user is internal: one reason for the field, not two', () => {
    const p = built([graph(1, { mail: 'user1@contoso.onmicrosoft.com', otherMails: ['u1@contoso.com'] }), graph(2, { mail: null })]);
    const verdicts = evaluateRows(p, initialEdits(p));
    const internal = verdicts.get(id(1))!;
    expect(internal.status).toBe('needsEmail');
    expect(internal.emailOnly).toBe(true);
    // Not also "no external email address was found", which the addresses named here would contradict.
    expect(internal.reasons.map((r) => r.code)).toEqual(['emailInVerifiedDomain']);
    expect(internal.reasons[0]!.message).toBe(
      "user1@contoso.onmicrosoft.com, u1@contoso.com are in a verified domain of this tenant and cannot be the external address. Enter the user's external address.",
    );
    // No address at all: nothing about verified domains.
    expect(verdicts.get(id(2))!.reasons.map((r) => r.code)).toEqual(['noValidEmail']);
    // Typing an external address lifts both.
    const edits = applyEdit(p, initialEdits(p), id(1), { email: 'user1@fabrikam.example' });
    expect(evaluateRows(p, edits).get(id(1))!.status).toBe('warning'); // not on the user object yet
  });

  it('names the verified domain for a single internal address too', () => {
    const p = preflight([user(1, { proposedEmail: '' }, { mail: 'user1@contoso.com' })]);
    const v = rows(p, initialEdits(p))[0]!;
    expect(v.status).toBe('needsEmail');
    expect(v.reasons.map((r) => r.message)).toEqual(["user1@contoso.com is in a verified domain of this tenant and cannot be the external address. Enter the user's external address."]);
  });

  it('an address already in otherMails needs no otherMails write, but warns that the documented place is mail', () => {
    const p = preflight([user(1, { proposedEmail: 'alt@fabrikam.example' }, { mail: 'user1@contoso.com', otherMails: ['alt@fabrikam.example'] })]);
    expect(rows(p, initialEdits(p))[0]).toMatchObject({ status: 'warning', emailNotOnUser: false, addsToOtherMails: false, setMailFix: false });
    expect(rows(p, initialEdits(p))[0]!.reasons.map((r) => r.code)).toEqual(['emailNotInMail']);
  });

  it('needs two confirmations to convert a privileged user; the second includes them, taking it back leaves them out', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN] })]);
    let edits: Edits = initialEdits(p);
    expect(rows(p, edits)[0]).toMatchObject({ status: 'blocked', overridable: true, hardBlocked: false, locked: true, overridden: false });
    expect(rows(p, edits)[0]!.reasons[0]!.message).toMatch(/Global Administrator/);
    edits = applyEdit(p, edits, id(1), { override: 1 });
    expect(rows(p, edits)[0]!.status).toBe('blocked');
    expect(edits.get(id(1))!.include).toBe(false);
    expect(submission(p, edits).items).toEqual([]);
    edits = applyEdit(p, edits, id(1), { override: 2 });
    expect(edits.get(id(1))!.include).toBe(true);
    const v = rows(p, edits)[0]!;
    expect(v).toMatchObject({ status: 'warning', overridable: true, overridden: true, locked: false });
    expect(v.reasons[0]!.code).toBe('privilegedRoleOverridden');
    expect(submission(p, edits).items[0]!.privilegedOverride).toBe(true);
    edits = applyEdit(p, edits, id(1), { override: 0 });
    expect(edits.get(id(1))!.include).toBe(false);
    expect(rows(p, edits)[0]!.status).toBe('blocked');
  });

  it('a privileged user without an address may be overridden, then needs the address', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN], proposedEmail: '' }, { mail: null })]);
    let edits: Edits = applyEdit(p, initialEdits(p), id(1), { override: 2 });
    expect(rows(p, edits)[0]).toMatchObject({ status: 'needsEmail', overridden: true });
    edits = applyEdit(p, edits, id(1), { email: 'admin1@fabrikam.example' });
    expect(rows(p, edits)[0]!.status).toBe('warning');
  });

  it('a privileged user who is also synced stays blocked whatever the override', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN] }, { onPremisesSyncEnabled: true })]);
    const edits = applyEdit(p, initialEdits(p), id(1), { override: 2 });
    expect(rows(p, edits)[0]).toMatchObject({ status: 'blocked', hardBlocked: true, overridable: false, locked: true });
    expect(submission(p, edits).items).toEqual([]);
  });

  it('falls back to the pre-flight reasons when the reply carries no Graph user', () => {
    const p = preflight([
      legacy(1, { eligibility: 'blocked', reasons: [{ code: 'privilegedRole', severity: 'blocked', message: 'Global Administrator.', overridable: true }] }),
      legacy(2, { eligibility: 'blocked', reasons: [{ code: 'synced', severity: 'blocked', message: 'Synced.', overridable: false }] }),
      legacy(3, { proposedEmail: 'user3@contoso.com' }),
      legacy(4, { proposedEmail: 'new4@fabrikam.example' }),
    ]);
    let edits: Edits = initialEdits(p);
    expect(rows(p, edits).map((r) => r.status)).toEqual(['blocked', 'blocked', 'needsEmail', 'warning']);
    // The address rules are re-run for the address as typed.
    expect(rows(p, edits)[2]).toMatchObject({ emailOnly: true, reasons: [{ code: 'emailInVerifiedDomain', severity: 'blocked' }] });
    expect(rows(p, edits)[3]).toMatchObject({ emailNotOnUser: true, reasons: [{ code: 'emailNotOnUser', severity: 'warning' }] });
    edits = applyEdit(p, edits, id(1), { override: 2 });
    const r = rows(p, edits);
    expect(r.map((x) => x.status)).toEqual(['warning', 'blocked', 'needsEmail', 'warning']);
    expect(r[0]!.reasons[0]).toMatchObject({ code: 'privilegedRoleOverridden', severity: 'warning' });
    expect(submission(p, edits).items.map((i) => [i.userId, i.privilegedOverride])).toEqual([
      [id(1), true],
      [id(4), false],
    ]);
  });

  it('excluded rows are neither converted nor checked for duplicates', () => {
    const p = preflight([user(1), user(2, { proposedEmail: 'user1@fabrikam.example' }, { otherMails: ['user1@fabrikam.example'] })]);
    const edits = applyEdit(p, initialEdits(p), id(2), { include: false });
    const r = rows(p, edits);
    expect(r.map((x) => x.status)).toEqual(['eligible', 'excluded']);
    expect(r[1]!.emailError).toBeUndefined();
    expect(countRows(p, evaluateRows(p, edits))).toMatchObject({ convert: 1, excluded: 1 });
    expect(tierNeeded(submission(p, edits))).toBe('invite');
    // Editing the address of a user left out on purpose does not bring them back.
    expect(applyEdit(p, edits, id(2), { email: 'other@fabrikam.example' }).get(id(2))!.include).toBe(false);
  });

  it('keeps warnings such as a disabled account', () => {
    const p = preflight([user(1, {}, { accountEnabled: false })]);
    const v = rows(p, initialEdits(p))[0]!;
    expect(v.status).toBe('warning');
    expect(v.reasons[0]!.code).toBe('accountDisabled');
  });

  it('lists blocks before warnings', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN] }, { accountEnabled: false })]);
    const edits = applyEdit(p, initialEdits(p), id(1), { email: 'other@fabrikam.example' });
    expect(rows(p, edits)[0]!.reasons.map((r) => [r.code, r.severity])).toEqual([
      ['privilegedRole', 'blocked'],
      ['emailNotOnUser', 'warning'],
      ['emailWriteBlockedByRole', 'warning'],
      ['accountDisabled', 'warning'],
    ]);
  });

  it('counts every selected user, the missing ones included, and labels the button', () => {
    const p = preflight([user(1), user(2, {}, { onPremisesSyncEnabled: true }), user(3)], { missing: [id(4)] });
    const edits = applyEdit(p, initialEdits(p), id(3), { include: false });
    expect(countRows(p, evaluateRows(p, edits))).toEqual({ selected: 4, convert: 1, warnings: 0, blocked: 1, needsEmail: 0, emailToFix: 0, excluded: 1, addToOtherMails: 0, setMail: 0, missing: 1 });
    expect(convertLabel(1)).toBe('Convert 1 user');
    expect(convertLabel(1200)).toBe('Convert 1,200 users');
    expect(confirmProblem(countRows(p, evaluateRows(p, applyEdit(p, edits, id(1), { include: false }))), {})).toBe('No user can be converted as the list stands.');
    expect(confirmProblem(countRows(p, evaluateRows(p, edits)), { inviteRedirectUrl: 'x' })).toBe('Fix the invitation options first.');
    expect(confirmProblem(countRows(p, evaluateRows(p, edits)), {}, 'Signed in to tenant A, page is tenant B.')).toMatch(/another tenant/);
    // Roles that could not be read: confirming waits for the acknowledgement, which the job request then carries.
    expect(confirmProblem(countRows(p, evaluateRows(p, edits)), {}, undefined, { notVerified: true, acknowledged: false })).toMatch(/directory roles.*not checked/);
    expect(confirmProblem(countRows(p, evaluateRows(p, edits)), {}, undefined, { notVerified: true, acknowledged: true })).toBeUndefined();
    const unverified = { ...p, rolesNotVerified: 'not read' };
    expect(buildSubmission(unverified, edits, evaluateRows(unverified, edits), initialOptions(unverified), true).acknowledgeUnverifiedRoles).toBe(true);
    expect(buildSubmission(p, edits, evaluateRows(p, edits), initialOptions(p), true)).not.toHaveProperty('acknowledgeUnverifiedRoles');
  });
});

describe('unsaved changes', () => {
  it('knows when the admin changed a row or an option (closing then asks first), and when it is back as it opened', () => {
    const p = preflight([user(1), user(2)]);
    const opened = initialEdits(p);
    expect(editsChanged(p, opened)).toBe(false);
    let edits = applyEdit(p, opened, id(1), { email: 'other@fabrikam.example' });
    expect(editsChanged(p, edits)).toBe(true);
    edits = applyEdit(p, edits, id(1), { email: 'user1@fabrikam.example' });
    expect(editsChanged(p, edits)).toBe(false);
    expect(editsChanged(p, applyEdit(p, opened, id(2), { include: false }))).toBe(true);
    const o = initialOptions(p);
    expect(optionsChanged(p, o)).toBe(false);
    expect(optionsChanged(p, { ...o, setUserTypeGuest: true })).toBe(true);
    expect(optionsChanged(p, { ...o, sponsors: [] })).toBe(true);
  });
});

describe('the job request', () => {
  it('sends exactly the users to convert, with the address as typed, the options and the tenant seen', () => {
    const p = preflight([user(1, { displayName: 'x'.repeat(1100) }), user(2, {}, { onPremisesSyncEnabled: true }), user(3)]);
    const edits = applyEdit(p, initialEdits(p), id(3), { email: '  user3@fabrikam.example ' });
    expect(submission(p, edits)).toEqual({
      expectedTenantId: TENANT,
      options: { sendInvitationMessage: false, inviteRedirectUrl: p.defaultRedirectUrl, setUserTypeGuest: false, sponsors: [id(999)] },
      items: [
        { userId: id(1), userPrincipalName: 'user1@contoso.com', displayName: 'x'.repeat(1024), email: 'user1@fabrikam.example', addToOtherMails: false, privilegedOverride: false },
        { userId: id(3), userPrincipalName: 'user3@contoso.com', displayName: 'User 3', email: 'user3@fabrikam.example', addToOtherMails: false, privilegedOverride: false },
      ],
    });
  });

  it('needs the write tier to set the user type to Guest, as the worker does', () => {
    const p = built([graph(1)]);
    const edits = initialEdits(p);
    expect(tierNeeded(submission(p, edits))).toBe('invite');
    expect(tierNeeded(submission(p, edits, { ...initialOptions(p), setUserTypeGuest: true }))).toBe('write');
  });
});

describe('invitation options', () => {
  it('defaults: no email, redirect to My Apps, no userType change, the signed-in admin as sponsor', () => {
    const o = initialOptions(preflight([]));
    expect(o.sendInvitationMessage).toBe(false);
    expect(o.setUserTypeGuest).toBe(false);
    expect(validateOptions(o)).toEqual({});
    expect(toInvitationOptions(o)).toEqual({ sendInvitationMessage: false, inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`, setUserTypeGuest: false, sponsors: [id(999)] });
  });

  it('names at most five sponsors (Learn: b2b-sponsors), each once', () => {
    const o = initialOptions(preflight([]));
    const six = [1, 2, 3, 4, 5, 6].map((n) => ({ id: id(n), displayName: `S${n}` }));
    expect(validateOptions({ ...o, sponsors: six }).sponsors).toBe('At most 5 sponsors can be named; remove 1.');
    expect(validateOptions({ ...o, sponsors: six.slice(0, 5) })).toEqual({});
    expect(toInvitationOptions({ ...o, sponsors: [six[0]!, six[0]!, six[1]!] }).sponsors).toEqual([id(1), id(2)]);
    expect(toInvitationOptions({ ...o, sponsors: [] })).not.toHaveProperty('sponsors');
  });

  it('validates cc, redirect URL, language and message length when a message is sent', () => {
    const o = { ...initialOptions(preflight([])), sendInvitationMessage: true, ccRecipient: 'nope', inviteRedirectUrl: 'http://x.example', messageLanguage: 'english!', customizedMessageBody: 'x'.repeat(4001) };
    const errors = validateOptions(o);
    expect(Object.keys(errors).sort()).toEqual(['ccRecipient', 'customizedMessageBody', 'inviteRedirectUrl', 'messageLanguage']);
    expect(errors.inviteRedirectUrl).toBe('The redirect URL must be a full https:// address.');
    expect(errors.customizedMessageBody).toBe('The message is 4,001 characters long; at most 4,000 are allowed.');
    expect(validateOptions({ ...o, ccRecipient: 'm@f.example', inviteRedirectUrl: 'https://x.example', messageLanguage: 'fr-FR', customizedMessageBody: 'hi' })).toEqual({});
    expect(validateOptions({ ...o, ccRecipient: `${'a'.repeat(320)}@f.example` }).ccRecipient).toMatch(/too long/);
    // Without a message, its fields are not sent, so they hold nothing up; the redirect URL always counts.
    expect(Object.keys(validateOptions({ ...o, sendInvitationMessage: false }))).toEqual(['inviteRedirectUrl']);
    expect(validateOptions({ ...o, inviteRedirectUrl: '  ' }).inviteRedirectUrl).toMatch(/^Enter the https:\/\/ address/);
    expect(validateOptions({ ...o, inviteRedirectUrl: `https://x.example/${'a'.repeat(2040)}` }).inviteRedirectUrl).toMatch(/too long/);
  });

  it('maps to the job options: the message fields only when a message is sent, and only those filled in', () => {
    const base = { ...initialOptions(preflight([])), sponsors: [], messageLanguage: ' de-DE ', ccRecipient: ' desk@fabrikam.example ', customizedMessageBody: 'Willkommen.', inviteRedirectUrl: ' https://x.example/ ', setUserTypeGuest: true };
    expect(toInvitationOptions(base)).toEqual({ sendInvitationMessage: false, inviteRedirectUrl: 'https://x.example/', setUserTypeGuest: true });
    expect(toInvitationOptions({ ...base, sendInvitationMessage: true })).toEqual({
      sendInvitationMessage: true,
      messageLanguage: 'de-DE',
      ccRecipient: 'desk@fabrikam.example',
      customizedMessageBody: 'Willkommen.',
      inviteRedirectUrl: 'https://x.example/',
      setUserTypeGuest: true,
    });
    expect(toInvitationOptions({ ...base, sendInvitationMessage: true, messageLanguage: '', ccRecipient: '', customizedMessageBody: '   ' })).toEqual({
      sendInvitationMessage: true,
      inviteRedirectUrl: 'https://x.example/',
      setUserTypeGuest: true,
    });
  });
});
