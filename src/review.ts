// The review, apart from its look: the step between the pre-flight and `job/submit`, shared by the in-page review
// dialog (content/ui/review.tsx) and the fallback picker's review (popup/ui/Review.tsx). The admin's edits per user,
// each user's verdict re-run with the pure rules (src/eligibility.ts, src/email.ts) as the admin types, the counts,
// the invitation options' checks and mapping, the job request the confirm button sends and the consent tier it
// needs. One set of rules for both: no DOM here.
import { evaluateEligibility, type EligibilityStatus } from './eligibility';
import { describeEmailSyntaxError, emailDomain, emailSyntaxError, isEmailOnUser, isInVerifiedDomain, validateEmailEdits, type EmailEditError } from './email';
import { MAX_SPONSORS } from './graph/writes';
import type { Sponsor } from './jobs/model';
import { MAX_USERS_PER_JOB, type InvitationOptions, type ReviewedUser as JobItemInput, type PreflightResult, type PreflightUser, type RequestOf } from './messages';

// ---- Edits ----

export interface RowEdit {
  /** The admin wants this user converted. Starts true for every user the rules do not block. */
  include: boolean;
  email: string;
  /** Add the email to the user's otherMails first (a write: needs User.ReadWrite.All). The admin opts in. */
  addToOtherMails: boolean;
  /** Set the user's mail to the email first (the documented fix; a write). Excludes addToOtherMails. */
  setMail?: boolean;
  /** Privileged override: 0 none, 1 first confirmation given, 2 confirmed twice. */
  override: 0 | 1 | 2;
}

export type Edits = ReadonlyMap<string, RowEdit>;

// ---- Verdicts ----

/**
 * eligible / warning: will be converted. blocked: a rule keeps the user out (for a user blocked only for the address,
 * until the admin types a good one). needsEmail: included, but the address as typed cannot be used (syntax, verified
 * domain, duplicate): confirming waits for a fix or an exclusion. excluded: convertible, left out by the admin.
 */
export type RowStatus = 'eligible' | 'warning' | 'blocked' | 'needsEmail' | 'excluded';

export interface ReviewReason {
  code: string;
  severity: 'blocked' | 'warning';
  message: string;
  overridable: boolean;
  /** The address fix the rules offer with this reason. */
  fix?: 'setMail' | 'addToOtherMails';
}

export interface RowVerdict {
  status: RowStatus;
  /** The rules' verdict with the address as typed, included or not. */
  eligibility: EligibilityStatus;
  /** Blocks first, then warnings; the email-dependent ones recomputed for the address as typed. */
  reasons: ReviewReason[];
  /** Blocked by a rule the admin cannot lift here (synced, already external, own account…), whatever the address. */
  hardBlocked: boolean;
  /** Blocked by a privileged role only (besides the address): the two-step override is offered (or was given). */
  overridable: boolean;
  /** The admin confirmed the override twice and it applies. */
  overridden: boolean;
  /** Kept out by something other than the address: hard-blocked, or an override not (yet) given. Cannot be ticked. */
  locked: boolean;
  /** Blocked only for the address (none, invalid, verified domain): typing a good one lifts the block. */
  emailOnly: boolean;
  /** The typed address's problem (syntax, verified domain, duplicate) while the user is included, shown under the field. */
  emailError?: EmailEditError;
  /** The address is not on the user object: the add-to-otherMails fix applies. */
  emailNotOnUser: boolean;
  /** The submission adds the address to the user's otherMails first (the fix applies and the admin opted in). */
  addsToOtherMails: boolean;
  /** The address is not in mail and mail is empty: the documented fix, set mail, applies. */
  setMailFix: boolean;
  /** The submission sets the user's mail to the address first. */
  setsMail: boolean;
  /** Will be sent: status eligible or warning. */
  willConvert: boolean;
}

