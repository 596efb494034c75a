import { afterEach, describe, expect, it } from 'vitest';
import { ADA, BOB, CARL, DORA, EVE, FRED, INVITER, PLAIN, TENANT_ID, USER_ADMIN, errorOf, fixtureTenant, inviteBody, lenientTenant, obj, startHarness, type Harness } from './harness';
import { ROLE } from '../types';
import { MSG_EMAIL_NOT_ON_USER, MSG_ON_PREMISES, MSG_VERIFIED_DOMAIN } from './invitations';

let h: Harness;
afterEach(() => h.close());
const invite = (body: unknown, token?: string) => h.call('POST', '/v1.0/invitations', token === undefined ? { body } : { body, token });

describe('POST /invitations — success', () => {
  it('201 with the full invitation; the user keeps id and userType and becomes PendingAcceptance', async () => {
    h = await startHarness();
    const body = inviteBody(ADA, 'ada@fabrikam.example', {
      invitedUserMessageInfo: { messageLanguage: 'en-US', ccRecipients: [{ emailAddress: { address: 'mgr@contoso.example' } }] },
    });
    const r = await invite(body);
    expect(r.status).toBe(201);
    const inv = obj(r.json);
    expect(inv).toMatchObject({
      invitedUserEmailAddress: 'ada@fabrikam.example',
      inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT_ID}`,
      invitedUserDisplayName: 'Ada Lovelace',
      invitedUserType: 'Guest',
      sendInvitationMessage: false,
      resetRedemption: false,
      status: 'PendingAcceptance',
      // Learn's example (https://learn.microsoft.com/en-us/graph/api/invitation-post) answers the invited user by id.
      invitedUser: { id: ADA },
      invitedUserMessageInfo: { messageLanguage: 'en-US', ccRecipients: [{ emailAddress: { address: 'mgr@contoso.example' } }] },
    });
    expect(String(inv.id)).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(inv.inviteRedeemUrl)).toMatch(/^https:\/\/login\.microsoftonline\.com\/redeem\?rd=/);

    const ada = h.emulator.state().users.find((u) => u.id === ADA);
    expect(ada).toMatchObject({ userType: 'Member', externalUserState: 'PendingAcceptance', externalUserStateChangeDateTime: '2026-11-01T12:00:00Z' });
    expect(h.emulator.invitationCount(ADA)).toBe(1);
    expect(h.emulator.state().invitations[0]).toMatchObject({ userId: ADA, request: body, viaBatch: false });

    h.emulator.redeem(ADA);
    expect(h.emulator.state().users.find((u) => u.id === ADA)?.externalUserState).toBe('Accepted');
    expect(() => h.emulator.redeem(ADA)).toThrow();
  });

  // https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users asks for the address in `mail`: an
  // address only in otherMails is refused by default and accepted only by a tenant that reads the rule leniently.
  it('refuses an address that is only in otherMails, unless the tenant accepts otherMails', async () => {
    h = await startHarness();
    const refused = await invite(inviteBody(BOB, 'BOB@personal.example'));
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json).message).toBe(MSG_EMAIL_NOT_ON_USER);
    h.emulator.seed(lenientTenant());
    expect((await invite(inviteBody(BOB, 'BOB@personal.example'))).status).toBe(201);
  });

  it('a property the invitation type does not define is refused', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserId: ADA }));
    expect(r.status).toBe(400);
    expect(errorOf(r.json).message).toMatch(/'invitedUserId' does not exist on type 'microsoft.graph.invitation'/);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
  });

  it('a top-level POST without Content-Type: application/json is refused', async () => {
    h = await startHarness();
    const r = await h.call('POST', '/v1.0/invitations', { body: JSON.stringify(inviteBody(ADA, 'ada@fabrikam.example')), headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
  });

  // https://learn.microsoft.com/en-us/graph/api/invitation-post: Guest Inviter (least privileged), User Administrator
  // and Directory Writers may invite.
  it('Directory Writers may invite; a plain member may not', async () => {
    h = await startHarness();
    h.emulator.seed({ ...fixtureTenant(), roleAssignments: [...fixtureTenant().roleAssignments, { id: 'ra-dw', principalId: PLAIN, roleDefinitionId: ROLE.directoryWriters, directoryScopeId: '/' }] });
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example'), h.token({ oid: PLAIN, scp: 'User.Invite.All' }))).status).toBe(201);
    h.emulator.seed(fixtureTenant());
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example'), h.token({ oid: PLAIN, scp: 'User.Invite.All' }))).status).toBe(403);
  });

  it('a tenant that wants User.ReadWrite.All to convert an existing user refuses User.Invite.All alone with 403', async () => {
    h = await startHarness({ tenant: { ...fixtureTenant(), rules: { conversionNeedsUserReadWriteAll: true } } });
    const r = await invite(inviteBody(ADA, 'ada@fabrikam.example'), h.token({ oid: INVITER, scp: 'User.Invite.All' }));
    expect(r.status).toBe(403);
    expect(errorOf(r.json).code).toBe('Authorization_RequestDenied');
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example'), h.token({ oid: INVITER, scp: 'User.Invite.All User.ReadWrite.All' }))).status).toBe(201);
  });

  // https://learn.microsoft.com/en-us/entra/external-id/reset-redemption-status: User.ReadWrite.All and the Helpdesk
  // Administrator or User Administrator role; a Guest Inviter may invite but not reset.
  it('reset redemption needs User.ReadWrite.All and Helpdesk/User Administrator', async () => {
    h = await startHarness();
    const reset = inviteBody(EVE, 'eve@ext.example', { resetRedemption: true });
    expect((await invite(reset, h.token({ oid: INVITER }))).status).toBe(403);
    expect((await invite(reset, h.token({ oid: USER_ADMIN, scp: 'User.Invite.All' }))).status).toBe(403);
    expect((await invite(reset, h.token({ oid: USER_ADMIN }))).status).toBe(201);
  });

  it('without invitedUser, a new address creates a guest', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(undefined, 'new.person@elsewhere.example'));
    expect(r.status).toBe(201);
    const id = (obj(obj(r.json).invitedUser).id as string) ?? '';
    const guest = h.emulator.state().users.find((u) => u.id === id);
    expect(guest).toMatchObject({ userType: 'Guest', userPrincipalName: 'new.person_elsewhere.example#EXT#@contoso.onmicrosoft.com' });
  });
});

describe('POST /invitations — refusals', () => {
  it('required properties', async () => {
    h = await startHarness();
    expect((await invite({ inviteRedirectUrl: 'https://x.example', invitedUser: { id: ADA } })).status).toBe(400);
    expect((await invite({ invitedUserEmailAddress: 'ada@fabrikam.example', invitedUser: { id: ADA } })).status).toBe(400);
    expect((await h.call('POST', '/v1.0/invitations', { body: '{nope' })).status).toBe(400);
  });

  it.each([
    'a~b@fabrikam.example',
    'a!b@fabrikam.example',
    'a#b@fabrikam.example',
    'a$b@fabrikam.example',
    'a(b@fabrikam.example',
    'a,b@fabrikam.example',
    'a"b@fabrikam.example',
    'a/b@fabrikam.example',
    '.ada@fabrikam.example',
    'ada.@fabrikam.example',
    '-ada@fabrikam.example',
    'ada-@fabrikam.example',
    'ada@',
    'ada',
  ])('syntax: %s is refused', async (email) => {
    h = await startHarness();
    const r = await invite(inviteBody(ADA, email));
    expect(r.status).toBe(400);
    // Refused for its syntax, before the email is compared with the user's addresses.
    expect(errorOf(r.json).message).toMatch(/is not valid/);
  });

  it('underscore, inner dot and inner dash are fine', async () => {
    h = await startHarness({ tenant: lenientTenant() });
    await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: ['_b.o-b_@personal.example'] } });
    expect((await invite(inviteBody(BOB, '_b.o-b_@personal.example'))).status).toBe(201);
  });

  it('at most one ccRecipient', async () => {
    h = await startHarness();
    const cc = [{ emailAddress: { address: 'a@x.example' } }, { emailAddress: { address: 'b@x.example' } }];
    const r = await invite(inviteBody(ADA, 'ada@fabrikam.example', { invitedUserMessageInfo: { ccRecipients: cc } }));
    expect(r.status).toBe(400);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
  });

  it('email must be on the user object (mail or otherMails)', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(ADA, 'someone@else.example'));
    expect(r.status).toBe(400);
    expect(errorOf(r.json)).toMatchObject({ code: 'BadRequest', message: MSG_EMAIL_NOT_ON_USER });
  });

  it('email in a verified domain is refused', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(FRED, 'fred.local@contoso.example'));
    expect(r.status).toBe(400);
    expect(errorOf(r.json).message).toBe(MSG_VERIFIED_DOMAIN);
  });

  it('on-premises synced users are refused', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(CARL, 'carl@fabrikam.example'));
    expect(r.status).toBe(400);
    expect(errorOf(r.json).message).toBe(MSG_ON_PREMISES);
  });

  it('412 for a user converted external → internal before', async () => {
    h = await startHarness();
    expect((await invite(inviteBody(DORA, 'dora@ext.example'))).status).toBe(412);
  });

  it('an already external user needs resetRedemption; reset returns them to PendingAcceptance', async () => {
    h = await startHarness();
    expect((await invite(inviteBody(EVE, 'eve@ext.example'))).status).toBe(400);
    const r = await invite(inviteBody(EVE, 'eve@ext.example', { resetRedemption: true }));
    expect(r.status).toBe(201);
    expect(obj(r.json).resetRedemption).toBe(true);
    expect(h.emulator.state().users.find((u) => u.id === EVE)?.externalUserState).toBe('PendingAcceptance');
  });

  it('resetRedemption needs invitedUser.id and an external user', async () => {
    h = await startHarness();
    expect((await invite(inviteBody(undefined, 'eve@ext.example', { resetRedemption: true }))).status).toBe(400);
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example', { resetRedemption: true }))).status).toBe(400);
  });

  it('without invitedUser, an existing address answers "already exists as objectID"', async () => {
    h = await startHarness();
    const r = await invite(inviteBody(undefined, 'ada@fabrikam.example'));
    expect(r.status).toBe(400);
    expect(errorOf(r.json).message).toMatch(new RegExp(`^The invited user already exists in the directory as objectID: ${ADA}`));
    expect(h.emulator.invitationCount(ADA)).toBe(0);
  });

  it('404 for an unknown invitedUser.id', async () => {
    h = await startHarness();
    const r = await invite(inviteBody('99999999-9999-4999-8999-999999999999', 'x@fabrikam.example'));
    expect(r.status).toBe(404);
    expect(errorOf(r.json).code).toBe('Request_ResourceNotFound');
  });
});

describe('invitation rate limit', () => {
  it('150 per 5 s sliding window, then 429 with Retry-After in whole seconds', async () => {
    h = await startHarness();
    const body = inviteBody(PLAIN, 'nobody@fabrikam.example'); // refused (400) but still counted
    for (let i = 0; i < 150; i++) {
      expect((await invite(body)).status).toBe(400);
      h.now.ms += 10; // 150 requests over 1.5 s
    }
    const r = await invite(body);
    expect(r.status).toBe(429);
    expect(errorOf(r.json)).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
    // The oldest request leaves the window 5 s after it arrived: 5000 - 1500 = 3.5 s from now, sent as 4 (Graph
    // writes whole seconds: https://learn.microsoft.com/en-us/graph/throttling).
    expect(r.headers.get('retry-after')).toBe('4');
    h.now.ms += 3500;
    expect((await invite(body)).status).toBe(400);
  });

  it('is configurable', async () => {
    h = await startHarness({ inviteLimit: { max: 2, windowMs: 100 }, tenant: lenientTenant() });
    expect((await invite(inviteBody(ADA, 'ada@fabrikam.example'))).status).toBe(201);
    expect((await invite(inviteBody(BOB, 'bob@personal.example'))).status).toBe(201);
    const r = await invite(inviteBody(EVE, 'eve@ext.example', { resetRedemption: true }));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('1');
    expect(h.emulator.invitationCount(EVE)).toBe(0);
  });
});
