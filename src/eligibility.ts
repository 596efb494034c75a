// Pre-flight rules: decide per user, from a fresh read, whether converting is allowed. Some rules mirror what
// the invitation service refuses (so the admin sees it before any write); others are product policy
// (never the signed-in admin, privileged role holders only with a deliberate per-user override).
import { emailSyntaxError, isInVerifiedDomain, describeEmailSyntaxError } from './email';
import { emailWriteProblem, otherMailsWriteProblem } from './graph/writes';
import { t } from './i18n';
import { NON_ADMIN_ROLES, privilegedRolesOf, roleName } from './roles';
import type { ScopeTier } from './scopes';
import type { GraphUser } from './users';

// The role tables moved to roles.ts (their names are translated there); these stay importable from here.
export { PRIVILEGED_ROLE_TEMPLATE_IDS, isPrivilegedRole, privilegedRolesOf, NON_ADMIN_ROLES } from './roles';

/**
 * The admin's explicit, per-user decision to convert a privileged role holder anyway. Both confirmations
 * must be given, it names one user, and it lists the roles the admin saw: if the user holds a privileged
 * role that was not acknowledged (assigned since), the override does not apply.
 */
export interface PrivilegedRoleOverride {
  userId: string;
  acknowledgedRoleIds: readonly string[];
  confirmed: boolean;
  confirmedAgain: boolean;
}

export interface EligibilityInput {
  /** The user as just re-read from Graph; null/undefined when it no longer exists. */
  user: GraphUser | null | undefined;
  /** Directory role template ids the user holds. */
  roles: readonly string[];
  signedInUserId: string;
  verifiedDomains: readonly string[];
  /** The external address the user would be invited with ('' when none could be found). */
  proposedEmail: string;
  privilegedOverride?: PrivilegedRoleOverride;
}

export type ReasonCode =
  | 'userNotFound'
  | 'synced'
  | 'alreadyExternal'
  | 'signedInAdmin'
  | 'privilegedRole'
  | 'privilegedRoleOverridden'
  | 'noValidEmail'
  | 'emailInVerifiedDomain'
  | 'accountDisabled'
  | 'emailNotOnUser'
  | 'emailNotInMail'
  | 'emailWriteBlockedByRole';

export type Severity = 'blocked' | 'warning';

export interface EligibilityFix {
  /** setMail: the documented fix (the address in mail); addToOtherMails: for tenants that accept other emails. */
  action: 'addToOtherMails' | 'setMail';
  /** The consent tier the fix needs (the admin may not have granted it yet). */
  scopeTier: ScopeTier;
  email: string;
}

export interface EligibilityReason {
  code: ReasonCode;
  severity: Severity;
  message: string;
  /** Whether the admin may override this block for this user (only the privileged-role rule). */
  overridable: boolean;
  fix?: EligibilityFix;
  /** Privileged role template ids involved (privilegedRole / privilegedRoleOverridden only). */
  roleIds?: string[];
}

export type EligibilityStatus = 'eligible' | 'warning' | 'blocked';

export interface Eligibility {
  status: EligibilityStatus;
  reasons: EligibilityReason[];
}

function blocked(code: ReasonCode, message: string, extra: Partial<EligibilityReason> = {}): EligibilityReason {
  return { code, severity: 'blocked', message, overridable: false, ...extra };
}

function warning(code: ReasonCode, message: string, extra: Partial<EligibilityReason> = {}): EligibilityReason {
  return { code, severity: 'warning', message, overridable: false, ...extra };
}

function roleNames(ids: readonly string[]): string {
  return ids.map(roleName).join(', ');
}

function overrideApplies(o: PrivilegedRoleOverride | undefined, userId: string, held: readonly string[]): boolean {
  if (o === undefined || !o.confirmed || !o.confirmedAgain) return false;
  if (o.userId.toLowerCase() !== userId.toLowerCase()) return false;
  const acknowledged = new Set(o.acknowledgedRoleIds.map((r) => r.toLowerCase()));
  return held.every((r) => acknowledged.has(r));
}