/** Reasons that depend on the address the admin types: recomputed, never taken from the pre-flight. */
const EMAIL_CODES: ReadonlySet<string> = new Set(['noValidEmail', 'emailInVerifiedDomain', 'emailNotOnUser', 'emailNotInMail', 'emailWriteBlockedByRole']);
/** Blocks the admin lifts by typing another address. */
export const EMAIL_BLOCK_CODES: ReadonlySet<string> = new Set(['noValidEmail', 'emailInVerifiedDomain']);

const defaultEdit = (u: PreflightUser): RowEdit => ({ include: false, email: u.proposedEmail, addToOtherMails: false, override: 0 });

/** The address rules alone, for a pre-flight reply without the Graph user (an older worker). */
function emailReasons(u: PreflightUser, email: string, result: PreflightResult): ReviewReason[] {
  const e = email.trim();
  const syntax = e === '' ? 'empty' : emailSyntaxError(e);
  if (syntax) {
    return [{ code: 'noValidEmail', severity: 'blocked', overridable: false, message: e === '' ? 'Enter the external email address to invite this user with.' : describeEmailSyntaxError(syntax) }];
  }
  if (isInVerifiedDomain(e, result.verifiedDomains)) {
    return [{ code: 'emailInVerifiedDomain', severity: 'blocked', overridable: false, message: `${emailDomain(e)} is a verified domain of this tenant; use the user's external address.` }];
  }
  return isEmailOnUser(e, u) ? [] : [{ code: 'emailNotOnUser', severity: 'warning', overridable: false, message: `${e} is not on the user object (mail or other emails).` }];
}

/** One user's reasons with the edit applied, and whether the privileged override applied. */
function userReasons(result: PreflightResult, u: PreflightUser, edit: RowEdit): { reasons: ReviewReason[]; overridden: boolean } {
  let reasons: ReviewReason[];
  let overridden = false;
  const graph = (u as Partial<PreflightUser>).graph;
  if (graph) {
    const roles = u.roles ?? [];
    reasons = evaluateEligibility({
      user: graph,
      roles,
      signedInUserId: result.signedInUserId,
      verifiedDomains: result.verifiedDomains,
      proposedEmail: edit.email,
      privilegedOverride: edit.override === 2 ? { userId: u.id, acknowledgedRoleIds: roles, confirmed: true, confirmedAgain: true } : undefined,
    }).reasons.map((r) => ({ code: r.code, severity: r.severity, message: r.message, overridable: r.overridable, ...(r.fix ? { fix: r.fix.action } : {}) }));
    overridden = reasons.some((r) => r.code === 'privilegedRoleOverridden');
  } else {
    // No Graph user in the reply: the pre-flight's own reasons, an overridable block lifted by the two confirmations.
    const fixed = u.reasons
      .filter((r) => !EMAIL_CODES.has(r.code))
      .map((r): ReviewReason => {
        const block = r.severity === 'blocked';
        if (block && r.overridable && edit.override === 2) {
          overridden = true;
          return { code: `${r.code}Overridden`, severity: 'warning', overridable: false, message: `${r.message} You confirmed twice to convert this user anyway.` };
        }
        return { code: r.code, severity: block ? 'blocked' : 'warning', message: r.message, overridable: r.overridable };
      });
    reasons = [...fixed, ...emailReasons(u, edit.email, result)];
  }
  if (edit.email.trim() === '') {
    // Nothing was proposed because the user's own addresses are in verified domains: name that block (the issue's
    // "email in a verified domain"), not only "no external address was found".
    const internal = [u.mail ?? '', ...u.otherMails].filter((m) => m.trim() !== '' && isInVerifiedDomain(m, result.verifiedDomains));
    if (internal.length > 0 && !reasons.some((r) => r.code === 'emailInVerifiedDomain')) {
      reasons.push({
        code: 'emailInVerifiedDomain',
        severity: 'blocked',
        overridable: false,
        message: `${internal.join(', ')} ${internal.length === 1 ? 'is' : 'are'} in a verified domain of this tenant and cannot be the external address. Enter the user's external address.`,
      });
    }
  }
  // Blocks first (a stable sort keeps the rules' order within each).
  reasons.sort((a, b) => Number(b.severity === 'blocked') - Number(a.severity === 'blocked'));
  return { reasons, overridden };
}

