// Undo a conversion (preview): convert a user this extension converted, and who accepted, back to an internal member
// with Microsoft Graph's BETA action convertExternalToInternalMemberUser. What Learn documents, and this module
// applies before anything is sent:
// - POST /beta/users/{id}/convertExternalToInternalMemberUser; least privileged delegated permission
//   User-ConvertToInternal.ReadWrite.All (User.ReadWrite.All also works); the admin needs at least User Administrator.
//   https://learn.microsoft.com/graph/api/user-convertexternaltointernalmemberuser?view=graph-rest-beta
// - cloud users: `userPrincipalName` (its domain a verified domain of the tenant) and `passwordProfile` are required;
//   `mail` is optional and, when given, in a verified domain. Users synced from on-premises: neither UPN nor password.
// - only externally authenticated users are eligible; "a user cannot be converted if they have a role assigned".
//   https://learn.microsoft.com/entra/identity/users/convert-external-users-internal
// Product rules of ours: only users a job of this extension converted; only once they accepted (a guess that a user
// still PendingAcceptance does not count as externally authenticated).
import { emailDomain, isInVerifiedDomain } from './email';
import { t } from './i18n';
import type { GraphUser } from './users';

/** The beta permission the undo feature asks for, only when the admin turns the feature on. */
export const UNDO_PERMISSION = 'User-ConvertToInternal.ReadWrite.All';
/** Graph version of the action: beta today, which the UI states. */
export const UNDO_GRAPH_VERSION = 'beta';

export interface UndoCandidate {
  user: GraphUser;
  /** Directory role template ids the user holds. */
  roles: readonly string[];
  /** A job of this extension converted this user (its invitation is known applied). */
  convertedByUs: boolean;
}

export interface UndoInput {
  /** New UPN (cloud users): defaults to the current one when its domain is verified. */
  userPrincipalName: string;
  /** Temporary password (cloud users); the user changes it at next sign-in. */
  password: string;
  /** Optional new mail (cloud users), in a verified domain. */
  mail?: string;
}

export type UndoProblem = { code: string; message: string };

export function isSynced(user: Pick<GraphUser, 'onPremisesSyncEnabled' | 'onPremisesUserPrincipalName'>): boolean {
  return user.onPremisesSyncEnabled === true || (user.onPremisesUserPrincipalName ?? '') !== '';
}

/** Why a user cannot be converted back (empty when they can). */
export function undoBlocks(c: UndoCandidate): UndoProblem[] {
  const out: UndoProblem[] = [];
  if (!c.convertedByUs) out.push({ code: 'notOurs', message: t('undo_block_notOurs') });
  if (c.user.externalUserState !== 'Accepted') {
    out.push({ code: 'notAccepted', message: c.user.externalUserState === 'PendingAcceptance' ? t('undo_block_pending') : t('undo_block_notExternal') });
  }
  if (c.roles.length > 0) out.push({ code: 'hasRole', message: t('undo_block_hasRole') });
  return out;
}

/** Problems with what the admin entered for one user (empty when the request may be sent). */
export function undoInputProblems(user: Pick<GraphUser, 'onPremisesSyncEnabled' | 'onPremisesUserPrincipalName'>, input: UndoInput, verifiedDomains: readonly string[]): UndoProblem[] {
  if (isSynced(user)) return []; // on-premises manages the UPN and password: nothing is sent for them
  const out: UndoProblem[] = [];
  const upn = input.userPrincipalName.trim();
  if (upn === '') out.push({ code: 'upnEmpty', message: t('undo_input_upnEmpty') });
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(upn)) out.push({ code: 'upnSyntax', message: t('undo_input_upnSyntax') });
  else if (!isInVerifiedDomain(upn, verifiedDomains)) out.push({ code: 'upnDomain', message: t('undo_input_upnDomain', { domain: emailDomain(upn) }) });
  if (!passwordAcceptable(input.password)) out.push({ code: 'password', message: t('undo_input_password') });
  const mail = input.mail?.trim();
  if (mail !== undefined && mail !== '' && !isInVerifiedDomain(mail, verifiedDomains)) {
    out.push({ code: 'mailDomain', message: t('undo_input_mailDomain', { domain: emailDomain(mail) }) });
  }
  return out;
}

/** Entra's usual password complexity (our check, so the admin hears of it before Graph refuses). */
export function passwordAcceptable(p: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return p.length >= 8 && p.length <= 256 && classes >= 3;
}

/** The UPN the undo review proposes: the user's own when its domain is verified (converted internal users keep it). */
export function proposedUpn(user: GraphUser, verifiedDomains: readonly string[]): string {
  const upn = user.userPrincipalName ?? '';
  return upn !== '' && !upn.includes('#EXT#') && isInVerifiedDomain(upn, verifiedDomains) ? upn : '';
}

/**
 * A temporary password of 16 characters with every class (lower, upper, digit, symbol), from the given source of
 * random bytes (crypto.getRandomValues in the page). Look-alike characters are left out, since the admin hands it over
 * by hand. Indices are drawn without modulo bias: a byte at or above the largest multiple of the set's size is
 * drawn again.
 */
export function temporaryPassword(randomBytes: (n: number) => Uint8Array, length = 16): string {
  const sets = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '!#$%&*+-=?@'];
  const all = sets.join('');
  let pool: Uint8Array = new Uint8Array(0);
  let at = 0;
  const below = (n: number): number => {
    const limit = 256 - (256 % n);
    for (;;) {
      if (at >= pool.length) {
        pool = randomBytes(64);
        at = 0;
      }
      const b = pool[at++]!;
      if (b < limit) return b % n;
    }
  };
  const chars = Array.from({ length: Math.max(length, sets.length) }, (_, i) => {
    const set = sets[i] ?? all;
    return set[below(set.length)]!;
  });
  // Shuffle (Fisher-Yates) so the class of each position is not predictable.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = below(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

/**
 * The body from what a job item keeps: a cloud user's target names the new UPN and comes with the temporary password
 * (the user changes it at the next sign-in); a synced user's target names no UPN, and the request has no body.
 */
export function internalMemberBody(target: { userPrincipalName?: string; mail?: string }, password: string | undefined): Record<string, unknown> | undefined {
  if (target.userPrincipalName === undefined) return undefined;
  const mail = target.mail?.trim();
  return {
    userPrincipalName: target.userPrincipalName.trim(),
    passwordProfile: { password: password ?? '', forceChangePasswordNextSignIn: true },
    ...(mail ? { mail } : {}),
  };
}
