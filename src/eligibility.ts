// Pre-flight rules: decide per user, from a fresh read, whether converting is allowed. Some rules mirror what
// the invitation service refuses (so the admin sees it before any write); others are product policy
// (never the signed-in admin, privileged role holders only with a deliberate per-user override).
import { emailSyntaxError, isInVerifiedDomain, describeEmailSyntaxError } from './email';
import { emailWriteProblem, otherMailsWriteProblem } from './graph/writes';
import type { ScopeTier } from './scopes';
import type { GraphUser } from './users';

/** Built-in directory roles whose holders are refused by default (role template ids). */
export const PRIVILEGED_ROLES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'Billing Administrator',
};

export const PRIVILEGED_ROLE_TEMPLATE_IDS: readonly string[] = Object.keys(PRIVILEGED_ROLES);

export function isPrivilegedRole(roleTemplateId: string): boolean {
  return Object.hasOwn(PRIVILEGED_ROLES, roleTemplateId.toLowerCase());
}

/** Privileged role template ids among the given ones (lower-cased, de-duplicated, in table order). */
export function privilegedRolesOf(roleTemplateIds: Iterable<string>): string[] {
  const held = new Set([...roleTemplateIds].map((r) => r.toLowerCase()));
  return PRIVILEGED_ROLE_TEMPLATE_IDS.filter((r) => held.has(r));
}

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
  return ids.map((id) => PRIVILEGED_ROLES[id] ?? id).join(', ');
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

/**
 * Roles that do not make their holder an administrator for "who can update sensitive attributes"
 * (https://learn.microsoft.com/en-us/graph/api/user-update): Directory Readers, Guest Inviter, Message Center Reader,
 * Reports Reader. Any other role means only a Global Administrator or Privileged Authentication Administrator may
 * change the user's mail and otherMails.
 */
export const NON_ADMIN_ROLES: readonly string[] = [
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  '4a5d8f65-41da-4de4-8968-e035b65339cf',
];

export const ROLE_NAMES: Readonly<Record<string, string>> = {
  ...PRIVILEGED_ROLES,
  '95e79109-95c0-4d8e-aee3-d01accf2d47b': 'Guest Inviter',
  '9360feb5-f418-4baa-8175-e2a00bac4301': 'Directory Writers',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
};

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
          ? `${email} is only in the user's other emails; Microsoft's guide for converting internal users asks for it in the user's mail. Set mail to this address first (needs write permission, User.ReadWrite.All)${mailProblem ? ` — not possible: ${mailProblem}` : ''}; a tenant that accepts other emails converts without it.`
          : `${email} is only in the user's other emails, and mail holds ${user.mail ?? ''}, which only Exchange can change. Microsoft's guide asks for the address in mail: a tenant that follows it refuses this conversion, one that accepts other emails converts it.`,
        setMail ? { fix: setMail } : {},
      ),
    );
  } else {
    const fix: EligibilityFix | undefined = setMail ?? (otherProblem === undefined ? { action: 'addToOtherMails', scopeTier: 'write', email } : undefined);
    const how = setMail
      ? 'Set mail to this address first (needs write permission, User.ReadWrite.All), or add it to other emails where the tenant accepts that.'
      : otherProblem
        ? `It cannot be added to the user's other emails: ${otherProblem}`
        : `mail holds ${user.mail ?? ''}, which only Exchange can change; the address can be added to the user's other emails first (needs write permission, User.ReadWrite.All), which converts only in tenants that accept other emails.`;
    reasons.push(
      warning(
        'emailNotOnUser',
        `The email address ${email} is not on the user object (mail or other emails), and Microsoft Entra requires it to be. ${how}`,
        fix ? { fix } : {},
      ),
    );
  }
  const blocking = roles.filter((r) => !NON_ADMIN_ROLES.includes(r.toLowerCase()));
  if (blocking.length > 0 && reasons.some((r) => r.fix !== undefined)) {
    reasons.push(
      warning(
        'emailWriteBlockedByRole',
        `This user holds a directory role (${blocking.map((r) => ROLE_NAMES[r.toLowerCase()] ?? r).join(', ')}): Microsoft Entra lets only a Global Administrator or Privileged Authentication Administrator change such a user's email addresses, so the address fix is refused to other admins.`,
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
    const reasons = [blocked('userNotFound', 'This user no longer exists in the directory (deleted since it was selected).')];
    return { status: 'blocked', reasons };
  }
  const reasons: EligibilityReason[] = [];

  if ((user.onPremisesUserPrincipalName ?? '') !== '' || user.onPremisesSyncEnabled === true) {
    reasons.push(
      blocked(
        'synced',
        'This user is synchronized from on-premises Active Directory. On-premises AD is the source of authority for this account, so it cannot be converted here.',
      ),
    );
  }

  if ((user.externalUserState ?? '') !== '') {
    reasons.push(
      blocked(
        'alreadyExternal',
        `This user is already a B2B collaboration user (invitation state: ${user.externalUserState}). To send a new invitation, use reset redemption instead.`,
      ),
    );
  }

  if (input.signedInUserId !== '' && user.id.toLowerCase() === input.signedInUserId.toLowerCase()) {
    reasons.push(blocked('signedInAdmin', 'This is your own account. Converting it could lock you out, so it is never converted here.'));
  }

  const privileged = privilegedRolesOf(input.roles);
  if (privileged.length > 0) {
    if (overrideApplies(input.privilegedOverride, user.id, privileged)) {
      reasons.push(
        warning(
          'privilegedRoleOverridden',
          `This user holds privileged directory roles (${roleNames(privileged)}). You confirmed twice to convert them anyway.`,
          { roleIds: privileged },
        ),
      );
    } else {
      reasons.push(
        blocked(
          'privilegedRole',
          `This user holds privileged directory roles (${roleNames(privileged)}). Converting an administrator changes how they sign in; remove the roles first, or override for this user with a second confirmation.`,
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
        email === ''
          ? 'No external email address was found for this user. Enter the address to invite them with.'
          : `The email address ${email} is not valid: ${describeEmailSyntaxError(syntax ?? 'empty')}`,
      ),
    );
  } else if (isInVerifiedDomain(email, input.verifiedDomains)) {
    reasons.push(
      blocked(
        'emailInVerifiedDomain',
        `The email address ${email} is in a verified domain of this tenant. The user's email cannot be in a verified domain; use their external address.`,
      ),
    );
  } else if (!sameEmail(user.mail ?? '', email)) {
    reasons.push(...addressReasons(user, email, input.roles));
  }

  if (user.accountEnabled === false) {
    reasons.push(warning('accountDisabled', 'This account is disabled. It can be converted, but the user cannot sign in until it is enabled.'));
  }

  return { status: statusOf(reasons), reasons };
}
