// The "Before you convert" panel's statements (src/guidance.ts) and the per-user warnings (src/review-warnings.ts).
import { describe, expect, it } from 'vitest';
import { guidanceFor, teamsTenantUrl } from '../../src/guidance';
import { LEARN_PAGES } from '../../src/learn';
import { domainSpread, isPlusAddress, looksShared, userWarnings, type WarningUser } from '../../src/review-warnings';

const TENANT = '11111111-2222-3333-4444-555555555555';
const base = { tenantId: TENANT, redirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`, setUserTypeGuest: false, anySynced: false, sponsorCount: 1 };

describe('guidanceFor', () => {
  it('states every fact with a Learn page, and the tenant-specific Teams and redirect addresses', () => {
    const facts = guidanceFor(base);
    expect(facts.map((f) => f.id)).toEqual(['keeps', 'signIn', 'onPremises', 'matchDomain', 'oneWay', 'teams', 'userTypeMember', 'sponsors']);
    for (const f of facts) expect(LEARN_PAGES[f.source].url).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    const teams = facts.find((f) => f.id === 'teams')!;
    expect(teams.text).toContain(`https://teams.microsoft.com/?tenantId=${TENANT}`);
    expect(teams.text).toContain(base.redirectUrl);
    expect(facts.find((f) => f.id === 'keeps')!.text).toMatch(/object ID, user principal name \(UPN\), group memberships and app assignments/);
  });

  it('follows the review: user type Guest, synced users, no sponsors', () => {
    const ids = guidanceFor({ ...base, setUserTypeGuest: true, anySynced: true, sponsorCount: 0 });
    expect(ids.find((f) => f.id === 'userTypeGuest')!.text).toMatch(/monthly active user \(MAU\) billing/);
    expect(ids.some((f) => f.id === 'userTypeMember')).toBe(false);
    expect(ids.find((f) => f.id === 'synced')!.text).toMatch(/on-premises AD/);
    expect(ids.find((f) => f.id === 'sponsors')!.text).toMatch(/the inviter \(you\) becomes the sponsor/);
    expect(ids.find((f) => f.id === 'sponsors')!.source).toBe('b2bSponsors');
  });

  it('encodes the tenant in the Teams address', () => {
    expect(teamsTenantUrl('a&b')).toBe('https://teams.microsoft.com/?tenantId=a%26b');
  });
});

const u = (o: Partial<WarningUser> = {}): WarningUser => ({ id: '1', displayName: 'Ada Fischer', mail: 'ada@fabrikam.example', otherMails: [], accountEnabled: true, email: 'ada@fabrikam.example', ...o });

describe('userWarnings', () => {
  it('says password sign-in ends (a fact, with its page) for an enabled account only', () => {
    expect(userWarnings(u()).map((w) => [w.code, w.kind, w.source])).toEqual([['noPasswordSignIn', 'fact', 'inviteInternalUsers']]);
    expect(userWarnings(u({ accountEnabled: false }))).toEqual([]);
  });

  it('names a plus-address on the user object, with the address invited instead', () => {
    const w = userWarnings(u({ mail: 'ada+partner@fabrikam.example', email: 'ada@fabrikam.example', accountEnabled: false }));
    expect(w.map((x) => x.code)).toEqual(['plusAddress']);
    expect(w[0]!.message).toContain('ada+partner@fabrikam.example is a plus-address');
    expect(w[0]!.message).toContain('invited at ada@fabrikam.example');
    expect(isPlusAddress('a+b@x.example')).toBe(true);
    expect(isPlusAddress('a.b@x.example')).toBe(false);
  });

  it('labels a shared mailbox or distribution list as a guess', () => {
    const w = userWarnings(u({ email: 'sales@fabrikam.example', accountEnabled: false }));
    expect(w).toEqual([expect.objectContaining({ code: 'sharedMailboxGuess', kind: 'guess' })]);
    // The review labels a guess as one (review/ui/parts/user-warnings.tsx): the sentence does not repeat it.
    expect(w[0]!.message).toMatch(/^sales@fabrikam\.example or the name .* looks like a shared mailbox/);
    expect(looksShared('ada@fabrikam.example', 'Finance shared mailbox')).toBe(true);
    expect(looksShared('dl-partners@fabrikam.example', 'Partners')).toBe(true);
    expect(looksShared('ada.fischer@fabrikam.example', 'Ada Fischer')).toBe(false);
  });
});

describe('domainSpread', () => {
  it('one partner, every domain different, mixed, or too few to say', () => {
    expect(domainSpread(['a@f.example', 'b@F.example', 'c@f.example'])).toMatchObject({ kind: 'onePartner', message: 'All 3 users are invited at f.example: one partner organisation.' });
    const all = domainSpread(['a@f.example', 'b@g.example', 'c@h.example']);
    expect(all.kind).toBe('allDifferent');
    expect(userWarnings(u({ accountEnabled: false }), all).map((w) => [w.code, w.kind])).toEqual([['uniqueDomain', 'guess']]);
    expect(domainSpread(['a@f.example', 'b@f.example', 'c@g.example', 'd@h.example'])).toMatchObject({ kind: 'mixed', domains: [{ domain: 'f.example', users: 2 }, { domain: 'g.example', users: 1 }, { domain: 'h.example', users: 1 }] });
    expect(domainSpread(['a@f.example', 'b@g.example']).kind).toBe('tooFew');
  });
});
