// Confirming the review: why the confirm button waits, its label, the job request for exactly the users that will
// be converted, and the consent tier that request needs.
import { tn, t } from './i18n';
import { MAX_USERS_PER_JOB, type ReviewedUser as JobItemInput, type PreflightResult, type RequestOf } from './messages';
import type { Edits, ReviewCounts, RowVerdict } from './review';
import { toInvitationOptions, type OptionErrors, type OptionsDraft } from './review-options';

export function convertLabel(n: number): string {
  return tn('review_convertButton', n);
}

/** Why the confirm button is disabled, or undefined when it may be pressed. */
export function confirmProblem(
  counts: ReviewCounts,
  optionErrors: OptionErrors,
  tenantMismatch?: string,
  roles: { notVerified: boolean; acknowledged: boolean } = { notVerified: false, acknowledged: false },
): string | undefined {
  if (tenantMismatch) return t('review_why_otherTenant');
  if (roles.notVerified && !roles.acknowledged) return t('review_why_rolesNotVerified');
  if (counts.emailToFix > 0) return tn('review_why_emailToFix', counts.emailToFix);
  if (counts.convert === 0) return t('review_why_nobody');
  if (Object.keys(optionErrors).length > 0) return t('review_why_options');
  return undefined;
}

/** The job request for exactly the users that will be converted. */
export function buildSubmission(
  result: PreflightResult,
  edits: Edits,
  verdicts: ReadonlyMap<string, RowVerdict>,
  options: OptionsDraft,
  acknowledgedUnverifiedRoles = false,
): RequestOf<'job/submit'> {
  const items: JobItemInput[] = [];
  for (const u of result.users) {
    const v = verdicts.get(u.id);
    const e = edits.get(u.id);
    if (!v?.willConvert || !e) continue;
    items.push({
      userId: u.id,
      userPrincipalName: u.userPrincipalName.slice(0, 1024),
      displayName: u.displayName.slice(0, 1024),
      email: e.email.trim(),
      addToOtherMails: v.addsToOtherMails,
      ...(v.setsMail ? { setMail: true } : {}),
      privilegedOverride: v.overridden,
    });
  }
  const ack = result.rolesNotVerified !== undefined && acknowledgedUnverifiedRoles ? { acknowledgeUnverifiedRoles: true } : {};
  return { items: items.slice(0, MAX_USERS_PER_JOB), options: toInvitationOptions(options), expectedTenantId: result.tenantId, ...ack };
}

/**
 * The consent tier a submission needs, as the worker decides it: writing otherMails or the user type ("also set user
 * type to Guest" is a PATCH, User.ReadWrite.All) needs `write`, inviting alone `invite`.
 */
export function tierNeeded(submission: Pick<RequestOf<'job/submit'>, 'items' | 'options'>): 'invite' | 'write' {
  return submission.options.setUserTypeGuest || submission.items.some((i) => i.addToOtherMails || i.setMail === true) ? 'write' : 'invite';
}
