import { describe, expect, it } from 'vitest';
import type { PreflightResult, PreflightUser } from '../../src/messages';
import type { GraphUser } from '../../src/users';
import { countRows, deriveRows, initialEdits, initialOptions, jobItems, tierForJob, toInvitationOptions, validateOptions } from '../../popup/lib/review';

const id = (n: number) => `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const graph = (n: number, o: Partial<GraphUser> = {}): GraphUser => ({
  id: id(n),
  displayName: `User ${n}`,
  userPrincipalName: `user${n}@contoso.com`,
  mail: `user${n}@fabrikam.example`,
  otherMails: [],
  userType: 'Member',
  externalUserState: null,
  externalUserStateChangeDateTime: null,
  onPremisesSyncEnabled: null,
  onPremisesUserPrincipalName: null,
  accountEnabled: true,
  creationType: null,
  ...o,
});
/** A pre-flight user as the worker sends it (with the Graph user and roles, so the rules re-run locally). */
const user = (n: number, o: Partial<PreflightUser> = {}, g: Partial<GraphUser> = {}): PreflightUser => ({
  id: id(n),
  displayName: `User ${n}`,
  userPrincipalName: `user${n}@contoso.com`,
  mail: g.mail !== undefined ? g.mail : `user${n}@fabrikam.example`,
  otherMails: g.otherMails ?? [],
  accountEnabled: g.accountEnabled ?? true,
  proposedEmail: `user${n}@fabrikam.example`,
  eligibility: 'eligible',
  reasons: [],
  graph: graph(n, g),
  roles: [],
  ...o,
});
/** An older reply without `graph`/`roles`: the review falls back to the pre-flight's own reasons. */
const legacy = (n: number, o: Partial<PreflightUser> = {}): PreflightUser => {
  const u: Partial<PreflightUser> = user(n, o);
  delete u.graph;
  delete u.roles;
  return u as PreflightUser;
};

const preflight = (users: PreflightUser[]): PreflightResult => ({
  tenantId: '11111111-2222-3333-4444-555555555555',
  tenantName: 'Contoso',
  signedInUserId: id(999),
  verifiedDomains: ['contoso.com'],
  defaultRedirectUrl: 'https://myapps.microsoft.com/?tenantid=11111111-2222-3333-4444-555555555555',
  users,
  missing: [],
});

describe('review rows', () => {
  it('converts eligible users and excludes hard-blocked ones with their reasons', () => {
    const p = preflight([user(1), user(2, {}, { onPremisesSyncEnabled: true, onPremisesUserPrincipalName: 'u2@corp.local' })]);
    const rows = deriveRows(p, initialEdits(p));
    expect(rows.map((r) => r.status)).toEqual(['eligible', 'blocked']);
    expect(rows[1]!.hardBlocked).toBe(true);
    expect(rows[1]!.reasons[0]).toMatchObject({ code: 'synced', blocking: true });
    expect(jobItems(rows).map((i) => i.userId)).toEqual([id(1)]);
  });

  it('blocks the signed-in admin and users already external', () => {
    const p = preflight([user(999), user(2, {}, { externalUserState: 'PendingAcceptance' })]);
    const rows = deriveRows(p, initialEdits(p));
    expect(rows.map((r) => [r.status, r.reasons[0]?.code])).toEqual([
      ['blocked', 'signedInAdmin'],
      ['blocked', 'alreadyExternal'],
    ]);
  });

  it('re-checks the address as typed: syntax, verified domain, duplicates', () => {
    const p = preflight([user(1), user(2)]);
    const edits = initialEdits(p);
    edits[id(1)]!.email = 'bad@@x';
    let rows = deriveRows(p, edits);
    expect(rows[0]!.status).toBe('needsEmail');
    expect(rows[0]!.emailError).toMatch(/only one @/);
    edits[id(1)]!.email = 'someone@contoso.com';
    expect(deriveRows(p, edits)[0]!.emailError).toMatch(/verified domain/);
    edits[id(1)]!.email = 'USER2@fabrikam.example';
    rows = deriveRows(p, edits);
    expect(rows.map((r) => r.status)).toEqual(['needsEmail', 'needsEmail']);
    expect(countRows(rows).needsEmail).toBe(2);
  });

  it('lets a fixed address clear a pre-flight email block, and adds it to otherMails when it is not on the user', () => {
    const p = preflight([
      user(1, { proposedEmail: '', eligibility: 'blocked', reasons: [{ code: 'noValidEmail', severity: 'block', message: 'No external email.', overridable: false }] }, { mail: null }),
    ]);
    const edits = initialEdits(p);
    expect(deriveRows(p, edits)[0]!.status).toBe('needsEmail');
    edits[id(1)]!.email = 'new@fabrikam.example';
    const rows = deriveRows(p, edits);
    expect(rows[0]!.status).toBe('warning');
    expect(rows[0]!.addToOtherMails).toBe(true);
    expect(jobItems(rows)[0]).toMatchObject({ email: 'new@fabrikam.example', addToOtherMails: true, privilegedOverride: false });
    expect(tierForJob(jobItems(rows), { setUserTypeGuest: false })).toBe('write');
  });

  it('explains an empty proposal when the addresses of the user are all in verified domains', () => {
    const p = preflight([user(1, { proposedEmail: '' }, { mail: 'user1@contoso.com' })]);
    const row = deriveRows(p, initialEdits(p))[0]!;
    expect(row.status).toBe('needsEmail');
    expect(row.reasons.map((r) => r.message)).toEqual([
      "user1@contoso.com is in a verified domain of this tenant and cannot be used. Enter the user's external address.",
    ]);
  });

  it('an address already in otherMails needs no write', () => {
    const p = preflight([user(1, { proposedEmail: 'alt@fabrikam.example' }, { mail: 'user1@contoso.com', otherMails: ['alt@fabrikam.example'] })]);
    const rows = deriveRows(p, initialEdits(p));
    expect(rows[0]).toMatchObject({ status: 'eligible', addToOtherMails: false });
  });

  it('needs two confirmations to convert a privileged user', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN] })]);
    const edits = initialEdits(p);
    expect(deriveRows(p, edits)[0]).toMatchObject({ status: 'blocked', overridable: true, hardBlocked: false });
    expect(deriveRows(p, edits)[0]!.reasons[0]!.message).toMatch(/Global Administrator/);
    edits[id(1)]!.overrideConfirmed = true;
    expect(deriveRows(p, edits)[0]!.status).toBe('blocked');
    edits[id(1)]!.overrideConfirmedAgain = true;
    const rows = deriveRows(p, edits);
    expect(rows[0]!.status).toBe('warning');
    expect(rows[0]!.reasons[0]!.code).toBe('privilegedRoleOverridden');
    expect(jobItems(rows)[0]!.privilegedOverride).toBe(true);
  });

  it('a privileged user who is also synced stays blocked whatever the override', () => {
    const p = preflight([user(1, { roles: [GLOBAL_ADMIN] }, { onPremisesSyncEnabled: true })]);
    const edits = initialEdits(p);
    Object.assign(edits[id(1)]!, { overrideConfirmed: true, overrideConfirmedAgain: true });
    expect(deriveRows(p, edits)[0]).toMatchObject({ status: 'blocked', hardBlocked: true, overridable: false });
  });

  it('falls back to the pre-flight reasons when the reply carries no Graph user', () => {
    const p = preflight([
      legacy(1, { eligibility: 'blocked', reasons: [{ code: 'privilegedRole', severity: 'block', message: 'Global Administrator.', overridable: true }] }),
      legacy(2, { eligibility: 'blocked', reasons: [{ code: 'synced', severity: 'block', message: 'Synced.', overridable: false }] }),
    ]);
    const edits = initialEdits(p);
    Object.assign(edits[id(1)]!, { overrideConfirmed: true, overrideConfirmedAgain: true });
    const rows = deriveRows(p, edits);
    expect(rows.map((r) => r.status)).toEqual(['warning', 'blocked']);
    expect(jobItems(rows)).toHaveLength(1);
  });

  it('excluded rows are neither converted nor checked for duplicates', () => {
    const p = preflight([user(1), user(2, { proposedEmail: 'user1@fabrikam.example' })]);
    const edits = initialEdits(p);
    edits[id(2)]!.excluded = true;
    const rows = deriveRows(p, edits);
    expect(rows.map((r) => r.status)).toEqual(['eligible', 'excluded']);
    expect(tierForJob(jobItems(rows), { setUserTypeGuest: false })).toBe('invite');
  });

  it('keeps warnings such as a disabled account', () => {
    const p = preflight([user(1, {}, { accountEnabled: false })]);
    const row = deriveRows(p, initialEdits(p))[0]!;
    expect(row.status).toBe('warning');
    expect(row.reasons[0]!.code).toBe('accountDisabled');
  });
});

describe('invitation options', () => {
  it('defaults: no email, redirect to My Apps, no userType change', () => {
    const o = initialOptions(preflight([]));
    expect(o.sendInvitationMessage).toBe(false);
    expect(o.setUserTypeGuest).toBe(false);
    expect(toInvitationOptions(o)).toEqual({
      sendInvitationMessage: false,
      inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=11111111-2222-3333-4444-555555555555',
      setUserTypeGuest: false,
    });
  });

  it('validates cc, redirect URL, language and message length', () => {
    const o = { ...initialOptions(preflight([])), ccRecipient: 'nope', inviteRedirectUrl: 'http://x.example', messageLanguage: 'english!', customizedMessageBody: 'x'.repeat(4001) };
    expect(Object.keys(validateOptions(o)).sort()).toEqual(['ccRecipient', 'customizedMessageBody', 'inviteRedirectUrl', 'messageLanguage']);
    expect(validateOptions({ ...o, ccRecipient: 'm@f.example', inviteRedirectUrl: 'https://x.example', messageLanguage: 'fr-FR', customizedMessageBody: 'hi' })).toEqual({});
  });
});
