// The benchmark's tenant: N convertible users (external address in `mail`, internal Member, cloud-only,
// enabled, never converted) plus the signed-in admin, who holds User Administrator so the invitation
// manager lets them invite. Ids are GUIDs because the emulator (like Graph) validates object ids.
import type { JobItemInput } from '../../src/jobs';
import { sandboxUser } from '../sandbox/sandbox-user';
import type { TokenClaims } from '../sandbox/tokens';
import { ROLE, type SandboxTenant, type SandboxUser } from '../sandbox/types';

export const TENANT_ID = '5b1e2c3d-4f50-4a61-8b72-9c8d7e6f5a4b';
export const ADMIN_ID = 'a0000000-0000-4000-8000-000000000001';
export const ADMIN_UPN = 'admin@contoso.com';
/** Exactly the delegated scopes the product asks for to pre-flight and invite (no write tier needed). */
export const SCOPES = 'User.Read User.Read.All User.Invite.All RoleManagement.Read.Directory';

export function userId(i: number): string {
  return `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

export function externalEmail(i: number): string {
  return `partner${i}@fabrikam.example`;
}

function member(id: string, upn: string, displayName: string, mail: string): SandboxUser {
  return sandboxUser({ id, displayName, userPrincipalName: upn, mail });
}

export function benchTenant(n: number): SandboxTenant {
  const users: SandboxUser[] = [member(ADMIN_ID, ADMIN_UPN, 'Bench Admin', ADMIN_UPN)];
  for (let i = 0; i < n; i++) users.push(member(userId(i), `partner${i}@contoso.com`, `Partner ${i}`, externalEmail(i)));
  return {
    tenantId: TENANT_ID,
    displayName: 'Contoso (bench)',
    verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.com'],
    users,
    roleAssignments: [{ id: 'ra-admin', principalId: ADMIN_ID, roleDefinitionId: ROLE.userAdministrator, directoryScopeId: '/' }],
    adminUserId: ADMIN_ID,
    consentedScopes: SCOPES.split(' '),
    clientId: 'c0000000-0000-4000-8000-000000000001',
  };
}

/** Claims the emulator's auth accepts (see test/sandbox/graph/auth.ts), valid far beyond the run. */
export function adminClaims(nowMs: number): TokenClaims {
  const now = Math.floor(nowMs / 1000);
  return {
    iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
    aud: 'https://graph.microsoft.com',
    tid: TENANT_ID,
    oid: ADMIN_ID,
    scp: SCOPES,
    iat: now - 60,
    // The emulator judges expiry on the engine's (scaled) clock: a day of engine time covers any run.
    exp: now + 86_400 * 30,
  };
}

/** The job the review hands over for users 0..n-1 of benchTenant(n): invite each at its `mail`. */
export function reviewedItems(n: number): JobItemInput[] {
  return Array.from({ length: n }, (_, i) => ({
    userId: userId(i),
    userPrincipalName: `partner${i}@contoso.com`,
    displayName: `Partner ${i}`,
    email: externalEmail(i),
    addToOtherMails: false,
    setGuest: false,
  }));
}
