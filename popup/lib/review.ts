// The picker's review: per-user eligibility from the pre-flight, re-checked as the admin edits addresses,
// privileged overrides (two confirmations), invitation options, and the job/submit payload.
import type { InvitationOptions, JobItemInput, PreflightReason, PreflightResult, PreflightUser } from '../../src/messages';
import { emailSyntaxError, describeEmailSyntaxError, isEmailOnUser, isInVerifiedDomain, validateEmailEdits } from '../../src/email';
import { evaluateEligibility } from '../../src/eligibility';

export interface RowEdit {
  email: string;
  /** Admin unticked the row: not converted. */
  excluded: boolean;
  overrideConfirmed: boolean;
  overrideConfirmedAgain: boolean;
}

export type RowStatus = 'eligible' | 'warning' | 'blocked' | 'needsEmail' | 'excluded';

export interface ReviewRow {
  user: PreflightUser;
  email: string;
  status: RowStatus;
  /** Reasons to show (blocks first), with the email-dependent ones recomputed for the current address. */
  reasons: Array<{ code: string; blocking: boolean; message: string }>;
  /** The address problem, shown under the input, while the row is included. */
  emailError?: string;
  /** Blocked by a rule the admin cannot change here (synced, already external, own account…). */
  hardBlocked: boolean;
  /** Blocked only by a privileged role: the admin may override with two confirmations. */
  overridable: boolean;
  overridden: boolean;
  addToOtherMails: boolean;
}

/** Reasons that depend on the proposed address: recomputed locally whenever it changes. */
const EMAIL_REASONS = new Set(['noValidEmail', 'emailInVerifiedDomain', 'emailNotOnUser']);

const isBlocking = (r: PreflightReason) => r.severity === 'block' || (r.severity as string) === 'blocked';

export function initialEdits(preflight: PreflightResult): Record<string, RowEdit> {
  const edits: Record<string, RowEdit> = {};
  for (const u of preflight.users) edits[u.id] = { email: u.proposedEmail, excluded: false, overrideConfirmed: false, overrideConfirmedAgain: false };
  return edits;
}

interface FixedReason {
  code: string;
  blocking: boolean;
  overridable: boolean;
  message: string;
}

/**
 * The reasons that do not depend on the address. When the worker sent the user as Graph returned it (and
 * the roles held), the same pure rules the worker ran (src/eligibility.ts) are re-run here, so the override
 * and its wording match; otherwise the pre-flight's own reasons are used.
 */
function fixedReasons(preflight: PreflightResult, u: PreflightUser, edit: RowEdit, withOverride: boolean): FixedReason[] {
  const graph = (u as Partial<PreflightUser>).graph;
  if (graph) {
    const roles = u.roles ?? [];
    const result = evaluateEligibility({
      user: graph,
      roles,
      signedInUserId: preflight.signedInUserId,
      verifiedDomains: preflight.verifiedDomains,
      proposedEmail: edit.email,
      privilegedOverride: {
        userId: u.id,
        acknowledgedRoleIds: roles,
        confirmed: withOverride && edit.overrideConfirmed,
        confirmedAgain: withOverride && edit.overrideConfirmedAgain,
      },
    });
    return result.reasons
      .filter((r) => !EMAIL_REASONS.has(r.code))
      .map((r) => ({ code: r.code, blocking: r.severity === 'blocked', overridable: r.overridable, message: r.message }));
  }
  const overridden = withOverride && edit.overrideConfirmed && edit.overrideConfirmedAgain;
  return u.reasons
    .filter((r) => !EMAIL_REASONS.has(r.code))
    .map((r) => {
      const lifted = overridden && isBlocking(r) && r.overridable;
      return {
        code: lifted ? `${r.code}Overridden` : r.code,
        blocking: isBlocking(r) && !lifted,
        overridable: r.overridable && !lifted,
        message: lifted ? `${r.message} You confirmed twice to convert this user anyway.` : r.message,
      };
    });
}

export function deriveRows(preflight: PreflightResult, edits: Readonly<Record<string, RowEdit>>): ReviewRow[] {
  const editOf = (u: PreflightUser): RowEdit =>
    edits[u.id] ?? { email: u.proposedEmail, excluded: false, overrideConfirmed: false, overrideConfirmedAgain: false };
  // Without any override: which rows are blocked for good, which only pending a privileged override.
  const base = new Map(preflight.users.map((u) => [u.id, fixedReasons(preflight, u, editOf(u), false)]));
  const hard = (u: PreflightUser) => (base.get(u.id) ?? []).some((r) => r.blocking && !r.overridable);

  // Addresses are checked together (duplicates span rows), over the rows that could be converted.
  const candidates = preflight.users.filter((u) => !hard(u) && !editOf(u).excluded);
  const emailErrors = new Map(
    validateEmailEdits(
      candidates.map((u) => ({ id: u.id, email: editOf(u).email })),
      preflight.verifiedDomains,
    ).map((e) => [e.id, e.message]),
  );

  return preflight.users.map((user) => {
    const edit = editOf(user);
    const email = edit.email.trim();
    const hardBlocked = hard(user);
    const overridable = !hardBlocked && (base.get(user.id) ?? []).some((r) => r.blocking && r.overridable);
    const overridden = overridable && edit.overrideConfirmed && edit.overrideConfirmedAgain;
    const reasons: ReviewRow['reasons'] = (overridden ? fixedReasons(preflight, user, edit, true) : (base.get(user.id) ?? [])).map((r) => ({
      code: r.code,
      blocking: r.blocking,
      message: r.message,
    }));
    const emailError = hardBlocked || edit.excluded ? undefined : emailErrors.get(user.id);
    const syntaxOk = email !== '' && emailSyntaxError(email) === undefined;
    const addToOtherMails = !hardBlocked && syntaxOk && emailError === undefined && !isEmailOnUser(email, user);
    if (addToOtherMails) {
      reasons.push({
        code: 'emailNotOnUser',
        blocking: false,
        message: `${email} is not on the user object yet; it will be added to the user's other emails first (needs write permission, User.ReadWrite.All).`,
      });
    }
    if (email === '' && !hardBlocked) {
      // Say why nothing was proposed when the user's own addresses are all internal.
      const internal = [user.mail ?? '', ...user.otherMails].filter((m) => m.trim() !== '' && isInVerifiedDomain(m, preflight.verifiedDomains));
      if (internal.length > 0) {
        reasons.push({
          code: 'emailInVerifiedDomain',
          blocking: false,
          message: `${internal.join(', ')} ${internal.length === 1 ? 'is' : 'are'} in a verified domain of this tenant and cannot be used. Enter the user's external address.`,
        });
      }
    }
    reasons.sort((a, b) => Number(b.blocking) - Number(a.blocking));
    let status: RowStatus;
    if (hardBlocked || (overridable && !overridden)) status = 'blocked';
    else if (edit.excluded) status = 'excluded';
    else if (emailError !== undefined) status = 'needsEmail';
    else status = reasons.length > 0 ? 'warning' : 'eligible';
    return { user, email, status, reasons, hardBlocked, overridable, overridden, addToOtherMails, ...(emailError ? { emailError } : {}) };
  });
}

