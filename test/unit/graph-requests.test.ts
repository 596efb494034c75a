import { describe, expect, it } from 'vitest';
import { MAX_BATCH_REQUESTS, buildBatchBody, mapBatchResponse, toBatchRelativeUrl, type BatchItem } from '../../src/graph/batch';
import { USER_SELECT, chunk, inFilter, listUsersPath, odataString, searchUsersFilter, toUserPage, toVerifiedDomains, usersByIdsPaths } from '../../src/graph/queries';
import { buildInvitationBody, buildUserTypeGuestPatch } from '../../src/graph/writes';
import { buildOtherMailsPatch, roleAssignmentsForPrincipalPath, toInvitation, userPath } from '../support/graph-ops';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function query(path: string): URLSearchParams {
  return new URL(`https://graph.example${path}`).searchParams;
}

describe('invitation body', () => {
  it('always carries invitedUser.id and the required fields', () => {
    const body = buildInvitationBody({ userId: 'u1', email: ' ada@fabrikam.example ' }, { inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t', sendInvitationMessage: false });
    expect(body).toEqual({
      invitedUserEmailAddress: 'ada@fabrikam.example',
      inviteRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t',
      sendInvitationMessage: false,
      invitedUser: { id: 'u1' },
    });
    // What goes on the wire, not just the object: the property must survive serialisation.
    expect(JSON.parse(JSON.stringify(body)).invitedUser).toEqual({ id: 'u1' });
  });

  it('adds message info, the one cc, sponsors, and reset redemption when asked', () => {
    const options = {
      inviteRedirectUrl: 'https://r',
      sendInvitationMessage: true,
      messageLanguage: ' de-DE ',
      ccRecipient: 'boss@fabrikam.example',
      customizedMessageBody: 'Hello Ada',
      sponsors: [{ id: 's1', displayName: 'Sam' }, { id: 's1', displayName: 'Sam' }, { id: 's2', displayName: 'Sue' }],
    };
    expect(buildInvitationBody({ userId: 'u1', email: 'ada@fabrikam.example' }, options).invitedUserSponsors).toEqual([{ id: 's1' }, { id: 's2' }]);
    // A reset re-invites a converted user: its sponsors were set by the conversion and are not named again.
    const body = buildInvitationBody({ userId: 'u1', email: 'ada@fabrikam.example' }, options, { resetRedemption: true });
    expect(body.invitedUserSponsors).toBeUndefined();
    expect(body.invitedUserMessageInfo).toEqual({
      messageLanguage: 'de-DE',
      ccRecipients: [{ emailAddress: { address: 'boss@fabrikam.example' } }],
      customizedMessageBody: 'Hello Ada',
    });
    expect(body.resetRedemption).toBe(true);
    expect(body.invitedUser.id).toBe('u1');
  });

  it('omits empty message info and refuses more than five sponsors or a missing id', () => {
    const options = { inviteRedirectUrl: 'r', sendInvitationMessage: false };
    expect(buildInvitationBody({ userId: 'u', email: 'a@b.example' }, { ...options, ccRecipient: ' ', messageLanguage: '', customizedMessageBody: ' ' }).invitedUserMessageInfo).toBeUndefined();
    const six = Array.from({ length: 6 }, (_, i) => ({ id: `s${i}`, displayName: `S${i}` }));
    expect(() => buildInvitationBody({ userId: 'u', email: 'a@b.example' }, { ...options, sponsors: six })).toThrow(/at most 5 sponsors/);
    expect(() => buildInvitationBody({ userId: ' ', email: 'a@b.example' }, options)).toThrow(/invitedUser\.id/);
  });

  it('maps the 201 response', () => {
    expect(toInvitation({ id: 'i', inviteRedeemUrl: 'https://x', invitedUserEmailAddress: 'a@b', invitedUserType: 'Guest', status: 'PendingAcceptance', invitedUser: { id: 'u1', userPrincipalName: 'ada@contoso.com' } })).toEqual({
      id: 'i',
      inviteRedeemUrl: 'https://x',
      invitedUserEmailAddress: 'a@b',
      invitedUserType: 'Guest',
      status: 'PendingAcceptance',
      invitedUser: { id: 'u1', userPrincipalName: 'ada@contoso.com' },
    });
    expect(toInvitation({})).toBeUndefined();
  });
});

describe('user queries', () => {
  it('selects every field pre-flight needs', () => {
    expect(USER_SELECT.split(',')).toEqual([
      'id', 'displayName', 'userPrincipalName', 'mail', 'otherMails', 'userType', 'externalUserState',
      'externalUserStateChangeDateTime', 'onPremisesSyncEnabled', 'onPremisesUserPrincipalName', 'accountEnabled', 'creationType',
    ]);
    expect(query(userPath('a/b')).get('$select')).toBe(USER_SELECT);
    expect(userPath('a/b').startsWith('/users/a%2Fb?')).toBe(true);
  });

  it('escapes OData literals', () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
    expect(inFilter('id', ['a', "b'c"])).toBe("id in ('a','b''c')");
    expect(() => inFilter('id', [])).toThrow();
    expect(() => inFilter('id', Array.from({ length: 16 }, (_, i) => String(i)))).toThrow(/1\.\.15/);
  });

  it('chunks id lookups by 15 distinct ids', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `id-${i}`);
    const paths = usersByIdsPaths([...ids, 'id-0']);
    expect(paths).toHaveLength(3);
    const filters = paths.map((p) => query(p).get('$filter') ?? '');
    expect(filters.map((f) => f.split(',').length)).toEqual([15, 15, 10]);
    expect(filters[0]).toMatch(/^id in \('id-0','id-1',/);
    expect(query(paths[0] ?? '').get('$select')).toBe(USER_SELECT);
  });

  it('searches with escaped startswith and combines with a filter; clamps page size', () => {
    expect(searchUsersFilter(" o'b ")).toBe("startswith(displayName,'o''b') or startswith(userPrincipalName,'o''b') or startswith(mail,'o''b')");
    const q = query(listUsersPath({ filter: 'accountEnabled eq true', search: 'ada', pageSize: 5000 }));
    expect(q.get('$filter')).toBe("(accountEnabled eq true) and (startswith(displayName,'ada') or startswith(userPrincipalName,'ada') or startswith(mail,'ada'))");
    expect(q.get('$top')).toBe('999');
    expect(query(listUsersPath({})).get('$filter')).toBeNull();
  });

  it('maps user pages with nextLink and tolerates missing fields', () => {
    const page = toUserPage({ value: [{ id: 'u1', otherMails: ['a@b.example', 3] }, { noId: true }], '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users?$skiptoken=x' });
    expect(page.nextLink).toBe('https://graph.microsoft.com/v1.0/users?$skiptoken=x');
    expect(page.value).toHaveLength(1);
    expect(page.value[0]).toMatchObject({ id: 'u1', mail: null, otherMails: ['a@b.example'], accountEnabled: null });
  });

  it('filters role assignments by principal with eq', () => {
    expect(query(roleAssignmentsForPrincipalPath('p1')).get('$filter')).toBe("principalId eq 'p1'");
  });

  it('reads verified domains from /organization', () => {
    expect(toVerifiedDomains({ value: [{ verifiedDomains: [{ name: 'Contoso.com' }, { name: 'contoso.onmicrosoft.com' }, { name: 'contoso.com' }] }] })).toEqual([
      'contoso.com',
      'contoso.onmicrosoft.com',
    ]);
  });
});

