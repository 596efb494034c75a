import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TokenSigner } from '../tokens';
import { ADA, INVITER, PLAIN, TENANT_ID, USER_ADMIN, errorOf, inviteBody, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('authentication', () => {
  it('401 InvalidAuthenticationToken without a bearer token, in Graph error shape with request ids', async () => {
    const r = await h.call('GET', '/v1.0/me', { token: null, headers: { 'client-request-id': 'my-client-id' } });
    expect(r.status).toBe(401);
    const e = errorOf(r.json);
    expect(e.code).toBe('InvalidAuthenticationToken');
    expect(e.innerError['client-request-id']).toBe('my-client-id');
    expect(e.innerError['request-id']).toBe(r.headers.get('request-id'));
    expect(e.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    expect(r.headers.get('client-request-id')).toBe('my-client-id');
  });

  it('401 for a token signed by someone else', async () => {
    const foreign = new TokenSigner().sign({
      iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
      aud: 'https://graph.microsoft.com',
      tid: TENANT_ID,
      oid: PLAIN,
      scp: 'User.Read',
      iat: 0,
      exp: Math.floor(h.now.ms / 1000) + 60,
    });
    expect((await h.call('GET', '/v1.0/me', { token: foreign })).status).toBe(401);
    expect((await h.call('GET', '/v1.0/me', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('401 for an expired token, by exp or by expireTokensBefore', async () => {
    const r = await h.call('GET', '/v1.0/me', { token: h.token({ exp: Math.floor(h.now.ms / 1000) - 1 }) });
    expect(r.status).toBe(401);
    expect(errorOf(r.json).message).toMatch(/expired/);
    const fresh = h.token();
    expect((await h.call('GET', '/v1.0/me', { token: fresh })).status).toBe(200);
    h.emulator.setFaults({ expireTokensBefore: h.now.ms + 1 });
    expect((await h.call('GET', '/v1.0/me', { token: fresh })).status).toBe(401);
  });

  it('401 for another audience or tenant; accepts the Graph app id as audience', async () => {
    expect((await h.call('GET', '/v1.0/me', { token: h.token({ aud: 'api://other' }) })).status).toBe(401);
    expect((await h.call('GET', '/v1.0/me', { token: h.token({ tid: 'other-tenant' }) })).status).toBe(401);
    expect(
      (await h.call('GET', '/v1.0/me', { token: h.token({ iss: 'https://login.microsoftonline.com/other/v2.0' }) })).status,
    ).toBe(401);
    expect((await h.call('GET', '/v1.0/me', { token: h.token({ aud: '00000003-0000-0000-c000-000000000000' }) })).status).toBe(200);
  });
});

describe('authorization', () => {
  it('403 Authorization_RequestDenied when a scope is missing', async () => {
    const r = await h.call('GET', '/v1.0/users', { token: h.token({ scp: 'User.Read' }) });
    expect(r.status).toBe(403);
    expect(errorOf(r.json)).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect((await h.call('GET', '/v1.0/me', { token: h.token({ scp: 'User.Read' }) })).status).toBe(200);
    expect((await h.call('GET', '/v1.0/me', { token: h.token({ scp: 'Mail.Read' }) })).status).toBe(403);
    const roles = await h.call('GET', '/v1.0/roleManagement/directory/roleAssignments', { token: h.token({ scp: 'User.Read.All' }) });
    expect(roles.status).toBe(403);
  });

  it('invitations need User.Invite.All (or User.ReadWrite.All) and an inviting role', async () => {
    const body = inviteBody(ADA, 'ada@fabrikam.example');
    expect((await h.call('POST', '/v1.0/invitations', { token: h.token({ scp: 'User.Read.All' }), body })).status).toBe(403);
    expect((await h.call('POST', '/v1.0/invitations', { token: h.token({ oid: PLAIN }), body })).status).toBe(403);
    expect(h.emulator.invitationCount(ADA)).toBe(0);
    const ok = await h.call('POST', '/v1.0/invitations', { token: h.token({ oid: INVITER, scp: 'User.Invite.All' }), body });
    expect(ok.status).toBe(201);
  });

  it('User Administrator with User.ReadWrite.All may invite', async () => {
    const r = await h.call('POST', '/v1.0/invitations', {
      token: h.token({ oid: USER_ADMIN, scp: 'User.ReadWrite.All' }),
      body: inviteBody(ADA, 'ada@fabrikam.example'),
    });
    expect(r.status).toBe(201);
  });

  it('answers CORS preflights', async () => {
    const r = await h.call('OPTIONS', '/v1.0/users', { token: null, headers: { Origin: 'chrome-extension://abc' } });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
  });

  it('unknown segments and methods are refused like Graph', async () => {
    expect(errorOf((await h.call('GET', '/v1.0/nope')).json).message).toBe("Resource not found for the segment 'nope'.");
    expect((await h.call('DELETE', '/v1.0/invitations')).status).toBe(405);
  });
});
