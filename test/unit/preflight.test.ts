import { describe, expect, it } from 'vitest';
import { buildPreflight, type PreflightReads } from '../../src/preflight';
import type { GraphUser } from '../../src/users';
import { graphUser } from '../support/graph-user';

const GA = '62e90394-69f5-4237-9190-012177145e10';

function user(id: string, extra: Partial<GraphUser> = {}): GraphUser {
  const nick = id.slice(0, 4);
  return graphUser(id, { displayName: `User ${nick}`, userPrincipalName: `${nick}@contoso.com`, mail: `${nick}@fabrikam.example`, ...extra });
}

const ids = Array.from({ length: 8 }, (_, i) => `${i}0000000-0000-4000-8000-000000000000`);
const [ok, synced, external, admin, privileged, verified, otherOnly, gone] = ids as [string, string, string, string, string, string, string, string];

function reads(users: GraphUser[], roles: Array<[string, string[]]> = []): PreflightReads {
  return {
    tenantId: 't',
    tenantName: 'Contoso',
    signedInUserId: admin,
    verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    defaultRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t',
    requestedIds: ids,
    users: new Map(users.map((u) => [u.id.toLowerCase(), u])),
    roles: new Map(roles),
  };
}

describe('buildPreflight', () => {
  const result = buildPreflight(
    reads(
      [
        user(ok),
        user(synced, { onPremisesUserPrincipalName: 'x@corp.local', onPremisesSyncEnabled: true }),
        user(external, { externalUserState: 'PendingAcceptance' }),
        user(admin),
        user(privileged),
        user(verified, { mail: 'v@contoso.com' }),
        user(otherOnly, { mail: null, otherMails: ['o@contoso.com', 'o@northwind.example'] }),
      ],
      [[privileged, [GA]]],
    ),
  );
  const byId = new Map(result.users.map((u) => [u.id, u]));

  it('keeps selection order and reports users Graph no longer has', () => {
    expect(result.users.map((u) => u.id)).toEqual(ids.slice(0, 7));
    expect(result.missing).toEqual([gone]);
  });

  it('proposes mail when external, else the first external otherMails address', () => {
    expect(byId.get(ok)?.proposedEmail).toBe(`${ok.slice(0, 4)}@fabrikam.example`);
    expect(byId.get(otherOnly)?.proposedEmail).toBe('o@northwind.example');
    expect(byId.get(verified)?.proposedEmail).toBe('');
  });

  it('blocks each ineligible category with its reason and keeps the eligible one', () => {
    expect(byId.get(ok)?.eligibility).toBe('eligible');
    const code = (id: string) => byId.get(id)?.reasons.map((r) => r.code);
    expect(code(synced)).toContain('synced');
    expect(code(external)).toContain('alreadyExternal');
    expect(code(admin)).toContain('signedInAdmin');
    expect(code(privileged)).toContain('privilegedRole');
    expect(byId.get(privileged)?.reasons.find((r) => r.code === 'privilegedRole')?.overridable).toBe(true);
    expect(code(verified)).toContain('noValidEmail');
    for (const id of [synced, external, admin, privileged, verified]) expect(byId.get(id)?.eligibility).toBe('blocked');
    // Only in otherMails: a warning offering the documented fix (set mail), not a silent pass.
    expect(byId.get(otherOnly)?.eligibility).toBe('warning');
    expect(byId.get(otherOnly)?.reasons.map((r) => r.code)).toEqual(['emailNotInMail']);
  });

  it('carries the Graph user and roles so the review can re-evaluate edits', () => {
    expect(byId.get(privileged)?.roles).toEqual([GA]);
    expect(byId.get(synced)?.graph.onPremisesUserPrincipalName).toBe('x@corp.local');
  });

  it('warns before any write when the signed-in admin holds no role that may invite', () => {
    expect(result.adminRoleProblem).toMatch(/User Administrator, Guest Inviter or Global Administrator/);
    const withRole = buildPreflight(reads([user(ok)], [[admin, ['95e79109-95c0-4d8e-aee3-d01accf2d47b']]]));
    expect(withRole.adminRoleProblem).toBeUndefined();
  });

  it('lists a user selected twice once', () => {
    const twice = buildPreflight({ ...reads([user(ok)]), requestedIds: [ok, ok.toUpperCase()] });
    expect(twice.users).toHaveLength(1);
  });
});