function statusOf(reasons: readonly EligibilityReason[]): EligibilityStatus {
  if (reasons.some((r) => r.severity === 'blocked')) return 'blocked';
  return reasons.length > 0 ? 'warning' : 'eligible';
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The address is not in the user's mail. Learn's guide for inviting internal users asks for it there
 * (https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users); some tenants also accept it in
 * otherMails. The documented fix (set mail) is offered when mail is empty; adding to otherMails stays available for
 * tenants that accept it. A write Graph would refuse is not offered, and a directory role that blocks such writes
 * is named.
 */
function addressReasons(user: GraphUser, email: string, roles: readonly string[]): EligibilityReason[] {
  const mailEmpty = (user.mail ?? '').trim() === '';
  const inOtherMails = user.otherMails.some((m) => sameEmail(m, email));
  const mailProblem = mailEmpty ? emailWriteProblem(email) : undefined;
  const otherProblem = inOtherMails ? undefined : otherMailsWriteProblem(user.otherMails, email);
  const reasons: EligibilityReason[] = [];
  const setMail: EligibilityFix | undefined = mailEmpty && mailProblem === undefined ? { action: 'setMail', scopeTier: 'write', email } : undefined;
  if (inOtherMails) {
    reasons.push(
      warning(
        'emailNotInMail',
        mailEmpty
          ? mailProblem
            ? t('eligibility_onlyInOtherMails_mailBlocked', { email, problem: mailProblem })
            : t('eligibility_onlyInOtherMails_mailEmpty', { email })
          : t('eligibility_onlyInOtherMails_mailSet', { email, mail: user.mail ?? '' }),
        setMail ? { fix: setMail } : {},
      ),
    );
  } else {
    const fix: EligibilityFix | undefined = setMail ?? (otherProblem === undefined ? { action: 'addToOtherMails', scopeTier: 'write', email } : undefined);
    const how = setMail
      ? t('eligibility_fix_setMail')
      : otherProblem
        ? t('eligibility_fix_otherMailsBlocked', { problem: otherProblem })
        : t('eligibility_fix_addToOtherMails', { mail: user.mail ?? '' });
    reasons.push(
      warning(
        'emailNotOnUser',
        t('eligibility_emailNotOnUser', { email, how }),
        fix ? { fix } : {},
      ),
    );
  }
  const blocking = roles.filter((r) => !NON_ADMIN_ROLES.includes(r.toLowerCase()));
  if (blocking.length > 0 && reasons.some((r) => r.fix !== undefined)) {
    reasons.push(
      warning(
        'emailWriteBlockedByRole',
        t('eligibility_emailWriteBlockedByRole', { roles: roleNames(blocking) }),
        { roleIds: blocking },
      ),
    );
  }
  return reasons;
}

/** Evaluate every rule; all reasons are reported (not just the first) so the admin can fix them together. */
export function evaluateEligibility(input: EligibilityInput): Eligibility {
  const { user } = input;
  if (user === null || user === undefined) {
    const reasons = [blocked('userNotFound', t('eligibility_userNotFound'))];
    return { status: 'blocked', reasons };
  }
  const reasons: EligibilityReason[] = [];

  if ((user.onPremisesUserPrincipalName ?? '') !== '' || user.onPremisesSyncEnabled === true) {
    reasons.push(
      blocked('synced', t('eligibility_synced')),
    );
  }

  if ((user.externalUserState ?? '') !== '') {
    reasons.push(
      blocked('alreadyExternal', t('eligibility_alreadyExternal', { state: user.externalUserState ?? '' })),
    );
  }

  if (input.signedInUserId !== '' && user.id.toLowerCase() === input.signedInUserId.toLowerCase()) {
    reasons.push(blocked('signedInAdmin', t('eligibility_signedInAdmin')));
  }

  const privileged = privilegedRolesOf(input.roles);
  if (privileged.length > 0) {
    if (overrideApplies(input.privilegedOverride, user.id, privileged)) {
      reasons.push(
        warning(
          'privilegedRoleOverridden',
          t('eligibility_privilegedRoleOverridden', { roles: roleNames(privileged) }),
          { roleIds: privileged },
        ),
      );
    } else {
      reasons.push(
        blocked(
          'privilegedRole',
          t('eligibility_privilegedRole', { roles: roleNames(privileged) }),
          { overridable: true, roleIds: privileged },
        ),
      );
    }
  }

  const email = input.proposedEmail.trim();
  const syntax = email === '' ? undefined : emailSyntaxError(email);
  if (email === '' || syntax !== undefined) {
    reasons.push(
      blocked(
        'noValidEmail',
        email === '' ? t('eligibility_noEmail') : t('eligibility_invalidEmail', { email, problem: describeEmailSyntaxError(syntax ?? 'empty') }),
      ),
    );
  } else if (isInVerifiedDomain(email, input.verifiedDomains)) {
    reasons.push(
      blocked(
        'emailInVerifiedDomain',
        t('eligibility_emailInVerifiedDomain', { email }),
      ),
    );
  } else if (!sameEmail(user.mail ?? '', email)) {
    reasons.push(...addressReasons(user, email, input.roles));
  }

  if (user.accountEnabled === false) {
    reasons.push(warning('accountDisabled', t('eligibility_accountDisabled')));
  }

  return { status: statusOf(reasons), reasons };
}
