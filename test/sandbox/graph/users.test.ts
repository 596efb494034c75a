import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADA, ADMIN, BOB, CARL, INVITER, PLAIN, USER_ADMIN, errorOf, obj, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({}, 250);
});
afterEach(() => h.close());

const ids = (json: unknown) => (obj(json).value as { id: string }[]).map((u) => u.id);
const EVENTUAL = { ConsistencyLevel: 'eventual' };
const q = (s: string) => encodeURIComponent(s);

describe('single user', () => {
  it('GET /me returns the signed-in user with the default property set', async () => {
    const r = await h.call('GET', '/v1.0/me');
    expect(r.status).toBe(200);
    const me = obj(r.json);
    expect(me.id).toBe(ADMIN);
    expect(me['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users/$entity');
    // externalUserState is not a default property: clients must $select it.
    expect(me).not.toHaveProperty('externalUserState');
    expect(me).toHaveProperty('businessPhones');
  });

  it('GET /users/{id or UPN} with $select', async () => {
    const r = await h.call('GET', `/v1.0/users/${ADA}?$select=id,mail,otherMails,externalUserState,userType`);
    expect(obj(r.json)).toMatchObject({ id: ADA, mail: 'ada@fabrikam.example', otherMails: [], externalUserState: null, userType: 'Member' });
    expect(obj(r.json)).not.toHaveProperty('displayName');
    const byUpn = await h.call('GET', '/v1.0/users/Bob.Builder@contoso.example?$select=id');
    expect(obj(byUpn.json).id).toBe(BOB);
  });

  it('404 Request_ResourceNotFound for an unknown user; 400 for a malformed id; 400 for unknown $select', async () => {
    const r = await h.call('GET', '/v1.0/users/99999999-9999-4999-8999-999999999999');
    expect(r.status).toBe(404);
    expect(errorOf(r.json).code).toBe('Request_ResourceNotFound');
    expect((await h.call('GET', '/v1.0/users/not-an-id')).status).toBe(400);
    const bad = await h.call('GET', `/v1.0/users/${ADA}?$select=id,shoeSize`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad.json).message).toBe("Could not find a property named 'shoeSize' on type 'microsoft.graph.user'.");
  });
});

describe('listing and paging', () => {
  it('default page is 100, nextLink is absolute on graph.microsoft.com and walks every user once', async () => {
    let r = await h.call('GET', '/v1.0/users?$select=id,displayName');
    expect(ids(r.json)).toHaveLength(100);
    const seen = new Set(ids(r.json));
    let pages = 1;
    while (obj(r.json)['@odata.nextLink']) {
      const next = new URL(String(obj(r.json)['@odata.nextLink']));
      expect(next.origin).toBe('https://graph.microsoft.com');
      expect(next.searchParams.get('$select')).toBe('id,displayName');
      r = await h.call('GET', next.pathname + next.search);
      ids(r.json).forEach((i) => seen.add(i));
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(260);
  });

  it('$top up to 999; above 999 and $skip are 400; a garbage skiptoken is refused', async () => {
    expect(ids((await h.call('GET', '/v1.0/users?$top=999')).json)).toHaveLength(260);
    expect(obj((await h.call('GET', '/v1.0/users?$top=999')).json)).not.toHaveProperty('@odata.nextLink');
    expect((await h.call('GET', '/v1.0/users?$top=1000')).status).toBe(400);
    expect((await h.call('GET', '/v1.0/users?$top=0')).status).toBe(400);
    expect((await h.call('GET', '/v1.0/users?$skip=5')).status).toBe(400);
    expect((await h.call('GET', '/v1.0/users?$skiptoken=abc')).status).toBe(400);
  });
});

describe('$filter', () => {
  it("id in (...) up to 15 values; 16 is 400", async () => {
    const r = await h.call('GET', `/v1.0/users?$filter=${q(`id in ('${ADA}','${BOB}')`)}`);
    expect(ids(r.json).sort()).toEqual([ADA, BOB].sort());
    const many = Array.from({ length: 16 }, (_, i) => `'cccccccc-0000-4000-8000-00000000${String(i).padStart(4, '0')}'`);
    expect(ids((await h.call('GET', `/v1.0/users?$filter=${q(`id in (${many.slice(0, 15).join(',')})`)}`)).json)).toHaveLength(15);
    const over = await h.call('GET', `/v1.0/users?$filter=${q(`id in (${many.join(',')})`)}`);
    expect(over.status).toBe(400);
    expect(errorOf(over.json).code).toBe('Request_UnsupportedQuery');
  });

  it("userPrincipalName eq (case-insensitive), startswith combos, externalUserState eq, otherMails/any", async () => {
    expect(ids((await h.call('GET', `/v1.0/users?$filter=${q("userPrincipalName eq 'ADA.LOVELACE@contoso.example'")}`)).json)).toEqual([ADA]);
    const combo = `startswith(displayName,'bob') or startswith(userPrincipalName,'ada') or startswith(mail,'carl@')`;
    expect(ids((await h.call('GET', `/v1.0/users?$filter=${q(combo)}`)).json).sort()).toEqual([ADA, BOB, CARL].sort());
    await h.call('POST', '/v1.0/invitations', {
      body: { invitedUserEmailAddress: 'ada@fabrikam.example', inviteRedirectUrl: 'https://myapps.microsoft.com', invitedUser: { id: ADA } },
    });
    expect(ids((await h.call('GET', `/v1.0/users?$filter=${q("externalUserState eq 'PendingAcceptance'")}`)).json)).toEqual([ADA]);
    expect(ids((await h.call('GET', `/v1.0/users?$filter=${q("otherMails/any(x:x eq 'bob@personal.example')")}`)).json)).toEqual([BOB]);
  });

  it('ne / not / endswith need ConsistencyLevel: eventual and $count=true', async () => {
    const ne = `/v1.0/users?$filter=${q("userType ne 'Guest'")}`;
    const refused = await h.call('GET', ne);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json)).toMatchObject({
      code: 'Request_UnsupportedQuery',
      message: "Unsupported or invalid query filter clause specified for property 'userType' of resource 'User'.",
    });
    expect((await h.call('GET', ne, { headers: EVENTUAL })).status).toBe(400);
    const ok = await h.call('GET', `${ne}&$count=true`, { headers: EVENTUAL });
    expect(ok.status).toBe(200);
    expect(obj(ok.json)['@odata.count']).toBe(260);
    const ends = `/v1.0/users?$filter=${q("endswith(mail,'@fabrikam.example')")}&$count=true`;
    expect((await h.call('GET', ends)).status).toBe(400);
    expect(ids((await h.call('GET', ends, { headers: EVENTUAL })).json).sort()).toEqual([ADA, CARL].sort());
    expect((await h.call('GET', `/v1.0/users?$filter=${q("not(userType eq 'Guest')")}`)).status).toBe(400);
  });

  // https://learn.microsoft.com/en-us/graph/aad-advanced-queries: without ConsistencyLevel, $count=true is ignored.
  it('$count=true without ConsistencyLevel is ignored; unknown property and bad syntax are 400', async () => {
    const c = await h.call('GET', '/v1.0/users?$count=true');
    expect(c.status).toBe(200);
    expect(obj(c.json)).not.toHaveProperty('@odata.count');
    expect((await h.call('GET', `/v1.0/users?$filter=${q("shoeSize eq '9'")}`)).status).toBe(400);
    expect((await h.call('GET', `/v1.0/users?$filter=${q("displayName eq")}`)).status).toBe(400);
  });
});

