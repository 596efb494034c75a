// The emulator's invitedUserSponsors rules and convertExternalToInternalMemberUser (beta), as Learn documents them.
import { afterEach, describe, expect, it } from 'vitest';
import { ADA, ADMIN, BOB, CARL, EVE, INVITER, PLAIN, USER_ADMIN, errorOf, fixtureTenant, inviteBody, obj, startHarness, type Harness } from './harness';
import { MSG_HAS_ROLE, MSG_MAIL_EMPTY, MSG_NOT_ELIGIBLE, MSG_PASSWORD, MSG_SYNCED, MSG_UPN_DOMAIN, MSG_UPN_EMPTY } from './convert-to-internal';

let h: Harness;
afterEach(() => h.close());
const invite = (body: unknown) => h.call('POST', '/v1.0/invitations', { body });
const convert = (id: string, body?: unknown, token?: string) => h.call('POST', `/beta/users/${id}/convertExternalToInternalMemberUser`, { body, ...(token ? { token } : {}) });
const PASSWORD = { password: 'Zx9!long-enough', forceChangePasswordNextSignIn: true };

describe('invitedUserSponsors', () => {
  it('sets the named sponsors, and the inviter when none are named (Learn: b2b-sponsors)', async () => {
    h = await startHarness();
    // Bob's address is only in otherMails: a tenant that accepts that (the lenient reading) converts him.
    h.emulator.seed({ ...fixtureTenant(), rules: { conversionAcceptsOtherMails: true } });
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserSponsors: [{ id: PLAIN }, { id: USER_ADMIN }] }))).status).toBe(201);
    expect(h.emulator.sponsorsOf(ADA)).toEqual([PLAIN, USER_ADMIN]);
    expect((await invite(inviteBody(BOB, 'bob@personal.example'))).status).toBe(201);
    expect(h.emulator.sponsorsOf(BOB)).toEqual([ADMIN]);
  });

  it('refuses more than five, a malformed entry or an unknown id, and then writes nothing', async () => {
    h = await startHarness();
    const six = [ADMIN, USER_ADMIN, INVITER, PLAIN, BOB, CARL].map((id) => ({ id }));
    const r = await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserSponsors: six }));
    expect([r.status, errorOf(r.json).message]).toEqual([400, 'A maximum of 5 sponsors can be assigned to a guest user.']);
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserSponsors: [{ name: 'x' }] }))).status).toBe(400);
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserSponsors: { id: PLAIN } }))).status).toBe(400);
    const unknown = await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserSponsors: [{ id: '99999999-0000-4000-8000-000000000000' }] }));
    expect([unknown.status, errorOf(unknown.json).code]).toEqual([404, 'Request_ResourceNotFound']);
    expect(h.emulator.state().invitations).toEqual([]);
    expect(h.emulator.state().users.find((u) => u.id === ADA)?.externalUserState).toBeNull();
  });
});

