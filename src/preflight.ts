// The review's pre-flight, as a pure function of what the worker read from Graph in batches:
// each selected user with the proposed external email and the eligibility verdict.
import { resolveProposedEmail } from './email';
import { evaluateEligibility, PRIVILEGED_ROLE_TEMPLATE_IDS, type Eligibility } from './eligibility';
import { t } from './i18n';
import { DIRECTORY_READERS, GLOBAL_READER, roleList } from './roles';
import type { PreflightResult, PreflightUser } from './messages';
import type { GraphUser } from './users';

/** Directory roles that may send invitations (Graph answers 403 Authorization_RequestDenied otherwise). */
export const INVITER_ROLE_IDS: readonly string[] = [
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  '95e79109-95c0-4d8e-aee3-d01accf2d47b', // Guest Inviter
  '9360feb5-f418-4baa-8175-e2a00bac4301', // Directory Writers
];

export interface PreflightReads {
  tenantId: string;
  tenantName: string;
  signedInUserId: string;
  verifiedDomains: string[];
  defaultRedirectUrl: string;
  /** The ids the admin selected, in selection order. */
  requestedIds: readonly string[];
  /** Users Graph returned, by lower-case id. */
  users: ReadonlyMap<string, GraphUser>;
  /** Directory role template ids held, by lower-case user id. */
  roles: ReadonlyMap<string, readonly string[]>;
  /** Graph's code when it refused to read role assignments: `roles` is then empty and proves nothing. */
  rolesDeniedCode?: string;
  /** Whether PIM eligible assignments were read (and are included in `roles`). */
  eligibleRolesChecked?: boolean;
}

/**
 * The roles whose holders the pre-flight reads: the privileged ones (blocked by default), those that may invite (the
 * admin's own check), and Global Reader / Directory Writers (they too make a user an administrator whose addresses
 * only the most privileged roles may change). A role outside this list is not seen; a write it blocks fails per user
 * with Graph's code.
 */
export const CHECKED_ROLE_IDS: readonly string[] = [
  ...new Set([...PRIVILEGED_ROLE_TEMPLATE_IDS, ...INVITER_ROLE_IDS, 'f2ef992c-3afb-46b9-b7cf-a126ee74c451']),
];

/**
 * Roles that may read directory role assignments, delegated (least privileged first), per
 * https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments.
 */
export const ROLE_READER_ROLE_IDS: readonly string[] = [DIRECTORY_READERS, GLOBAL_READER, 'e8611ab8-c189-46e8-94e1-60213ab1f814'];

export function rolesNotVerifiedMessage(code: string): string {
  return t('preflight_rolesNotVerified', { code, roles: roleList(ROLE_READER_ROLE_IDS, 'or') });
}

/** Why PIM-eligible roles were not checked (a function: the words are the catalogue's, read when shown). */
export function eligibleRolesNotChecked(): string {
  return t('preflight_eligibleRolesNotChecked');
}

export function toPreflightUser(user: GraphUser, roles: readonly string[], eligibility: Eligibility, proposedEmail: string): PreflightUser {
  return {
    id: user.id,
    displayName: user.displayName ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    mail: user.mail,
    otherMails: user.otherMails,
    accountEnabled: user.accountEnabled !== false,
    proposedEmail,
    eligibility: eligibility.status,
    reasons: eligibility.reasons.map((r) => ({
      code: r.code,
      severity: r.severity,
      message: r.message,
      overridable: r.overridable,
    })),
    graph: user,
    roles: [...roles],
  };
}

export function buildPreflight(reads: PreflightReads): PreflightResult {
  const users: PreflightUser[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const id of reads.requestedIds) {
    const key = id.toLowerCase();
    if (seen.has(key)) continue; // a selection never lists a user twice in the review
    seen.add(key);
    const user = reads.users.get(key);
    if (!user) {
      missing.push(id);
      continue;
    }
    const roles = reads.roles.get(key) ?? [];
    const proposed = resolveProposedEmail(user, reads.verifiedDomains).email;
    const eligibility = evaluateEligibility({
      user,
      roles,
      signedInUserId: reads.signedInUserId,
      verifiedDomains: reads.verifiedDomains,
      proposedEmail: proposed,
    });
    users.push(toPreflightUser(user, roles, eligibility, proposed));
  }
  const adminRoles = reads.roles.get(reads.signedInUserId.toLowerCase()) ?? [];
  // Unread roles say nothing about the admin either: no "your roles may not allow inviting" from an empty answer.
  const canInvite = reads.rolesDeniedCode !== undefined || adminRoles.some((r) => INVITER_ROLE_IDS.includes(r.toLowerCase()));
  return {
    ...(reads.rolesDeniedCode !== undefined ? { rolesNotVerified: rolesNotVerifiedMessage(reads.rolesDeniedCode) } : {}),
    ...(reads.rolesDeniedCode === undefined && reads.eligibleRolesChecked !== true ? { eligibleRolesNotChecked: eligibleRolesNotChecked() } : {}),
    ...(canInvite
      ? {}
      : {
          adminRoleProblem: t('preflight_adminRoleProblem', { roles: roleList([INVITER_ROLE_IDS[1]!, INVITER_ROLE_IDS[2]!, INVITER_ROLE_IDS[0]!], 'or') }),
        }),
    tenantId: reads.tenantId,
    tenantName: reads.tenantName,
    signedInUserId: reads.signedInUserId,
    verifiedDomains: reads.verifiedDomains,
    defaultRedirectUrl: reads.defaultRedirectUrl,
    users,
    missing,
  };
}
