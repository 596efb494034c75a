// Per-user warnings the review shows beside a row, beyond the eligibility rules (src/eligibility.ts already warns
// about a disabled account and an address missing from the user object). Two kinds, never mixed up:
// - fact: the data shows something Microsoft Learn states a consequence of (the page is named);
// - guess: a heuristic of ours (a shared mailbox, a distribution list), labelled as a guess in the UI.
import { emailDomain } from './email';
import { formatNumber, t, tn } from './i18n';
import type { LearnPageKey } from './learn';

export interface ReviewWarning {
  code: 'noPasswordSignIn' | 'plusAddress' | 'sharedMailboxGuess' | 'uniqueDomain';
  kind: 'fact' | 'guess';
  message: string;
  source?: LearnPageKey;
}

export interface WarningUser {
  id: string;
  displayName: string;
  mail: string | null;
  otherMails: readonly string[];
  accountEnabled: boolean;
  /** The address the user will be invited with (as typed in the review). */
  email: string;
}

export interface DomainSpread {
  /** 'onePartner': every user goes to one external domain; 'allDifferent': no two share one; 'mixed' otherwise. */
  kind: 'onePartner' | 'allDifferent' | 'mixed' | 'tooFew';
  /** Users per external domain, most first. */
  domains: Array<{ domain: string; users: number }>;
  message: string;
}

/** Below this many users, a spread of domains says nothing. */
const SPREAD_MIN_USERS = 3;

/** Local parts that usually name a role rather than a person. A guess: no directory property says "shared". */
const ROLE_LOCAL_PARTS = new Set([
  'info', 'sales', 'support', 'admin', 'contact', 'office', 'team', 'hr', 'finance', 'accounts', 'accounting',
  'billing', 'noreply', 'no-reply', 'helpdesk', 'service', 'marketing', 'all', 'everyone', 'reception', 'orders',
  'invoices', 'jobs', 'careers', 'press', 'security', 'it', 'hello',
]);
const ROLE_NAME_WORDS = /\b(shared|mailbox|distribution|group|team|dl|list|postmaster)\b/i;

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at < 0 ? address : address.slice(0, at)).trim().toLowerCase();
}

export function isPlusAddress(address: string): boolean {
  return localPart(address).includes('+');
}

/** A guess that the address or name belongs to a shared mailbox or a distribution list. */
export function looksShared(address: string, displayName: string): boolean {
  const local = localPart(address);
  return ROLE_LOCAL_PARTS.has(local) || /^(dl|grp|group|team|shared)[._-]/.test(local) || ROLE_NAME_WORDS.test(displayName);
}

/** The warnings of one user who will be converted. */
export function userWarnings(u: WarningUser, spread?: DomainSpread): ReviewWarning[] {
  const out: ReviewWarning[] = [];
  if (u.accountEnabled) {
    out.push({
      code: 'noPasswordSignIn',
      kind: 'fact',
      message: t('review_warning_noPasswordSignIn'),
      source: 'inviteInternalUsers',
    });
  }
  const plus = [u.mail ?? '', ...u.otherMails].filter((m) => m !== '' && isPlusAddress(m));
  if (plus.length > 0) {
    out.push({
      code: 'plusAddress',
      kind: 'fact',
      message: tn('review_warning_plusAddress', plus.length, { addresses: plus.join(', '), email: u.email }),
      source: 'invitationPost',
    });
  }
  if (looksShared(u.email, u.displayName)) {
    out.push({
      code: 'sharedMailboxGuess',
      kind: 'guess',
      // The review labels it a guess (kind), so the sentence does not say it again.
      message: t('review_warning_shared', { email: u.email, name: u.displayName }),
    });
  }
  if (spread?.kind === 'allDifferent') {
    out.push({
      code: 'uniqueDomain',
      kind: 'guess',
      message: t('review_warning_uniqueDomain', { domain: emailDomain(u.email) }),
    });
  }
  return out;
}

/** How the external domains of the users to convert are spread: one partner, or a different one each. */
export function domainSpread(emails: readonly string[]): DomainSpread {
  const counts = new Map<string, number>();
  for (const e of emails) {
    const d = emailDomain(e);
    if (d !== '') counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const domains = [...counts].map(([domain, users]) => ({ domain, users })).sort((a, b) => b.users - a.users || a.domain.localeCompare(b.domain));
  const n = emails.length;
  if (n < SPREAD_MIN_USERS) return { kind: 'tooFew', domains, message: '' };
  if (domains.length === 1) {
    return { kind: 'onePartner', domains, message: t('review_spread_onePartner', { count: n, domain: domains[0]!.domain }) };
  }
  if (domains.length === n) {
    return { kind: 'allDifferent', domains, message: t('review_spread_allDifferent', { count: n }) };
  }
  const top = domains.slice(0, 3).map((d) => `${d.domain} (${formatNumber(d.users)})`).join(', ');
  return { kind: 'mixed', domains, message: t('review_spread_mixed', { count: n, domains: domains.length, top }) };
}
