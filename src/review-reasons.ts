// The reasons beside one row of the review, for the address as the admin typed it: the pure rules
// (src/eligibility.ts) re-run with the edit, or, for a pre-flight reply without the Graph user (an older worker),
// the pre-flight's own reasons with the address rules re-run. No DOM here; src/review.ts turns them into verdicts.
import { evaluateEligibility } from './eligibility';
import { describeEmailSyntaxError, emailDomain, emailSyntaxError, isEmailOnUser, isInVerifiedDomain } from './email';
import { t, tn } from './i18n';
import type { PreflightResult, PreflightUser } from './messages';
import type { RowEdit } from './review';

export interface ReviewReason {
  code: string;
  severity: 'blocked' | 'warning';
  message: string;
  overridable: boolean;
  /** The address fix the rules offer with this reason. */
  fix?: 'setMail' | 'addToOtherMails';
}

/** Reasons that depend on the address the admin types: recomputed, never taken from the pre-flight. */
export const EMAIL_CODES: ReadonlySet<string> = new Set(['noValidEmail', 'emailInVerifiedDomain', 'emailNotOnUser', 'emailNotInMail', 'emailWriteBlockedByRole']);
/** Blocks the admin lifts by typing another address. */
export const EMAIL_BLOCK_CODES: ReadonlySet<string> = new Set(['noValidEmail', 'emailInVerifiedDomain']);

/** The address rules alone, for a pre-flight reply without the Graph user (an older worker). */
function emailReasons(u: PreflightUser, email: string, result: PreflightResult): ReviewReason[] {
  const e = email.trim();
  const syntax = e === '' ? 'empty' : emailSyntaxError(e);
  if (syntax) {
    return [{ code: 'noValidEmail', severity: 'blocked', overridable: false, message: e === '' ? t('review_reason_enterEmail') : describeEmailSyntaxError(syntax) }];
  }
  if (isInVerifiedDomain(e, result.verifiedDomains)) {
    return [{ code: 'emailInVerifiedDomain', severity: 'blocked', overridable: false, message: t('review_reason_verifiedDomain', { domain: emailDomain(e) }) }];
  }
  return isEmailOnUser(e, u) ? [] : [{ code: 'emailNotOnUser', severity: 'warning', overridable: false, message: t('review_reason_notOnUser', { email: e }) }];
}

/** One user's reasons with the edit applied, and whether the privileged override applied. */
export function userReasons(result: PreflightResult, u: PreflightUser, edit: Pick<RowEdit, 'email' | 'override'>): { reasons: ReviewReason[]; overridden: boolean } {
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
          return { code: `${r.code}Overridden`, severity: 'warning', overridable: false, message: `${r.message} ${t('review_reason_overridden')}` };
        }
        return { code: r.code, severity: block ? 'blocked' : 'warning', message: r.message, overridable: r.overridable };
      });
    reasons = [...fixed, ...emailReasons(u, edit.email, result)];
  }
  if (edit.email.trim() === '') {
    // Nothing was proposed because the user's own addresses are in verified domains: name that block instead of "no
    // external address was found" — one reason for the (empty) field, never two that contradict each other.
    const internal = [u.mail ?? '', ...u.otherMails].filter((m) => m.trim() !== '' && isInVerifiedDomain(m, result.verifiedDomains));
    if (internal.length > 0 && !reasons.some((r) => r.code === 'emailInVerifiedDomain')) {
      reasons = reasons.filter((r) => r.code !== 'noValidEmail');
      reasons.push({
        code: 'emailInVerifiedDomain',
        severity: 'blocked',
        overridable: false,
        message: tn('review_reason_ownAddressesInternal', internal.length, { addresses: internal.join(', ') }),
      });
    }
  }
  // Blocks first (a stable sort keeps the rules' order within each).
  reasons.sort((a, b) => Number(b.severity === 'blocked') - Number(a.severity === 'blocked'));
  return { reasons, overridden };
}
