// The review's logic, apart from its look: the admin's edits per user, the verdict per user re-run with the pure
// rules (src/eligibility.ts, src/email.ts) as the admin types, the invitation options' checks, and the job request
// that the confirm button sends. No DOM here.
import { evaluateEligibility, type EligibilityReason, type EligibilityStatus } from '../src/eligibility';
import { emailSyntaxError, describeEmailSyntaxError, isInVerifiedDomain, validateEmailEdits, type EmailEditError } from '../src/email';
import { MAX_USERS_PER_JOB, type InvitationOptions, type JobItemInput, type PreflightResult, type PreflightUser, type RequestOf } from '../src/messages';

export interface RowEdit {
  /** The admin wants this user converted (only possible when not blocked). */
  include: boolean;
  email: string;
  /** Add the email to the user's otherMails first (needs User.ReadWrite.All). */
  addToOtherMails: boolean;
  /** Privileged override: 0 none, 1 first confirmation given, 2 confirmed twice. */
  override: 0 | 1 | 2;
}

export type Edits = ReadonlyMap<string, RowEdit>;

export interface RowVerdict {
  status: EligibilityStatus;
  reasons: Array<Pick<EligibilityReason, 'code' | 'severity' | 'message' | 'overridable'>>;
  /** Every block on this user may be overridden (privileged role only), so the two-step override is offered. */
  overridable: boolean;
  /** Blocked only for the address (none, invalid, verified domain): typing a good one lifts the block. */
  emailOnly: boolean;
  /** The typed address's problem (syntax, verified domain, duplicate), shown under the field. */
  emailError?: EmailEditError;
  /** The address is not on the user object: the add-to-otherMails fix applies. */
  emailNotOnUser: boolean;
  /** Will be sent: included, not blocked, no email problem. */
  willConvert: boolean;
}

/** Reasons that depend on the address the admin types: recomputed, never taken from the pre-flight. */
const EMAIL_CODES = new Set(['noValidEmail', 'emailInVerifiedDomain', 'emailNotOnUser']);
/** Blocks the admin lifts by typing another address. */
export const EMAIL_BLOCK_CODES: ReadonlySet<string> = new Set(['noValidEmail', 'emailInVerifiedDomain']);

export function initialEdits(result: PreflightResult): Map<string, RowEdit> {
  return new Map(result.users.map((u) => [u.id, { include: u.eligibility !== 'blocked', email: u.proposedEmail, addToOtherMails: false, override: 0 as const }]));
}

function emailRule(u: PreflightUser, email: string, result: PreflightResult): RowVerdict['reasons'] {
  // A worker without the Graph user in its answer: the email rules alone, from what the pre-flight says.
  const e = email.trim();
  const syntax = e === '' ? 'empty' : emailSyntaxError(e);
  if (syntax) {
    return [{ code: 'noValidEmail', severity: 'blocked', overridable: false, message: e === '' ? 'Enter the external email address to invite this user with.' : describeEmailSyntaxError(syntax) }];
  }
  const domain = e.slice(e.lastIndexOf('@') + 1).toLowerCase();
  if (result.verifiedDomains.some((d) => d.toLowerCase() === domain)) {
    return [{ code: 'emailInVerifiedDomain', severity: 'blocked', overridable: false, message: `${domain} is a verified domain of this tenant; use the user's external address.` }];
  }
  const onUser = [u.mail ?? '', ...u.otherMails].some((m) => m.toLowerCase() === e.toLowerCase());
  return onUser ? [] : [{ code: 'emailNotOnUser', severity: 'warning', overridable: false, message: `${e} is not on the user object (mail or other emails).` }];
}

/** The verdict of every user as the edits stand now. */
export function evaluateRows(result: PreflightResult, edits: Edits): Map<string, RowVerdict> {
  const included = result.users.filter((u) => edits.get(u.id)?.include);
  const emailErrors = new Map(
    validateEmailEdits(
      included.map((u) => ({ id: u.id, email: edits.get(u.id)?.email ?? '' })),
      result.verifiedDomains,
    ).map((e) => [e.id, e]),
  );
  const out = new Map<string, RowVerdict>();
  for (const u of result.users) {
    const edit = edits.get(u.id) ?? { include: false, email: u.proposedEmail, addToOtherMails: false, override: 0 };
    let reasons: RowVerdict['reasons'];
    if (u.graph) {
      reasons = evaluateEligibility({
        user: u.graph,
        roles: u.roles ?? [],
        signedInUserId: result.signedInUserId,
        verifiedDomains: result.verifiedDomains,
        proposedEmail: edit.email,
        privilegedOverride:
          edit.override === 2 ? { userId: u.id, acknowledgedRoleIds: u.roles ?? [], confirmed: true, confirmedAgain: true } : undefined,
      }).reasons;
    } else {
      const fixed = u.reasons
        .filter((r) => !EMAIL_CODES.has(r.code))
        .map((r) => ({ code: r.code as EligibilityReason['code'], severity: r.severity === 'block' ? ('blocked' as const) : ('warning' as const), message: r.message, overridable: r.overridable }));
      reasons = [...fixed.filter((r) => !(edit.override === 2 && r.overridable)), ...emailRule(u, edit.email, result)];
    }
    if (edit.email.trim() === '') {
      // Nothing was proposed because the user's own addresses are in verified domains: name that block (the issue's
      // "email in a verified domain"), not only "no external address was found" (the picker's review does the same).
      const internal = [u.mail ?? '', ...u.otherMails].filter((m) => m.trim() !== '' && isInVerifiedDomain(m, result.verifiedDomains));
      if (internal.length > 0 && !reasons.some((r) => r.code === 'emailInVerifiedDomain')) {
        reasons = [
          ...reasons,
          {
            code: 'emailInVerifiedDomain',
            severity: 'blocked',
            overridable: false,
            message: `${internal.join(', ')} ${internal.length === 1 ? 'is' : 'are'} in a verified domain of this tenant and cannot be the external address. Enter the user's external address.`,
          },
        ];
      }
    }
    const blocks = reasons.filter((r) => r.severity === 'blocked');
    const status: EligibilityStatus = blocks.length > 0 ? 'blocked' : reasons.length > 0 ? 'warning' : 'eligible';
    const emailError = edit.include ? emailErrors.get(u.id) : undefined;
    out.set(u.id, {
      status,
      reasons,
      overridable: blocks.length > 0 && blocks.every((r) => r.overridable),
      emailOnly: blocks.length > 0 && blocks.every((r) => EMAIL_BLOCK_CODES.has(r.code)),
      emailError,
      emailNotOnUser: reasons.some((r) => r.code === 'emailNotOnUser'),
      willConvert: edit.include && status !== 'blocked' && emailError === undefined,
    });
  }
  return out;
}

