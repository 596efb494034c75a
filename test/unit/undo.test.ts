// Undo a conversion (preview): the documented rules of convertExternalToInternalMemberUser applied before sending.
import { describe, expect, it } from 'vitest';
import { internalMemberRequest } from '../../src/jobs/requests';
import { coversUndo, missingPermissions, undoScopes } from '../../src/scopes';
import { internalMemberBody, passwordAcceptable, proposedUpn, temporaryPassword, undoBlocks, undoInputProblems, UNDO_PERMISSION } from '../../src/undo';
import type { GraphUser } from '../../src/users';
import { graphUser } from '../support/graph-user';

const ID = 'aaaaaaaa-0000-4000-8000-000000000001';
const DOMAINS = ['contoso.com', 'contoso.onmicrosoft.com'];
const accepted = (o: Partial<GraphUser> = {}): GraphUser => graphUser(ID, { userPrincipalName: 'ada.ext@contoso.com', mail: 'ada@fabrikam.example', externalUserState: 'Accepted', ...o });
const input = { userPrincipalName: 'ada@contoso.com', password: 'Tmp-Passw0rd!' };

describe('undoBlocks', () => {
  it('allows only users this extension converted, who accepted and hold no role', () => {
    expect(undoBlocks({ user: accepted(), roles: [], convertedByUs: true })).toEqual([]);
    expect(undoBlocks({ user: accepted(), roles: [], convertedByUs: false }).map((p) => p.code)).toEqual(['notOurs']);
    expect(undoBlocks({ user: accepted({ externalUserState: 'PendingAcceptance' }), roles: [], convertedByUs: true })[0]!.message).toMatch(/not accepted.*guess/);
    expect(undoBlocks({ user: accepted({ externalUserState: null }), roles: ['x'], convertedByUs: true }).map((p) => p.code)).toEqual(['notAccepted', 'hasRole']);
  });
});

describe('undoInputProblems', () => {
  it('needs a UPN in a verified domain and a complex password for cloud users; a mail only in a verified domain', () => {
    expect(undoInputProblems(accepted(), input, DOMAINS)).toEqual([]);
    expect(undoInputProblems(accepted(), { ...input, userPrincipalName: ' ' }, DOMAINS).map((p) => p.code)).toEqual(['upnEmpty']);
    expect(undoInputProblems(accepted(), { ...input, userPrincipalName: 'ada@fabrikam.example' }, DOMAINS).map((p) => p.code)).toEqual(['upnDomain']);
    expect(undoInputProblems(accepted(), { ...input, userPrincipalName: 'ada' }, DOMAINS).map((p) => p.code)).toEqual(['upnSyntax']);
    expect(undoInputProblems(accepted(), { ...input, password: 'password' }, DOMAINS).map((p) => p.code)).toEqual(['password']);
    expect(undoInputProblems(accepted(), { ...input, mail: 'ada@fabrikam.example' }, DOMAINS).map((p) => p.code)).toEqual(['mailDomain']);
  });

  it('asks nothing of a synced user: on-premises manages the UPN and password', () => {
    expect(undoInputProblems(accepted({ onPremisesSyncEnabled: true }), { userPrincipalName: '', password: '' }, DOMAINS)).toEqual([]);
  });
});

describe('the request', () => {
  it('is the documented body: UPN, password profile with a change at next sign-in, mail when given; none for synced users', () => {
    // What the engine sends (src/jobs/requests.ts internalMemberRequest) from what an undo item keeps.
    const item = { userId: ID, userPrincipalName: 'ada.ext@contoso.com', displayName: 'Ada', email: 'ada@fabrikam.example', addToOtherMails: false, privilegedOverride: false, setGuest: false };
    expect(internalMemberBody({ userPrincipalName: ' ada@contoso.com ', mail: ' ada@contoso.com ' }, input.password)).toEqual({
      userPrincipalName: 'ada@contoso.com',
      passwordProfile: { password: 'Tmp-Passw0rd!', forceChangePasswordNextSignIn: true },
      mail: 'ada@contoso.com',
    });
    expect(internalMemberRequest('7', { ...item, toInternal: { userPrincipalName: 'ada@contoso.com' } }, input.password)).toEqual({
      id: '7',
      method: 'POST',
      url: `/users/${ID}/convertExternalToInternalMemberUser`,
      headers: { 'Content-Type': 'application/json' },
      body: { userPrincipalName: 'ada@contoso.com', passwordProfile: { password: 'Tmp-Passw0rd!', forceChangePasswordNextSignIn: true } },
    });
    // A synced user's item names no UPN: no body (on-premises manages UPN and password).
    expect(internalMemberRequest('8', { ...item, toInternal: {} }, undefined)).toEqual({ id: '8', method: 'POST', url: `/users/${ID}/convertExternalToInternalMemberUser`, headers: {}, body: undefined });
  });

  it('proposes the current UPN when it is in a verified domain, and generates passwords that pass', () => {
    expect(proposedUpn(accepted(), DOMAINS)).toBe('ada.ext@contoso.com');
    expect(proposedUpn(accepted({ userPrincipalName: 'ada_fabrikam.example#EXT#@contoso.onmicrosoft.com' }), DOMAINS)).toBe('');
    let seed = 7;
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
    for (let k = 0; k < 50; k++) {
      const p = temporaryPassword(bytes);
      expect(p).toHaveLength(16);
      expect(passwordAcceptable(p)).toBe(true);
    }
  });
});

describe('the undo permission', () => {
  it('is User-ConvertToInternal.ReadWrite.All beside the read tier, also satisfied by User.ReadWrite.All', () => {
    expect(UNDO_PERMISSION).toBe('User-ConvertToInternal.ReadWrite.All');
    expect(undoScopes()).toEqual(['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory', 'User-ConvertToInternal.ReadWrite.All']);
    expect(coversUndo('User.Read User.Read.All RoleManagement.Read.Directory User-ConvertToInternal.ReadWrite.All')).toBe(true);
    expect(coversUndo('User.Read User.Read.All RoleManagement.Read.Directory User.ReadWrite.All')).toBe(true);
    expect(coversUndo('User.Read User.Read.All RoleManagement.Read.Directory User.Invite.All')).toBe(false);
    // The write tier never includes it: turning the feature on is the only way it is asked for.
    expect(missingPermissions('User.Read User.Read.All RoleManagement.Read.Directory User.Invite.All User.ReadWrite.All', 'write')).toEqual([]);
  });
});
