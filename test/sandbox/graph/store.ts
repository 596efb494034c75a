// The emulator's mutable directory: a private deep copy of the seeded tenant plus what happened since
// (invitations, per-user counts). Handlers read and write through this object only.
import type { SandboxRoleAssignment, SandboxTenant, SandboxUser } from '../types';
import { ROLE } from '../types';
import type { InvitationRecord } from './model';

export class DirectoryStore {
  tenant!: SandboxTenant;
  invitations: InvitationRecord[] = [];
  private counts = new Map<string, number>();

  constructor(tenant: SandboxTenant) {
    this.seed(tenant);
  }

  seed(tenant: SandboxTenant): void {
    // A copy, so a test that mutates its fixture afterwards cannot change the directory behind our back.
    this.tenant = structuredClone(tenant);
    this.invitations = [];
    this.counts.clear();
  }

  get users(): SandboxUser[] {
    return this.tenant.users;
  }

  /** By object id, or by userPrincipalName (case-insensitive, as the directory compares UPNs). */
  findUser(idOrUpn: string): SandboxUser | undefined {
    return this.index().get(idOrUpn.toLowerCase());
  }

  // An index by id and UPN, so a lookup costs the same in a 10,000-user tenant as in a small one (a linear scan
  // made the emulator itself the bottleneck of the benchmark). Users are only ever appended (new guests) or
  // edited in place (ids and UPNs never change), so the index is rebuilt when the count changes.
  private byKey = new Map<string, SandboxUser>();
  private indexed: SandboxUser[] | undefined;
  private indexedCount = -1;

  private index(): Map<string, SandboxUser> {
    if (this.indexed !== this.users || this.indexedCount !== this.users.length) {
      this.byKey = new Map();
      for (const u of this.users) {
        this.byKey.set(u.id.toLowerCase(), u);
        this.byKey.set(u.userPrincipalName.toLowerCase(), u);
      }
      this.indexed = this.users;
      this.indexedCount = this.users.length;
    }
    return this.byKey;
  }

  rolesOf(principalId: string): SandboxRoleAssignment[] {
    return this.tenant.roleAssignments.filter((r) => r.principalId === principalId);
  }

  hasAnyRole(principalId: string, roleIds: readonly string[]): boolean {
    return this.rolesOf(principalId).some((r) => roleIds.includes(r.roleDefinitionId));
  }

  isGlobalAdmin(principalId: string): boolean {
    return this.hasAnyRole(principalId, [ROLE.globalAdministrator]);
  }

  isVerifiedDomain(domain: string): boolean {
    const d = domain.toLowerCase();
    return this.tenant.verifiedDomains.some((v) => v.toLowerCase() === d);
  }

  /** The initial *.onmicrosoft.com domain (used for new guests' UPNs). */
  initialDomain(): string {
    return (
      this.tenant.verifiedDomains.find((d) => d.toLowerCase().endsWith('.onmicrosoft.com')) ??
      this.tenant.verifiedDomains[0] ??
      'sandbox.onmicrosoft.com'
    );
  }

  recordInvitation(rec: InvitationRecord): void {
    this.invitations.push(rec);
    this.counts.set(rec.userId, (this.counts.get(rec.userId) ?? 0) + 1);
  }

  invitationCount(userId: string): number {
    return this.counts.get(userId) ?? 0;
  }
}

/** Graph's DateTimeOffset form: second precision, "Z". */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