describe('convertExternalToInternalMemberUser (beta)', () => {
  it('converts an accepted cloud user: new UPN in a verified domain, password, userType Member, 200 with conversionUserDetails', async () => {
    h = await startHarness();
    const r = await convert(EVE, { userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD, mail: 'eve@contoso.example' });
    expect(r.status).toBe(200);
    expect(obj(r.json)).toMatchObject({ displayName: 'Eve Already', userPrincipalName: 'eve@contoso.example', mail: 'eve@contoso.example', convertedToInternalUserDateTime: '2026-11-01T12:00:00Z' });
    const eve = h.emulator.state().users.find((u) => u.id === EVE)!;
    expect(eve).toMatchObject({ userPrincipalName: 'eve@contoso.example', userType: 'Member', externalUserState: null, convertedExternalToInternal: true });
    expect(h.emulator.conversions()).toEqual([expect.objectContaining({ userId: EVE, request: { userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD, mail: 'eve@contoso.example' }, by: ADMIN })]);
    // Learn's error table: a converted user invited again answers 412.
    expect((await invite(inviteBody(EVE, 'eve@ext.example', { resetRedemption: true }))).status).toBe(412);
    // And it is internal now: converting again is refused.
    expect(errorOf((await convert(EVE, { userPrincipalName: 'eve2@contoso.example', passwordProfile: PASSWORD })).json).message).toBe(MSG_NOT_ELIGIBLE);
  });

  it('refuses with the documented messages, changing nothing', async () => {
    h = await startHarness();
    const cases: Array<[unknown, string]> = [
      [{ passwordProfile: PASSWORD }, MSG_UPN_EMPTY],
      [{ userPrincipalName: 'eve@fabrikam.example', passwordProfile: PASSWORD }, MSG_UPN_DOMAIN],
      [{ userPrincipalName: 'eve@contoso.example' }, MSG_PASSWORD],
      [{ userPrincipalName: 'eve@contoso.example', passwordProfile: { password: 'short' } }, MSG_PASSWORD],
      [{ userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD, mail: '' }, MSG_MAIL_EMPTY],
      [{ userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD, mail: 'eve@fabrikam.example' }, MSG_UPN_DOMAIN],
    ];
    for (const [body, message] of cases) {
      const r = await convert(EVE, body);
      expect([r.status, errorOf(r.json).message]).toEqual([400, message]);
    }
    // Not externally authenticated (never invited, or not yet redeemed: a guess), or holding a role (known issue).
    expect(errorOf((await convert(PLAIN, { userPrincipalName: 'p@contoso.example', passwordProfile: PASSWORD })).json).message).toBe(MSG_NOT_ELIGIBLE);
    await invite(inviteBody(BOB, 'bob@personal.example'));
    expect(errorOf((await convert(BOB, { userPrincipalName: 'bob@contoso.example', passwordProfile: PASSWORD })).json).message).toBe(MSG_NOT_ELIGIBLE);
    await invite(inviteBody(ADA, 'ada@fabrikam.example'));
    h.emulator.redeem(ADA);
    expect(errorOf((await convert(ADA, { userPrincipalName: 'ada@contoso.example', passwordProfile: PASSWORD })).json).message).toBe(MSG_HAS_ROLE);
    expect(h.emulator.conversions()).toEqual([]);
    expect(h.emulator.state().users.find((u) => u.id === EVE)?.externalUserState).toBe('Accepted');
  });

  it('a synced user takes neither UPN nor password', async () => {
    h = await startHarness();
    const tenant = fixtureTenant();
    tenant.users = tenant.users.map((u) => (u.id === CARL ? { ...u, externalUserState: 'Accepted' as const } : u));
    h.emulator.seed(tenant);
    const refused = await convert(CARL, { userPrincipalName: 'carl@contoso.example', passwordProfile: PASSWORD });
    expect([refused.status, errorOf(refused.json).code, errorOf(refused.json).message]).toEqual([400, 'badRequest', MSG_SYNCED]);
    expect((await convert(CARL)).status).toBe(200);
  });

  it('needs User-ConvertToInternal.ReadWrite.All or User.ReadWrite.All, and the User Administrator role', async () => {
    h = await startHarness();
    const body = { userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD };
    expect((await convert(EVE, body, h.token({ scp: 'User.Read.All User.Invite.All' }))).status).toBe(403);
    expect((await convert(EVE, body, h.token({ oid: INVITER, scp: 'User-ConvertToInternal.ReadWrite.All' }))).status).toBe(403);
    expect((await convert(EVE, body, h.token({ oid: USER_ADMIN, scp: 'User-ConvertToInternal.ReadWrite.All' }))).status).toBe(200);
  });

  it('runs inside /beta/$batch, and only beta routes are served under /beta', async () => {
    h = await startHarness();
    const r = await h.call('POST', '/beta/$batch', {
      body: { requests: [{ id: '1', method: 'POST', url: `/users/${EVE}/convertExternalToInternalMemberUser`, headers: { 'Content-Type': 'application/json' }, body: { userPrincipalName: 'eve@contoso.example', passwordProfile: PASSWORD } }] },
    });
    expect(r.status).toBe(200);
    expect((obj(r.json).responses as Array<{ status: number }>)[0]!.status).toBe(200);
    expect(h.emulator.conversions()[0]).toMatchObject({ userId: EVE, viaBatch: true });
    expect((await h.call('GET', '/beta/users')).status).toBe(400);
  });
});
