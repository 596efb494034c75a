import { describe, expect, it } from 'vitest';
import { coversAction, coversTier, grantedTier, missingPermissions, parseScopes, scopesForTier, tierForAction, tierForActions } from '../../src/scopes';

describe('consent tiers', () => {
  it('builds each tier on the previous one', () => {
    expect(scopesForTier('read')).toEqual(['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory']);
    expect(scopesForTier('invite')).toEqual(['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory', 'User.Invite.All']);
    expect(scopesForTier('write').at(-1)).toBe('User.ReadWrite.All');
    expect(scopesForTier('read', 'UsGov')[1]).toBe('https://graph.microsoft.us/User.Read.All');
  });

  it('maps actions to the least tier', () => {
    expect(tierForAction('readRoles')).toBe('read');
    expect(tierForAction('invite')).toBe('invite');
    expect(tierForAction('addOtherMail')).toBe('write');
    expect(tierForAction('resetRedemption')).toBe('write');
    expect(tierForActions(['readUsers', 'invite'])).toBe('invite');
    expect(tierForActions([])).toBe('read');
  });

  it('reads scp claims, including fully qualified entries, case-insensitively', () => {
    expect([...parseScopes('openid  User.Read https://graph.microsoft.us/User.Read.All')]).toEqual(['openid', 'user.read', 'user.read.all']);
    const scp = 'User.Read User.Read.All RoleManagement.Read.Directory';
    expect(coversTier(scp, 'read')).toBe(true);
    expect(coversTier(scp, 'invite')).toBe(false);
    expect(missingPermissions(scp, 'write')).toEqual(['User.Invite.All', 'User.ReadWrite.All']);
    expect(grantedTier(scp)).toBe('read');
    expect(grantedTier('User.Read')).toBeUndefined();
    expect(grantedTier(undefined)).toBeUndefined();
  });

  it('accepts broader permissions for narrower ones', () => {
    expect(coversAction('User.Read Directory.Read.All User.Invite.All', 'invite')).toBe(true);
    expect(grantedTier('User.Read User.ReadWrite.All RoleManagement.Read.All')).toBe('write');
    expect(coversAction('User.Read User.Read.All RoleManagement.Read.Directory User.Invite.All', 'addOtherMail')).toBe(false);
  });
});