export interface ReviewCounts {
  convert: number;
  blocked: number;
  needsEmail: number;
  excluded: number;
  warnings: number;
  addToOtherMails: number;
}

export function countRows(rows: readonly ReviewRow[]): ReviewCounts {
  const c: ReviewCounts = { convert: 0, blocked: 0, needsEmail: 0, excluded: 0, warnings: 0, addToOtherMails: 0 };
  for (const r of rows) {
    if (r.status === 'eligible' || r.status === 'warning') c.convert++;
    if (r.status === 'warning') c.warnings++;
    if (r.status === 'blocked') c.blocked++;
    if (r.status === 'needsEmail') c.needsEmail++;
    if (r.status === 'excluded') c.excluded++;
    if ((r.status === 'eligible' || r.status === 'warning') && r.addToOtherMails) c.addToOtherMails++;
  }
  return c;
}

/** The users to convert: eligible or warning rows only. */
export function jobItems(rows: readonly ReviewRow[]): JobItemInput[] {
  return rows
    .filter((r) => r.status === 'eligible' || r.status === 'warning')
    .map((r) => ({
      userId: r.user.id,
      userPrincipalName: r.user.userPrincipalName,
      displayName: r.user.displayName,
      email: r.email,
      addToOtherMails: r.addToOtherMails,
      privilegedOverride: r.overridden,
    }));
}

export interface OptionsForm {
  sendInvitationMessage: boolean;
  customizedMessageBody: string;
  messageLanguage: string;
  ccRecipient: string;
  inviteRedirectUrl: string;
  setUserTypeGuest: boolean;
}

export function initialOptions(preflight: PreflightResult): OptionsForm {
  return {
    sendInvitationMessage: false,
    customizedMessageBody: '',
    messageLanguage: '',
    ccRecipient: '',
    inviteRedirectUrl: preflight.defaultRedirectUrl,
    setUserTypeGuest: false,
  };
}

export type OptionsErrors = Partial<Record<keyof OptionsForm, string>>;

const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export function validateOptions(o: OptionsForm): OptionsErrors {
  const errors: OptionsErrors = {};
  const url = o.inviteRedirectUrl.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (url === '') errors.inviteRedirectUrl = 'Enter the address users land on after accepting (e.g. the My Apps portal).';
  else if (!parsed || parsed.protocol !== 'https:') errors.inviteRedirectUrl = 'The redirect URL must be a full https:// address.';
  else if (url.length > 2048) errors.inviteRedirectUrl = 'The redirect URL is too long (2,048 characters at most).';
  const cc = o.ccRecipient.trim();
  if (cc !== '') {
    const syntax = emailSyntaxError(cc);
    if (syntax) errors.ccRecipient = describeEmailSyntaxError(syntax);
  }
  const lang = o.messageLanguage.trim();
  if (lang !== '' && (!LANGUAGE.test(lang) || lang.length > 20)) errors.messageLanguage = 'Use a language tag such as en-US or fr-FR.';
  if (o.customizedMessageBody.length > 4000) errors.customizedMessageBody = `The message is ${o.customizedMessageBody.length} characters; 4,000 at most.`;
  return errors;
}

/** The invitation options for job/submit (only what was filled in). */
export function toInvitationOptions(o: OptionsForm): InvitationOptions {
  const out: InvitationOptions = {
    sendInvitationMessage: o.sendInvitationMessage,
    inviteRedirectUrl: o.inviteRedirectUrl.trim(),
    setUserTypeGuest: o.setUserTypeGuest,
  };
  if (o.messageLanguage.trim()) out.messageLanguage = o.messageLanguage.trim();
  if (o.ccRecipient.trim()) out.ccRecipient = o.ccRecipient.trim();
  if (o.customizedMessageBody.trim()) out.customizedMessageBody = o.customizedMessageBody;
  return out;
}

/** The consent tier the job needs: writes (otherMails, userType) need `write`, else `invite`. */
export function tierForJob(items: readonly JobItemInput[], options: Pick<InvitationOptions, 'setUserTypeGuest'>): 'invite' | 'write' {
  return options.setUserTypeGuest || items.some((i) => i.addToOtherMails) ? 'write' : 'invite';
}
