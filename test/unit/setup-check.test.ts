// "Check my setup": each line from what the worker read, for the admins real tenants have.
import { describe, expect, it } from 'vitest';
import { checkSetup, type SetupFacts, type SetupLine } from '../../src/setup-check';

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
const HELPDESK = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

const signedIn = (over: Partial<SetupFacts> = {}): SetupFacts => ({
  configured: true,
  cloud: 'Global',
  account: { username: 'admin@contoso.com', tenantId: '11111111-2222-3333-4444-555555555555', tenantName: 'Contoso', grantedTiers: ['read', 'invite'] },
  verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
  ...over,
});
const byId = (lines: SetupLine[]) => Object.fromEntries(lines.map((l) => [l.id, l]));

describe('checkSetup', () => {
  it('a User Administrator with read and invite consent: everything needed holds; write is optional', () => {
    const lines = byId(checkSetup(signedIn({ roles: { readable: true, held: [USER_ADMIN] } })));
    expect(Object.keys(lines)).toEqual(['configured', 'cloud', 'signed-in', 'consent-read', 'consent-invite', 'consent-write', 'roles-readable', 'invite-role', 'reset-role', 'verified-domains']);
    expect(lines['signed-in']).toMatchObject({ state: 'ok', detail: expect.stringContaining('admin@contoso.com in Contoso') });
    expect(lines['consent-invite']).toMatchObject({ state: 'ok', detail: expect.stringContaining('User.Invite.All') });
    expect(lines['consent-write']).toMatchObject({ state: 'optional', detail: expect.stringContaining('User.ReadWrite.All') });
    expect(lines['invite-role']).toMatchObject({ state: 'ok', detail: 'You hold User Administrator.' });
    expect(lines['reset-role']).toMatchObject({ state: 'ok' });
    expect(lines['verified-domains']).toMatchObject({ state: 'ok', detail: expect.stringContaining('2 verified: contoso.com') });
    expect(Object.values(lines).filter((l) => l.state === 'missing')).toEqual([]);
  });

  it('a Guest Inviter only: role assignments unreadable (with the role that allows it), own roles not checked', () => {
    const lines = byId(checkSetup(signedIn({ roles: { readable: false, code: 'Authorization_RequestDenied' } })));
    expect(lines['roles-readable']).toMatchObject({
      state: 'missing',
      detail: expect.stringContaining('Authorization_RequestDenied'),
      fix: expect.stringContaining('Directory Readers, Global Reader or Privileged Role Administrator'),
    });
    expect(lines['invite-role']).toMatchObject({ state: 'unknown', detail: expect.stringContaining('Global Administrator, User Administrator, Guest Inviter or Directory Writers') });
    expect(lines['reset-role']).toMatchObject({ state: 'unknown' });
  });

  it('roles readable but no inviting role: missing, with the fix; a Helpdesk Administrator may still reset', () => {
    const lines = byId(checkSetup(signedIn({ roles: { readable: true, held: [HELPDESK] } })));
    expect(lines['invite-role']).toMatchObject({ state: 'missing', detail: expect.stringContaining('403'), fix: expect.stringContaining('User Administrator or Guest Inviter') });
    expect(lines['reset-role']).toMatchObject({ state: 'ok', detail: 'You hold Helpdesk Administrator.' });
    const inviter = byId(checkSetup(signedIn({ roles: { readable: true, held: [GUEST_INVITER] } })));
    expect(inviter['invite-role']!.state).toBe('ok');
    expect(inviter['reset-role']).toMatchObject({ state: 'optional', detail: expect.stringContaining('converting works') });
  });

  it('consent for invite missing: the line says which permission and how to grant it', () => {
    const lines = byId(checkSetup(signedIn({ account: { username: 'a@contoso.com', tenantId: 't', grantedTiers: ['read'] }, roles: { readable: true, held: [USER_ADMIN] } })));
    expect(lines['consent-invite']).toMatchObject({ state: 'missing', detail: expect.stringContaining('User.Invite.All'), fix: expect.stringContaining('admin consent') });
  });

  it('not configured, not signed in: the first steps are missing and nothing else is claimed', () => {
    const lines = byId(checkSetup({ configured: false, configProblem: 'The Application (client) ID is not set.', cloud: 'UsGov' }));
    expect(lines.configured).toMatchObject({ state: 'missing', fix: expect.stringContaining('Application (client) ID') });
    expect(lines.cloud!.detail).toContain('graph.microsoft.us');
    expect(lines['signed-in']).toMatchObject({ state: 'missing', fix: expect.stringContaining('Set the Application (client) ID first') });
    for (const id of ['consent-read', 'consent-invite', 'consent-write', 'roles-readable', 'invite-role', 'verified-domains']) expect(lines[id]!.state).toBe('unknown');
  });

  it('a session that ended claims no consent, and says to sign in again', () => {
    const lines = byId(checkSetup(signedIn({ account: { username: 'a@contoso.com', tenantId: 't', grantedTiers: ['read', 'invite'], sessionEnded: true } })));
    expect(lines['signed-in']).toMatchObject({ state: 'missing', detail: expect.stringContaining('session ended'), fix: 'Sign in again.' });
    expect(lines['consent-invite']!.state).toBe('unknown');
  });

  it('a failed read leaves roles and domains unknown with the reason; no verified domain is a problem', () => {
    const failed = byId(checkSetup(signedIn({ verifiedDomains: undefined, readProblem: 'Microsoft Graph could not be read: 503' })));
    expect(failed['invite-role']).toMatchObject({ state: 'unknown', detail: expect.stringContaining('503') });
    expect(failed['verified-domains']).toMatchObject({ state: 'unknown' });
    const none = byId(checkSetup(signedIn({ verifiedDomains: [], roles: { readable: true, held: [USER_ADMIN] } })));
    expect(none['verified-domains']!.state).toBe('missing');
  });
});