describe('user updates', () => {
  it('adds to otherMails without duplicates, keeping the existing entries', () => {
    expect(buildOtherMailsPatch(['x@y.example'], 'ada@fabrikam.example')).toEqual({ otherMails: ['x@y.example', 'ada@fabrikam.example'] });
    expect(buildOtherMailsPatch(['ADA@fabrikam.example'], 'ada@Fabrikam.example')).toBeUndefined();
    expect(buildUserTypeGuestPatch()).toEqual({ userType: 'Guest' });
  });
});

describe('JSON batching', () => {
  it('chunks at 20', () => {
    expect(chunk(Array.from({ length: 41 }, (_, i) => i), MAX_BATCH_REQUESTS).map((c) => c.length)).toEqual([20, 20, 1]);
  });

  it('builds a body with relative urls, unique ids and Content-Type on items with a body', () => {
    const body = buildBatchBody([
      { id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users/u1' },
      { id: '2', method: 'PATCH', url: '/users/u1', body: { userType: 'Guest' }, dependsOn: ['1'] },
    ]);
    expect(body).toEqual({
      requests: [
        { id: '1', method: 'GET', url: '/users/u1' },
        { id: '2', method: 'PATCH', url: '/users/u1', headers: { 'Content-Type': 'application/json' }, body: { userType: 'Guest' }, dependsOn: ['1'] },
      ],
    });
    expect(toBatchRelativeUrl('users')).toBe('/users');
  });

  it('refuses more than 20 requests and duplicate ids', () => {
    const items = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET' as const, url: '/me' }));
    expect(() => buildBatchBody(items)).toThrow(/1\.\.20/);
    expect(() => buildBatchBody([{ id: 'a', method: 'GET', url: '/me' }, { id: 'a', method: 'GET', url: '/me' }])).toThrow(/duplicate/);
  });

  it('maps responses in any order back to the sent order, with per-item errors and Retry-After', () => {
    const sent: BatchItem[] = ['1', '2', '3', '4'].map((id) => ({ id, method: 'GET', url: `/users/${id}` }));
    const results = mapBatchResponse(
      sent,
      {
        responses: [
          { id: '3', status: 429, headers: { 'Retry-After': '7' }, body: { error: { code: 'TooManyRequests', message: 'Please retry again later.' } } },
          { id: '1', status: 200, headers: {}, body: { id: 'u1' } },
          { id: '2', status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } } },
        ],
      },
      NOW,
    );
    expect(results.map((r) => [r.id, r.status, r.error?.code])).toEqual([
      ['1', 200, undefined],
      ['2', 404, 'Request_ResourceNotFound'],
      ['3', 429, 'TooManyRequests'],
      ['4', 0, 'MissingBatchResponse'],
    ]);
    expect(results[2]?.retryAfterMs).toBe(7000);
    expect(results[2]?.error?.retryAfterMs).toBe(7000);
    expect(results[0]?.body).toEqual({ id: 'u1' });
  });
});
