// The worker's sign-in on fake ports: the account it keeps, when a token comes from memory, from MSAL's cache or from a
// silent browser renewal, and how each way of losing the sign-in changes what the admin is told.
import { describe, expect, it } from 'vitest';
import { AuthService, SignInRequired } from '../../background/auth/auth-service';
import { localKeys, sessionKeys } from '../../src/storage';
import type { Settings } from '../../src/config';
import { ADMIN, OTHER_ADMIN, fakeMsal } from '../support/fake-msal';
import { fakePorts, SETTINGS } from '../support/worker-fakes';

function setUp(options: { settings?: Settings | undefined } = {}) {
  const ports = fakePorts();
  let now = Date.UTC(2026, 10, 27, 9, 0, 0);
  const clock = { advance: (ms: number) => void (now += ms) };
  const msal = fakeMsal(ports, () => now);
  const settings = { current: 'settings' in options ? options.settings : (SETTINGS as Settings) };
  const auth = new AuthService({
    settings: async () => settings.current,
    local: ports.storage.local,
    session: ports.storage.session,
    identity: ports.identity,
    msal: ports.msal,
    now: () => now,
  });
  return { ports, msal, auth, clock, settings };
}

async function refusal(promise: Promise<unknown>): Promise<SignInRequired> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SignInRequired)) throw new Error(`expected SignInRequired, got ${String(error)}`);
  return error;
}