describe('$filter rules of the directory', () => {
  // https://learn.microsoft.com/en-us/graph/aad-advanced-queries: the in cap is for the whole clause.
  it('the 15-value cap applies to the whole clause, across in lists and or branches', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `'cccccccc-0000-4000-8000-00000000${String(i).padStart(4, '0')}'`);
    expect((await h.call('GET', `/v1.0/users?$filter=${q(`id in (${ten.join(',')}) or id in (${ten.slice(0, 5).join(',')})`)}`)).status).toBe(200);
    const over = await h.call('GET', `/v1.0/users?$filter=${q(`id in (${ten.join(',')}) or id in (${ten.slice(0, 6).join(',')})`)}`);
    expect(over.status).toBe(400);
    expect(errorOf(over.json).code).toBe('Request_UnsupportedQuery');
  });

  it('eq values over 120 characters are refused', async () => {
    expect((await h.call('GET', `/v1.0/users?$filter=${q(`mail eq '${'a'.repeat(108)}@x.example'`)}`)).status).toBe(200);
    expect((await h.call('GET', `/v1.0/users?$filter=${q(`mail eq '${'a'.repeat(111)}@x.example'`)}`)).status).toBe(400);
  });

  // https://learn.microsoft.com/en-us/graph/api/resources/user ("Supports $filter" per property): a property or
  // operator outside that list is refused with 400, never evaluated.
  it('a property Graph does not filter on, or an operator it does not support there, is refused', async () => {
    expect((await h.call('GET', `/v1.0/users?$filter=${q("onPremisesUserPrincipalName eq 'x@corp.local'")}`)).status).toBe(400);
    expect((await h.call('GET', `/v1.0/users?$filter=${q("startswith(userType,'Gu')")}`)).status).toBe(400);
    expect((await h.call('GET', `/v1.0/users?$filter=${q("displayName gt 'A'")}`)).status).toBe(400);
    expect((await h.call('GET', `/v1.0/users?$filter=${q("startswith(displayName,'Ada')")}`)).status).toBe(200);
  });
});