interface RuleVerdict {
  reasons: ReviewReason[];
  eligibility: EligibilityStatus;
  hardBlocked: boolean;
  overridable: boolean;
  overridden: boolean;
  locked: boolean;
  emailOnly: boolean;
  emailNotOnUser: boolean;
  setMailFix: boolean;
}

function ruleVerdict(result: PreflightResult, u: PreflightUser, edit: RowEdit): RuleVerdict {
  const { reasons, overridden } = userReasons(result, u, edit);
  const blocks = reasons.filter((r) => r.severity === 'blocked');
  const otherBlocks = blocks.filter((r) => !EMAIL_BLOCK_CODES.has(r.code));
  const hardBlocked = otherBlocks.some((r) => !r.overridable);
  return {
    reasons,
    eligibility: blocks.length > 0 ? 'blocked' : reasons.length > 0 ? 'warning' : 'eligible',
    hardBlocked,
    overridable: !hardBlocked && (overridden || otherBlocks.some((r) => r.overridable)),
    overridden,
    locked: otherBlocks.length > 0,
    emailOnly: blocks.length > 0 && otherBlocks.length === 0,
    emailNotOnUser: reasons.some((r) => r.code === 'emailNotOnUser'),
    setMailFix: reasons.some((r) => r.fix === 'setMail'),
  };
}

/** The edits the review opens with: the proposed address, every user the rules do not block included. */
export function initialEdits(result: PreflightResult): Map<string, RowEdit> {
  return new Map(
    result.users.map((u) => {
      const edit = defaultEdit(u);
      return [u.id, { ...edit, include: ruleVerdict(result, u, edit).eligibility !== 'blocked' }];
    }),
  );
}

/**
 * One edit of one row, with what it implies: typing an address for a user blocked only for want of one includes
 * them; the second override confirmation includes the user, and taking the override back leaves them out again.
 */
export function applyEdit(result: PreflightResult, edits: Edits, id: string, change: Partial<RowEdit>): Map<string, RowEdit> {
  const next = new Map(edits);
  const u = result.users.find((x) => x.id === id);
  if (!u) return next;
  const before = edits.get(id) ?? defaultEdit(u);
  const after: RowEdit = { ...before, ...change };
  // One address fix at a time: setting mail and adding to other emails exclude each other.
  if (change.setMail === true) after.addToOtherMails = false;
  if (change.addToOtherMails === true) after.setMail = false;
  if (change.email !== undefined && change.include === undefined && !before.include && ruleVerdict(result, u, before).emailOnly) after.include = true;
  if (change.override !== undefined && change.include === undefined) {
    if (change.override === 2 && before.override !== 2) after.include = true;
    if (change.override !== 2 && before.override === 2) after.include = false;
  }
  next.set(id, after);
  return next;
}

