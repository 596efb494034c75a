// The worker's own check of a submitted review, against users re-read from Graph just now: the page that
// submitted is not trusted to have applied the rules, and the directory may have changed since the review.
import { evaluateEligibility } from './eligibility';
import { t } from './i18n';
import type { JobItemInput as EngineItem, JobOptions, Sponsor } from './jobs/model';
import type { InvitationOptions, ReviewedUser } from './messages';
import type { GraphUser } from './users';

export interface SubmissionContext {
  signedInUserId: string;
  verifiedDomains: readonly string[];
  users: ReadonlyMap<string, GraphUser>;
  roles: ReadonlyMap<string, readonly string[]>;
  /** The sponsors asked for, as just re-read from Graph (lower-case id → user); absent ones are refused. */
  sponsors?: ReadonlyMap<string, GraphUser>;
}

export interface Refusal {
  userId: string;
  userPrincipalName: string;
  message: string;
}

export type SubmissionCheck = { ok: true; items: EngineItem[]; options: JobOptions } | { ok: false; refusals: Refusal[] };

export function checkSubmission(items: readonly ReviewedUser[], options: InvitationOptions, ctx: SubmissionContext): SubmissionCheck {
  const refusals: Refusal[] = [];
  const accepted: EngineItem[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = item.userId.toLowerCase();
    if (seen.has(key)) {
      refusals.push({ userId: item.userId, userPrincipalName: item.userPrincipalName, message: t('submission_listedTwice') });
      continue;
    }
    seen.add(key);
    const user = ctx.users.get(key);
    const roles = ctx.roles.get(key) ?? [];
    const verdict = evaluateEligibility({
      user,
      roles,
      signedInUserId: ctx.signedInUserId,
      verifiedDomains: [...ctx.verifiedDomains],
      proposedEmail: item.email,
      ...(item.privilegedOverride ? { privilegedOverride: { userId: item.userId, acknowledgedRoleIds: roles, confirmed: true, confirmedAgain: true } } : {}),
    });
    const block = verdict.reasons.find((r) => r.severity === 'blocked');
    if (block) {
      refusals.push({ userId: item.userId, userPrincipalName: user?.userPrincipalName ?? item.userPrincipalName, message: block.message });
      continue;
    }
    accepted.push({
      userId: user?.id ?? item.userId,
      userPrincipalName: user?.userPrincipalName ?? item.userPrincipalName,
      displayName: user?.displayName ?? item.displayName,
      email: item.email.trim(),
      // Only when the address is really missing from the user object: never a needless write.
      addToOtherMails: item.addToOtherMails && item.setMail !== true && verdict.reasons.some((r) => r.code === 'emailNotOnUser'),
      // Only for a user whose mail is empty and misses the address (the rules offer the fix only then).
      ...(item.setMail === true && verdict.reasons.some((r) => r.fix?.action === 'setMail') ? { setMail: true } : {}),
      setGuest: options.setUserTypeGuest,
    });
  }
  const sponsors: Sponsor[] = [];
  for (const id of new Set((options.sponsors ?? []).map((s) => s.toLowerCase()))) {
    const sponsor = ctx.sponsors?.get(id);
    if (!sponsor) {
      refusals.push({ userId: id, userPrincipalName: id, message: t('submission_sponsorMissing') });
      continue;
    }
    if ((sponsor.externalUserState ?? '') !== '' || sponsor.userType === 'Guest') {
      // Our rule, not a documented service rule: a sponsor is accountable for the guest inside the tenant.
      refusals.push({ userId: sponsor.id, userPrincipalName: sponsor.userPrincipalName ?? id, message: t('submission_sponsorExternal') });
      continue;
    }
    if (accepted.some((a) => a.userId.toLowerCase() === id)) {
      refusals.push({ userId: sponsor.id, userPrincipalName: sponsor.userPrincipalName ?? id, message: t('submission_sponsorConverted') });
      continue;
    }
    sponsors.push({ id: sponsor.id, displayName: sponsor.displayName ?? sponsor.userPrincipalName ?? sponsor.id });
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, items: accepted, options: toJobOptions(options, sponsors) };
}

/** The engine's options for the review's: the message fields only when filled in, the sponsors as re-read. */
export function toJobOptions(options: InvitationOptions, sponsors: readonly Sponsor[] = []): JobOptions {
  return {
    sendInvitationMessage: options.sendInvitationMessage,
    inviteRedirectUrl: options.inviteRedirectUrl,
    ...(options.messageLanguage ? { messageLanguage: options.messageLanguage } : {}),
    ...(options.ccRecipient ? { ccRecipient: options.ccRecipient } : {}),
    ...(options.customizedMessageBody ? { customizedMessageBody: options.customizedMessageBody } : {}),
    ...(sponsors.length > 0 ? { sponsors: sponsors.map((s) => ({ id: s.id, displayName: s.displayName })) } : {}),
  };
}
