// The review's rows, apart from their look: the step between the pre-flight and `job/submit`, shared by the review
// dialog (review/ui/, in the admin center's dialog, the extension's window or the fallback picker). The admin's edits
// per user, each user's verdict re-run with the pure rules as the admin types (the reasons: src/review-reasons.ts),
// the counts and the status words. The invitation options are src/review-options.ts; the confirm button's checks and
// the job request src/review-submit.ts. No DOM here.
import type { EligibilityStatus } from './eligibility';
import { t } from './i18n';
import { validateEmailEdits, type EmailEditError } from './email';
import type { PreflightResult, PreflightUser } from './messages';
import { EMAIL_BLOCK_CODES, EMAIL_CODES, userReasons, type ReviewReason } from './review-reasons';

export type { ReviewReason } from './review-reasons';

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
 * eligible / warning: will be converted. blocked: a rule other than the address keeps the user out. needsEmail: the
 * address in the field cannot be used (none, syntax, verified domain, duplicate): a user left out for want of one
 * stays out until the admin types one; an included one holds up confirming until fixed or excluded (`holdsUp`).
 * excluded: convertible, left out by the admin.
 */
export type RowStatus = 'eligible' | 'warning' | 'blocked' | 'needsEmail' | 'excluded';

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
  /** Needs an email and is included: confirming waits until the address is fixed or the user excluded. */
  holdsUp: boolean;
}

const defaultEdit = (u: PreflightUser): RowEdit => ({ include: false, email: u.proposedEmail, addToOtherMails: false, override: 0 });

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
 * Whether the admin changed any row from how the review opened (closing would lose it: the review asks first).
 * `initial` is initialEdits(result), passed in by a caller that asks on every keystroke of thousands of rows.
 */
export function editsChanged(result: PreflightResult, edits: Edits, initial: Edits = initialEdits(result)): boolean {
  const same = (a: RowEdit | undefined, b: RowEdit | undefined) =>
    a !== undefined && b !== undefined && a.include === b.include && a.email === b.email && a.addToOtherMails === b.addToOtherMails && (a.setMail ?? false) === (b.setMail ?? false) && a.override === b.override;
  return result.users.some((u) => !same(initial.get(u.id), edits.get(u.id)));
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
    else if (r.emailOnly || (edit.include && emailError)) status = 'needsEmail';
    else if (!edit.include) status = 'excluded';
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
      holdsUp: status === 'needsEmail' && edit.include,
    });
  }
  return out;
}

/** The reasons to list beside a row: the address field's own message says what is wrong with it, so not twice. */
export function shownReasons(v: RowVerdict): ReviewReason[] {
  return v.emailError ? v.reasons.filter((r) => !EMAIL_CODES.has(r.code)) : v.reasons;
}

/** A row's status in words (the review's pill, the exported plan's column). */
export function statusLabel(status: RowStatus): string {
  const labels: Record<RowStatus, () => string> = {
    eligible: () => t('review_status_eligible'),
    warning: () => t('review_status_warning'),
    blocked: () => t('review_status_blocked'),
    needsEmail: () => t('review_status_needsEmail'),
    excluded: () => t('review_status_excluded'),
  };
  return labels[status]();
}

// ---- Counts ----

export interface ReviewCounts {
  /** Users selected: those the pre-flight found and those it no longer found. */
  selected: number;
  convert: number;
  /** Of `convert`, with warnings. */
  warnings: number;
  blocked: number;
  /** Every row that needs an email (the count beside the "Needs an email" rows). */
  needsEmail: number;
  /** Of `needsEmail`, the included ones: confirming waits for them. */
  emailToFix: number;
  excluded: number;
  /** Of `convert`, getting the address added to their otherMails first. */
  addToOtherMails: number;
  /** Of `convert`, getting their mail set to the address first. */
  setMail: number;
  /** Selected users that no longer exist. */
  missing: number;
}

export function countRows(result: PreflightResult, verdicts: ReadonlyMap<string, RowVerdict>): ReviewCounts {
  const c: ReviewCounts = { selected: result.users.length + result.missing.length, convert: 0, warnings: 0, blocked: 0, needsEmail: 0, emailToFix: 0, excluded: 0, addToOtherMails: 0, setMail: 0, missing: result.missing.length };
  for (const u of result.users) {
    const v = verdicts.get(u.id);
    if (!v) continue;
    if (v.willConvert) c.convert++;
    if (v.status === 'warning') c.warnings++;
    if (v.status === 'blocked') c.blocked++;
    if (v.status === 'needsEmail') c.needsEmail++;
    if (v.holdsUp) c.emailToFix++;
    if (v.status === 'excluded') c.excluded++;
    if (v.addsToOtherMails) c.addToOtherMails++;
    if (v.setsMail) c.setMail++;
  }
  return c;
}
