import { describe, expect, it } from 'vitest';
import { checkSubmission, type SubmissionContext } from '../../src/submission';
import type { InvitationOptions, ReviewedUser } from '../../src/messages';
import type { GraphUser } from '../../src/users';
import { graphUser } from '../support/graph-user';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const id = (n: number) => `${n}0000000-0000-4000-8000-000000000000`;

function user(n: number, extra: Partial<GraphUser> = {}): GraphUser {
  return graphUser(id(n), { displayName: `U${n}`, userPrincipalName: `u${n}@contoso.com`, mail: `u${n}@fabrikam.example`, ...extra });
}
const item = (n: number, extra: Partial<ReviewedUser> = {}): ReviewedUser => ({
  userId: id(n), userPrincipalName: `u${n}@contoso.com`, displayName: `U${n}`, email: `u${n}@fabrikam.example`, addToOtherMails: false, privilegedOverride: false, ...extra,
});
const options: InvitationOptions = { sendInvitationMessage: false, inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t', setUserTypeGuest: true, messageLanguage: 'de-DE' };

function ctx(users: GraphUser[], roles: Array<[string, string[]]> = []): SubmissionContext {
  return { signedInUserId: id(9), verifiedDomains: ['contoso.com'], users: new Map(users.map((u) => [u.id, u])), roles: new Map(roles) };
}

describe('checkSubmission', () => {
  it('accepts eligible users and maps the options for the engine', () => {
    const r = checkSubmission([item(1), item(2)], options, ctx([user(1), user(2)]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.items.map((i) => [i.userId, i.setGuest, i.addToOtherMails])).toEqual([[id(1), true, false], [id(2), true, false]]);
    expect(r.options).toEqual({ sendInvitationMessage: false, inviteRedirectUrl: options.inviteRedirectUrl, messageLanguage: 'de-DE' });
  });

  it('refuses the whole submission when any user became ineligible since the review, naming each', () => {
    const r = checkSubmission(
      [item(1), item(2), item(3), item(9), item(4, { email: 'x@contoso.com' })],
      options,
      ctx([user(1), user(2, { externalUserState: 'PendingAcceptance' }), user(9), user(4)]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusals.map((x) => x.userId)).toEqual([id(2), id(3), id(9), id(4)]);
    expect(r.refusals[1]?.message).toMatch(/no longer exists/);
  });

  it('needs the per-user override for privileged users, and honours it', () => {
    const c = ctx([user(1)], [[id(1), [GA]]]);
    expect(checkSubmission([item(1)], options, c).ok).toBe(false);
    expect(checkSubmission([item(1, { privilegedOverride: true })], options, c).ok).toBe(true);
  });

  it('adds to otherMails only when the address is really missing from the user', () => {
    const r = checkSubmission(
      [item(1, { email: 'new@northwind.example', addToOtherMails: true }), item(2, { addToOtherMails: true })],
      options,
      ctx([user(1), user(2)]),
    );
    expect(r.ok && r.items.map((i) => i.addToOtherMails)).toEqual([true, false]);
  });

  it('refuses a user listed twice', () => {
    const r = checkSubmission([item(1), item(1)], options, ctx([user(1)]));
    expect(r.ok).toBe(false);
  });
});

describe('checkSubmission: sponsors', () => {
  const withSponsors = (ids: string[]): InvitationOptions => ({ ...options, sponsors: ids });
  const sponsorCtx = (users: GraphUser[], sponsors: GraphUser[]): SubmissionContext => ({ ...ctx(users), sponsors: new Map(sponsors.map((s) => [s.id.toLowerCase(), s])) });

  it('names the sponsors with the names Graph has for them, in the order asked, each once', () => {
    const r = checkSubmission([item(1)], withSponsors([id(7), id(8), id(7).toUpperCase()]), sponsorCtx([user(1)], [user(7, { displayName: 'Sam Sponsor' }), user(8)]));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.options.sponsors).toEqual([{ id: id(7), displayName: 'Sam Sponsor' }, { id: id(8), displayName: 'U8' }]);
  });

  it('refuses a sponsor who is not in the directory, a guest or external user, or one of the users converted', () => {
    const r = checkSubmission(
      [item(1)],
      withSponsors([id(5), id(6), id(1), id(4)]),
      sponsorCtx([user(1)], [user(6, { userType: 'Guest' }), user(1), user(4, { externalUserState: 'Accepted' })]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusals.map((x) => [x.userId, x.message])).toEqual([
      [id(5), 'This sponsor is not a user of the directory (deleted, or never was).'],
      [id(6), 'A sponsor must be an internal member of the directory, not a guest or external user.'],
      [id(1), 'A user being converted cannot sponsor the conversion.'],
      [id(4), 'A sponsor must be an internal member of the directory, not a guest or external user.'],
    ]);
  });
});