export interface OptionsDraft {
  sendInvitationMessage: boolean;
  customizedMessageBody: string;
  messageLanguage: string;
  ccRecipient: string;
  inviteRedirectUrl: string;
  setUserTypeGuest: boolean;
}

export function initialOptions(result: PreflightResult): OptionsDraft {
  return {
    sendInvitationMessage: false,
    customizedMessageBody: '',
    messageLanguage: '',
    ccRecipient: '',
    inviteRedirectUrl: result.defaultRedirectUrl,
    setUserTypeGuest: false,
  };
}

export type OptionErrors = Partial<Record<keyof OptionsDraft, string>>;

export function validateOptions(o: OptionsDraft): OptionErrors {
  const errors: OptionErrors = {};
  const url = o.inviteRedirectUrl.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.protocol !== 'https:' || url.length > 2048) errors.inviteRedirectUrl = 'Enter an https:// address (up to 2,048 characters) to send users to after they accept.';
  if (o.sendInvitationMessage) {
    const cc = o.ccRecipient.trim();
    const ccError = cc === '' ? undefined : emailSyntaxError(cc);
    if (ccError) errors.ccRecipient = describeEmailSyntaxError(ccError);
    if (o.customizedMessageBody.length > 4000) errors.customizedMessageBody = `The message is ${o.customizedMessageBody.length} characters long; at most 4,000 are allowed.`;
    if (o.messageLanguage.length > 20) errors.messageLanguage = 'Choose a language from the list.';
  }
  return errors;
}

export function toInvitationOptions(o: OptionsDraft): InvitationOptions {
  const send = o.sendInvitationMessage;
  return {
    sendInvitationMessage: send,
    ...(send && o.messageLanguage ? { messageLanguage: o.messageLanguage } : {}),
    ...(send && o.ccRecipient.trim() ? { ccRecipient: o.ccRecipient.trim() } : {}),
    ...(send && o.customizedMessageBody.trim() ? { customizedMessageBody: o.customizedMessageBody } : {}),
    inviteRedirectUrl: o.inviteRedirectUrl.trim(),
    setUserTypeGuest: o.setUserTypeGuest,
  };
}

export interface ReviewCounts {
  selected: number;
  willConvert: number;
  blocked: number;
  excluded: number;
  emailProblems: number;
  missing: number;
}

export function countRows(result: PreflightResult, edits: Edits, verdicts: ReadonlyMap<string, RowVerdict>): ReviewCounts {
  let willConvert = 0;
  let blocked = 0;
  let excluded = 0;
  let emailProblems = 0;
  for (const u of result.users) {
    const v = verdicts.get(u.id);
    if (!v) continue;
    const included = edits.get(u.id)?.include === true;
    if (v.willConvert) willConvert += 1;
    else if (included && (v.emailError || v.emailOnly)) emailProblems += 1;
    else if (v.status === 'blocked') blocked += 1;
    else excluded += 1;
  }
  return { selected: result.users.length + result.missing.length, willConvert, blocked, excluded, emailProblems, missing: result.missing.length };
}

/** The job request for exactly the users that will be converted. */
export function buildSubmission(
  result: PreflightResult,
  edits: Edits,
  verdicts: ReadonlyMap<string, RowVerdict>,
  options: OptionsDraft,
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
      addToOtherMails: v.emailNotOnUser && e.addToOtherMails,
      privilegedOverride: e.override === 2,
    });
  }
  return { items: items.slice(0, MAX_USERS_PER_JOB), options: toInvitationOptions(options), expectedTenantId: result.tenantId };
}

/** The permission tier the submission needs: writing otherMails or the user type needs `write`, inviting needs `invite`. */
export function tierNeeded(submission: RequestOf<'job/submit'>): 'invite' | 'write' {
  // "Also set user type to Guest" is a PATCH too (User.ReadWrite.All): the worker's job/submit asks for `write` then,
  // so signing in only for `invite` left the admin with "needs more permissions" after confirming.
  return submission.options.setUserTypeGuest || submission.items.some((i) => i.addToOtherMails) ? 'write' : 'invite';
}

export function convertLabel(n: number): string {
  return `Convert ${n.toLocaleString('en-US')} user${n === 1 ? '' : 's'}`;
}