describe('$search', () => {
  it('needs ConsistencyLevel: eventual; matches word prefixes', async () => {
    const path = `/v1.0/users?$search=${q('"displayName:lovel"')}`;
    const refused = await h.call('GET', path);
    expect(refused.status).toBe(400);
    expect(errorOf(refused.json).message).toMatch(/ConsistencyLevel: eventual/);
    expect(ids((await h.call('GET', path, { headers: EVENTUAL })).json)).toEqual([ADA]);
    const or = `/v1.0/users?$search=${q('"displayName:ada" OR "displayName:bob"')}`;
    expect(ids((await h.call('GET', or, { headers: EVENTUAL })).json).sort()).toEqual([ADA, BOB].sort());
    expect((await h.call('GET', `/v1.0/users?$search=${q('lovel')}`, { headers: EVENTUAL })).status).toBe(400);
  });
});

describe('PATCH /users/{id}', () => {
  it('sets otherMails and userType (204) and validates types', async () => {
    const r = await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: ['b@x.example'], userType: 'Guest' } });
    expect(r.status).toBe(204);
    const u = h.emulator.state().users.find((x) => x.id === BOB);
    expect(u).toMatchObject({ otherMails: ['b@x.example'], userType: 'Guest' });
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: 'b@x.example' } })).status).toBe(400);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: ['not an email'] } })).status).toBe(400);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { userType: 'Admin' } })).status).toBe(400);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { externalUserState: 'Accepted' } })).status).toBe(400);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { userType: 'Member', bogus: 1 } })).status).toBe(400);
    // A refused request changes nothing.
    expect(h.emulator.state().users.find((x) => x.id === BOB)?.userType).toBe('Guest');
  });

  it('needs User.ReadWrite.All and User Administrator / Global Administrator', async () => {
    const body = { userType: 'Guest' };
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { token: h.token({ scp: 'User.Read.All User.Invite.All' }), body })).status).toBe(403);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { token: h.token({ oid: PLAIN }), body })).status).toBe(403);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { token: h.token({ oid: USER_ADMIN }), body })).status).toBe(204);
    // A User Administrator cannot edit a Global Administrator.
    expect((await h.call('PATCH', `/v1.0/users/${ADMIN}`, { token: h.token({ oid: USER_ADMIN }), body })).status).toBe(403);
  });

  // https://learn.microsoft.com/en-us/graph/api/resources/user (otherMails): at most 250 values of at most 250
  // characters each, and no accented characters.
  it('otherMails: 250 values of 250 characters at most, ASCII only; a refused write changes nothing', async () => {
    const many = Array.from({ length: 250 }, (_, i) => `b${i}@x.example`);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: many } })).status).toBe(204);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: [...many, 'one@more.example'] } })).status).toBe(400);
    const long = `${'a'.repeat(250 - '@x.example'.length)}@x.example`;
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: [long] } })).status).toBe(204);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: [`a${long}`] } })).status).toBe(400);
    expect((await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMails: ['rené@x.example'] } })).status).toBe(400);
    expect(h.emulator.state().users.find((x) => x.id === BOB)?.otherMails).toEqual([long]);
  });

  // https://learn.microsoft.com/en-us/graph/api/user-update ("Who can update sensitive attributes"): mail and
  // otherMails of a user holding an admin role (anything but Directory Readers, Guest Inviter, Message Center Reader,
  // Reports Reader) may only be changed by the most privileged roles.
  it('mail and otherMails of a user holding an admin role: refused to a User Administrator, allowed to a Global Administrator', async () => {
    const body = { otherMails: ['ada@personal.example'] };
    const refused = await h.call('PATCH', `/v1.0/users/${ADA}`, { token: h.token({ oid: USER_ADMIN }), body });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.json).code).toBe('Authorization_RequestDenied');
    // Non-sensitive properties of the same user stay editable.
    expect((await h.call('PATCH', `/v1.0/users/${ADA}`, { token: h.token({ oid: USER_ADMIN }), body: { userType: 'Guest' } })).status).toBe(204);
    expect((await h.call('PATCH', `/v1.0/users/${ADA}`, { token: h.token({ oid: ADMIN }), body })).status).toBe(204);
    // A Guest Inviter is not an administrator: a User Administrator may change their otherMails.
    expect((await h.call('PATCH', `/v1.0/users/${INVITER}`, { token: h.token({ oid: USER_ADMIN }), body: { otherMails: ['gi@personal.example'] } })).status).toBe(204);
  });

  it('names the v1.0 CSDL does not define are refused as unknown; defined but read-only ones as read-only', async () => {
    const unknown = await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { otherMail: ['b@x.example'] } });
    expect(errorOf(unknown.json).message).toBe("Property 'otherMail' does not exist on type 'microsoft.graph.user'.");
    const readOnly = await h.call('PATCH', `/v1.0/users/${BOB}`, { body: { creationType: 'Invitation' } });
    expect(errorOf(readOnly.json).message).toMatch(/read-only/);
  });

  it('refuses sync-mastered attributes of on-premises synced users', async () => {
    const r = await h.call('PATCH', `/v1.0/users/${CARL}`, { body: { otherMails: ['c@x.example'] } });
    expect(r.status).toBe(400);
    expect(errorOf(r.json).message).toMatch(/on-premises mastered/);
  });
});
