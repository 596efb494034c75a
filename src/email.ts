// Email rules for the address an internal user is invited with. The invitation service refuses addresses in
// the tenant's verified domains and addresses with certain characters; checking here lets the admin fix the
// list before anything is written.
import { t, type MessageKey } from './i18n';
import type { GraphUser } from './users';

/** Characters the invitation service refuses anywhere in the address (besides the single `@`). */
const DISALLOWED_CHARS = new Set('~!#$%^&*()+=[]{}\\/|;:"<>?,');

export type EmailSyntaxError =
  | 'empty'
  | 'missingAt'
  | 'multipleAt'
  | 'whitespace'
  | 'disallowedCharacter'
  | 'localPartEdge'
  | 'consecutiveDots'
  | 'emptyLocalPart'
  | 'invalidDomain';

/** The first syntax problem of an address, or undefined when it is acceptable. */
export function emailSyntaxError(email: string): EmailSyntaxError | undefined {
  if (email.trim() === '') return 'empty';
  if (/\s/.test(email)) return 'whitespace';
  const at = email.indexOf('@');
  if (at < 0) return 'missingAt';
  if (email.indexOf('@', at + 1) >= 0) return 'multipleAt';
  for (const ch of email) if (DISALLOWED_CHARS.has(ch)) return 'disallowedCharacter';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return 'emptyLocalPart';
  if (/^[.-]|[.-]$/.test(local)) return 'localPartEdge';
  if (local.includes('..')) return 'consecutiveDots';
  if (!isPlausibleDomain(domain)) return 'invalidDomain';
  return undefined;
}

function isPlausibleDomain(domain: string): boolean {
  // A routable domain: at least one dot, labels of letters/digits/hyphens (or non-ASCII for IDNs), no empty
  // label, no hyphen at a label's edge.
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => l.length > 0 && l.length <= 63 && /^[\p{L}\p{N}-]+$/u.test(l) && !/^-|-$/.test(l));
}

export function isValidEmail(email: string): boolean {
  return emailSyntaxError(email) === undefined;
}

// The catalogue's words for each problem (email_syntax_*): called when shown, in the admin's language.
const SYNTAX_KEYS: Readonly<Record<EmailSyntaxError, MessageKey>> = {
  empty: 'email_syntax_empty',
  missingAt: 'email_syntax_missingAt',
  multipleAt: 'email_syntax_multipleAt',
  whitespace: 'email_syntax_whitespace',
  disallowedCharacter: 'email_syntax_disallowedCharacter',
  localPartEdge: 'email_syntax_localPartEdge',
  consecutiveDots: 'email_syntax_consecutiveDots',
  emptyLocalPart: 'email_syntax_emptyLocalPart',
  invalidDomain: 'email_syntax_invalidDomain',
};

export function describeEmailSyntaxError(error: EmailSyntaxError): string {
  return t(SYNTAX_KEYS[error]);
}

/** Lower-cased domain of an address ('' when there is no @). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase().replace(/\.$/, '');
}

/**
 * Whether the address is in one of the tenant's verified domains (case-insensitive, exact domain match).
 * Subdomains are not implied: Graph lists every verified domain, including verified subdomains, on its own,
 * so `x@eu.contoso.com` is blocked only if `eu.contoso.com` is itself verified.
 */
export function isInVerifiedDomain(email: string, verifiedDomains: Iterable<string>): boolean {
  const domain = emailDomain(email);
  if (domain === '') return false;
  for (const d of verifiedDomains) if (d.trim().toLowerCase().replace(/\.$/, '') === domain) return true;
  return false;
}

export function sameEmail(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether the address is already on the user object (mail or otherMails), which the invitation requires. */
export function isEmailOnUser(email: string, user: Pick<GraphUser, 'mail' | 'otherMails'>): boolean {
  return (user.mail !== null && sameEmail(user.mail, email)) || user.otherMails.some((m) => sameEmail(m, email));
}

export type ProposedEmailSource = 'mail' | 'otherMails' | 'none';
export type NoEmailReason = 'noAddresses' | 'allInVerifiedDomains' | 'noValidAddress';

export interface ProposedEmail {
  email: string;
  source: ProposedEmailSource;
  /** Why no address was proposed (only when `email` is ''). */
  reason?: NoEmailReason;
}

/**
 * The external address to invite a user with: `mail` if it is valid and outside the verified domains, else
 * the first such address in `otherMails`, else '' with the reason.
 */
export function resolveProposedEmail(
  user: Pick<GraphUser, 'mail' | 'otherMails'>,
  verifiedDomains: Iterable<string>,
): ProposedEmail {
  const domains = [...verifiedDomains];
  const candidates: Array<{ email: string; source: 'mail' | 'otherMails' }> = [];
  if (user.mail !== null && user.mail.trim() !== '') candidates.push({ email: user.mail.trim(), source: 'mail' });
  for (const m of user.otherMails) if (m.trim() !== '') candidates.push({ email: m.trim(), source: 'otherMails' });
  if (candidates.length === 0) return { email: '', source: 'none', reason: 'noAddresses' };
  const outside = candidates.filter((c) => !isInVerifiedDomain(c.email, domains));
  if (outside.length === 0) return { email: '', source: 'none', reason: 'allInVerifiedDomains' };
  const valid = outside.find((c) => isValidEmail(c.email));
  if (valid === undefined) return { email: '', source: 'none', reason: 'noValidAddress' };
  return { email: valid.email, source: valid.source };
}

export interface EmailEditRow {
  /** Stable row key (the user's object id). */
  id: string;
  email: string;
}

export type EmailEditErrorCode = 'empty' | 'syntax' | 'verifiedDomain' | 'duplicate';

export interface EmailEditError {
  id: string;
  code: EmailEditErrorCode;
  message: string;
  syntax?: EmailSyntaxError;
}

/**
 * Check the addresses the admin reviewed/edited: one error per failing row (the first that applies).
 * Duplicates are case-insensitive and flag every row sharing the address, since two users cannot be
 * invited with the same external identity.
 */
export function validateEmailEdits(rows: readonly EmailEditRow[], verifiedDomains: Iterable<string>): EmailEditError[] {
  const domains = [...verifiedDomains];
  const counts = new Map<string, number>();
  for (const r of rows) {
    const key = r.email.trim().toLowerCase();
    if (key !== '') counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const errors: EmailEditError[] = [];
  for (const r of rows) {
    const email = r.email.trim();
    if (email === '') {
      errors.push({ id: r.id, code: 'empty', message: t('email_edit_empty') });
      continue;
    }
    const syntax = emailSyntaxError(email);
    if (syntax !== undefined) {
      errors.push({ id: r.id, code: 'syntax', message: describeEmailSyntaxError(syntax), syntax });
      continue;
    }
    if (isInVerifiedDomain(email, domains)) {
      errors.push({
        id: r.id,
        code: 'verifiedDomain',
        message: t('email_edit_verifiedDomain', { domain: emailDomain(email) }),
      });
      continue;
    }
    if ((counts.get(email.toLowerCase()) ?? 0) > 1) {
      errors.push({ id: r.id, code: 'duplicate', message: t('email_edit_duplicate', { email }) });
    }
  }
  return errors;
}