describe('AuthService', () => {
  it('asks for the options first when no app registration is set, and keeps no account', async () => {
    const s = setUp({ settings: undefined });
    expect((await refusal(s.auth.token('read'))).detail.problem).toBe('not-configured');
    expect(await s.auth.account()).toBeUndefined();
    expect(s.ports.msalRequests).toEqual([]);
  });

  it('signs in interactively: keeps the account and the tiers granted (never a token) and marks the session active', async () => {
    const s = setUp();
    const account = await s.auth.signIn('read');
    expect(account).toMatchObject({ username: ADMIN.username, tenantId: ADMIN.tenantId, objectId: ADMIN.objectId, grantedTiers: ['read'] });
    expect(s.ports.authWindowCalls).toEqual([{ url: expect.stringContaining('prompt=select_account'), interactive: true }]);
    const stored = await s.ports.storage.local.get([localKeys.account]);
    expect(stored[localKeys.account]).toEqual(account);
    expect(JSON.stringify(await s.ports.storage.local.get(await s.ports.storage.local.keys()))).not.toContain('token-');
    expect(await s.auth.sessionActive()).toBe(true);
    // The token of the sign-in is served from memory: MSAL is not asked again.
    const asked = s.ports.msalRequests.length;
    expect(await s.auth.token('read')).toBe('token-1');
    expect(s.ports.msalRequests.length).toBe(asked);
  });

  it('refuses a tier not granted yet, naming the tier to sign in for', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    const error = await refusal(s.auth.token('write'));
    expect(error.detail.problem).toBe('consent-required');
    expect(error.tier).toBe('write');
    expect(error.message).toContain('update users');
    // A permission not granted yet is not a session that ended: the account card keeps saying signed in.
    expect(await s.auth.sessionActive()).toBe(true);
    // A broader grant covers the narrower tiers.
    await s.auth.signIn('write');
    expect((await s.auth.account())?.grantedTiers).toEqual(['read', 'invite', 'write']);
    expect(await s.auth.token('invite')).toMatch(/^token-/);
    expect(await s.auth.signInTier('read')).toBe('write');
  });

  it('records only the tiers the tenant really granted', async () => {
    const s = setUp();
    s.msal.state.grantOnly = ['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory'];
    expect((await s.auth.signIn('write')).grantedTiers).toEqual(['read']);
  });

  it('renews an expiring token from MSAL silently, then through the browser session once MSAL lost its cache', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    s.clock.advance(59 * 60_000); // within two minutes of expiry: renewed before it can expire mid-request
    expect(await s.auth.token('read')).toBe('token-2');
    expect(s.ports.msalRequests.at(-1)).toMatchObject({ kind: 'silent', forceRefresh: false });
    expect(s.ports.authWindowCalls).toHaveLength(1);
    // The host document was recreated (MSAL's cache is empty) but the browser still has the authority's session.
    s.msal.hostGone();
    expect(await s.auth.token('read', { forceRefresh: true })).toBe('token-3');
    expect(s.ports.authWindowCalls.at(-1)).toEqual({ url: expect.stringContaining('prompt=none'), interactive: false });
    expect(await s.auth.sessionActive()).toBe(true);
  });

  it('says the session ended when no token can be had without the admin, and says it again after a browser restart', async () => {
    const s = setUp();
    await s.auth.signIn('invite');
    s.msal.hostGone();
    s.msal.state.browserSession = undefined;
    const error = await refusal(s.auth.token('invite', { forceRefresh: true }));
    expect(error.detail).toMatchObject({ problem: 'login-required', code: 'AADSTS50058' });
    expect(await s.auth.sessionActive()).toBe(false);
    // The account is still known (the card says "signed in as … — session ended"), and a probe changes nothing.
    expect((await s.auth.account())?.username).toBe(ADMIN.username);
    expect(await s.auth.probeSession()).toBe(false);
    // Signing in again brings the session back.
    await s.auth.signIn('invite');
    expect(await s.auth.sessionActive()).toBe(true);
    expect(await s.auth.probeSession()).toBe(true);
  });

  it('does not hand out a token for another account the browser session now belongs to', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    s.msal.hostGone();
    s.msal.state.browserSession = OTHER_ADMIN;
    const error = await refusal(s.auth.token('read', { forceRefresh: true }));
    expect(error.message).toBe('Sign in again to continue.');
  });

  it('replaces the account (and forgets its tokens) when another admin signs in', async () => {
    const s = setUp();
    await s.auth.signIn('write');
    s.msal.state.signInAs = OTHER_ADMIN;
    const account = await s.auth.signIn('read');
    expect(account).toMatchObject({ objectId: OTHER_ADMIN.objectId, grantedTiers: ['read'] });
    // The first admin's write token is not served to the second.
    expect((await refusal(s.auth.token('write'))).detail.problem).toBe('consent-required');
  });

  it('reports a cancelled sign-in and keeps nothing', async () => {
    const s = setUp();
    s.msal.state.cancel = true;
    expect((await refusal(s.auth.signIn('read'))).detail.problem).toBe('cancelled');
    expect(await s.auth.account()).toBeUndefined();
    expect(await s.auth.sessionActive()).toBe(false);
  });

  it('signs out: the account, the session mark and MSAL’s cache go, and the host document is closed', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    await s.auth.signOut();
    expect(await s.ports.storage.local.get([localKeys.account])).toEqual({});
    expect(await s.ports.storage.session.get([sessionKeys.authSession])).toEqual({});
    expect(s.ports.msalRequests.at(-1)).toMatchObject({ kind: 'signOut' });
    expect(s.ports.msalClosed).toBe(1);
    expect(await s.auth.account()).toBeUndefined();
    expect((await refusal(s.auth.token('read'))).detail.problem).toBe('login-required');
  });

  it('forgets the account when the app registration, tenant or cloud changes', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    s.settings.current = { ...SETTINGS, clientId: '99999999-2222-3333-4444-555555555555' };
    expect(await s.auth.account()).toBeUndefined();
    expect(await s.auth.signInTier('invite')).toBe('invite');
    s.settings.current = SETTINGS;
    expect((await s.auth.account())?.username).toBe(ADMIN.username);
  });

  it('hands out no token kept for other settings: a changed tenant means signing in for it, not the old tenant\'s token', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    expect(await s.auth.token('read')).toBe('token-1');
    s.settings.current = { ...SETTINGS, tenant: 'fabrikam.example' };
    expect((await refusal(s.auth.token('read'))).detail.problem).toBe('login-required');
    // Back to the settings the account was signed in with: its token serves them again.
    s.settings.current = SETTINGS;
    expect(await s.auth.token('read')).toBe('token-1');
  });

  it('passes MSAL the app registration, the authority of the cloud and tenant, and the browser’s redirect URI', async () => {
    const s = setUp();
    await s.auth.signIn('read');
    expect(s.ports.msalRequests[0]).toMatchObject({
      kind: 'begin',
      config: { clientId: SETTINGS.clientId, authority: 'https://login.microsoftonline.com/contoso.example', redirectUri: s.ports.identity.redirectUrl() },
      prompt: 'select_account',
    });
  });
});