/** The verdict of every user as the edits stand now. */
export function evaluateRows(result: PreflightResult, edits: Edits): Map<string, RowVerdict> {
  const editOf = (u: PreflightUser) => edits.get(u.id) ?? defaultEdit(u);
  const rules = new Map(result.users.map((u) => [u.id, ruleVerdict(result, u, editOf(u))]));
  // Addresses are checked together (duplicates span rows), over the rows that would be sent.
  const candidates = result.users.filter((u) => editOf(u).include && !rules.get(u.id)!.locked);
  const emailErrors = new Map(
    validateEmailEdits(
      candidates.map((u) => ({ id: u.id, email: editOf(u).email })),
      result.verifiedDomains,
    ).map((e) => [e.id, e]),
  );
  const out = new Map<string, RowVerdict>();
  for (const u of result.users) {
    const edit = editOf(u);
    const r = rules.get(u.id)!;
    const emailError = emailErrors.get(u.id);
    let status: RowStatus;
    if (r.locked) status = 'blocked';
    else if (!edit.include) status = r.emailOnly ? 'blocked' : 'excluded';
    else if (r.emailOnly || emailError) status = 'needsEmail';
    else status = r.eligibility === 'eligible' ? 'eligible' : 'warning';
    const willConvert = status === 'eligible' || status === 'warning';
    out.set(u.id, {
      status,
      eligibility: r.eligibility,
      reasons: r.reasons,
      hardBlocked: r.hardBlocked,
      overridable: r.overridable,
      overridden: r.overridden,
      locked: r.locked,
      emailOnly: r.emailOnly,
      ...(emailError ? { emailError } : {}),
      emailNotOnUser: r.emailNotOnUser,
      addsToOtherMails: willConvert && r.emailNotOnUser && edit.addToOtherMails && edit.setMail !== true,
      setMailFix: r.setMailFix,
      setsMail: willConvert && r.setMailFix && edit.setMail === true,
      willConvert,
    });
  }
  return out;
}

/** The reasons to list beside a row: the address field's own message says what is wrong with it, so not twice. */
export function shownReasons(v: RowVerdict): ReviewReason[] {
  return v.emailError ? v.reasons.filter((r) => !EMAIL_CODES.has(r.code)) : v.reasons;
}

export const STATUS_LABELS: Readonly<Record<RowStatus, string>> = {
  eligible: 'Ready',
  warning: 'Ready, with warnings',
  blocked: 'Blocked',
  needsEmail: 'Needs an email',
  excluded: 'Excluded',
};

// ---- Counts ----

export interface ReviewCounts {
  /** Users selected: those the pre-flight found and those it no longer found. */
  selected: number;
  convert: number;
  /** Of `convert`, with warnings. */
  warnings: number;
  blocked: number;
  needsEmail: number;
  excluded: number;
  /** Of `convert`, getting the address added to their otherMails first. */
  addToOtherMails: number;
  /** Of `convert`, getting their mail set to the address first. */
  setMail: number;
  /** Selected users that no longer exist. */
  missing: number;
}

export function countRows(result: PreflightResult, verdicts: ReadonlyMap<string, RowVerdict>): ReviewCounts {
  const c: ReviewCounts = { selected: result.users.length + result.missing.length, convert: 0, warnings: 0, blocked: 0, needsEmail: 0, excluded: 0, addToOtherMails: 0, setMail: 0, missing: result.missing.length };
  for (const u of result.users) {
    const v = verdicts.get(u.id);
    if (!v) continue;
    if (v.willConvert) c.convert++;
    if (v.status === 'warning') c.warnings++;
    if (v.status === 'blocked') c.blocked++;
    if (v.status === 'needsEmail') c.needsEmail++;
    if (v.status === 'excluded') c.excluded++;
    if (v.addsToOtherMails) c.addToOtherMails++;
    if (v.setsMail) c.setMail++;
  }
  return c;
}

export function convertLabel(n: number): string {
  return `Convert ${n.toLocaleString('en-US')} user${n === 1 ? '' : 's'}`;
}

// ---- Invitation options ----

export interface OptionsDraft {
  sendInvitationMessage: boolean;
  customizedMessageBody: string;
  messageLanguage: string;
  ccRecipient: string;
  inviteRedirectUrl: string;
  setUserTypeGuest: boolean;
  /** Sponsors named on every invitation (`invitedUserSponsors`), with the names the review shows. */
  sponsors: Sponsor[];
}

/** The name the review gives the signed-in admin as the default sponsor. */
export const SIGNED_IN_SPONSOR_NAME = 'You (signed-in admin)';

/** No invitation email, redirect to the tenant's My Apps, user type unchanged, the signed-in admin as sponsor. */
export function initialOptions(result: PreflightResult): OptionsDraft {
  return {
    sendInvitationMessage: false,
    customizedMessageBody: '',
    messageLanguage: '',
    ccRecipient: '',
    inviteRedirectUrl: result.defaultRedirectUrl,
    setUserTypeGuest: false,
    sponsors: result.signedInUserId ? [{ id: result.signedInUserId, displayName: SIGNED_IN_SPONSOR_NAME }] : [],
  };
}

