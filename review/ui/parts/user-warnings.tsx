// Per-user warnings beyond the eligibility rules (src/review-warnings.ts), for the users that will be converted:
// facts with their Learn page, guesses labelled as guesses, and how the external domains are spread.
import { domainSpread, userWarnings } from '../../../src/review-warnings';
import { LEARN_PAGES } from '../../../src/learn';
import type { PreflightResult } from '../../../src/messages';
import type { Edits, RowVerdict } from '../../../src/review';
import { t } from '../../../src/i18n';

export function UserWarnings(p: { result: PreflightResult; edits: Edits; verdicts: ReadonlyMap<string, RowVerdict> }) {
  const converted = p.result.users.filter((u) => p.verdicts.get(u.id)?.willConvert);
  const emailOf = (id: string, fallback: string) => (p.edits.get(id)?.email ?? fallback).trim();
  const spread = domainSpread(converted.map((u) => emailOf(u.id, u.proposedEmail)));
  const rows = converted
    .map((u) => ({
      u,
      warnings: userWarnings(
        { id: u.id, displayName: u.displayName, mail: u.mail, otherMails: u.otherMails, accountEnabled: u.accountEnabled, email: emailOf(u.id, u.proposedEmail) },
        spread,
      ),
    }))
    .filter((r) => r.warnings.length > 0);
  if (rows.length === 0 && spread.kind === 'tooFew') return null;
  return (
    <section class="user-warnings" aria-label={t('review_userWarnings_label')} data-b2b="user-warnings">
      {spread.message ? <p data-b2b="domain-spread">{spread.message}</p> : null}
      <ul>
        {rows.map(({ u, warnings }) => (
          <li key={u.id} aria-label={t('review_userWarnings_for', { name: u.displayName })}>
            <strong>{u.displayName}</strong>
            <ul>
              {warnings.map((w) => (
                <li key={w.code} data-warning={w.code} data-kind={w.kind}>
                  {w.kind === 'guess' ? <em>{t('review_userWarnings_guess')} </em> : null}
                  {w.message}
                  {w.source ? (
                    <>
                      {' '}
                      <a href={LEARN_PAGES[w.source].url} target="_blank" rel="noopener noreferrer">
                        {t('review_learnShort')}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