export type OptionErrors = Partial<Record<keyof OptionsDraft, string>>;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The options' problems, by field. The message's fields count only when an invitation email is sent. */
export function validateOptions(o: OptionsDraft): OptionErrors {
  const errors: OptionErrors = {};
  const url = o.inviteRedirectUrl.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (url === '') errors.inviteRedirectUrl = 'Enter the https:// address users land on after accepting (e.g. the My Apps portal).';
  else if (!parsed || parsed.protocol !== 'https:') errors.inviteRedirectUrl = 'The redirect URL must be a full https:// address.';
  else if (url.length > 2048) errors.inviteRedirectUrl = 'The redirect URL is too long (2,048 characters at most).';
  // Learn (b2b-sponsors): at most five sponsors for one guest user.
  if ((o.sponsors ?? []).length > MAX_SPONSORS) errors.sponsors = `At most ${MAX_SPONSORS} sponsors can be named; remove ${(o.sponsors ?? []).length - MAX_SPONSORS}.`;
  if (o.sendInvitationMessage) {
    const cc = o.ccRecipient.trim();
    const ccError = cc === '' ? undefined : emailSyntaxError(cc);
    if (ccError) errors.ccRecipient = describeEmailSyntaxError(ccError);
    else if (cc.length > 320) errors.ccRecipient = 'The address is too long (320 characters at most).';
    const lang = o.messageLanguage.trim();
    if (lang !== '' && (!LANGUAGE_TAG.test(lang) || lang.length > 20)) errors.messageLanguage = 'Use a language tag such as en-US or fr-FR.';
    if (o.customizedMessageBody.length > 4000) errors.customizedMessageBody = `The message is ${o.customizedMessageBody.length.toLocaleString('en-US')} characters long; at most 4,000 are allowed.`;
  }
  return errors;
}

/** The invitation options for job/submit: the message's fields only when a message is sent, and only those filled in. */
export function toInvitationOptions(o: OptionsDraft): InvitationOptions {
  const send = o.sendInvitationMessage;
  const lang = o.messageLanguage.trim();
  const cc = o.ccRecipient.trim();
  return {
    sendInvitationMessage: send,
    ...(send && lang ? { messageLanguage: lang } : {}),
    ...(send && cc ? { ccRecipient: cc } : {}),
    ...(send && o.customizedMessageBody.trim() ? { customizedMessageBody: o.customizedMessageBody } : {}),
    inviteRedirectUrl: o.inviteRedirectUrl.trim(),
    setUserTypeGuest: o.setUserTypeGuest,
    ...((o.sponsors ?? []).length > 0 ? { sponsors: [...new Set((o.sponsors ?? []).map((s) => s.id))] } : {}),
  };
}

// ---- Confirming ----

/** Why the confirm button is disabled, or undefined when it may be pressed. */
export function confirmProblem(
  counts: ReviewCounts,
  optionErrors: OptionErrors,
  tenantMismatch?: string,
  roles: { notVerified: boolean; acknowledged: boolean } = { notVerified: false, acknowledged: false },
): string | undefined {
  if (tenantMismatch) return 'You are signed in to another tenant than this page’s: sign in to the right tenant first.';
  if (roles.notVerified && !roles.acknowledged) return 'The directory roles of these users were not checked: acknowledge that first.';
  if (counts.needsEmail > 0) return `Fix the email address of ${counts.needsEmail.toLocaleString('en-US')} user${counts.needsEmail === 1 ? '' : 's'} (or exclude them) first.`;
  if (counts.convert === 0) return 'No user can be converted as the list stands.';
  if (Object.keys(optionErrors).length > 0) return 'Fix the invitation options first.';
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
