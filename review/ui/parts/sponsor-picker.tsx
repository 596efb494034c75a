// Sponsors named on every invitation (invitedUserSponsors): the signed-in admin by default, or users picked from the
// directory (at most five, per Learn). The worker re-reads each one before the job starts.
import { useState } from 'preact/hooks';
import { LEARN_PAGES } from '../../../src/learn';
import type { UserSummary } from '../../../src/messages';
import type { Sponsor } from '../../../src/jobs/model';
import { describeFailure, type Services } from '../../../content/services';
import { t } from '../../../src/i18n';
import type { IsTrusted } from './types';

export function SponsorPicker(p: { sponsors: Sponsor[]; error: string | undefined; set: (s: Sponsor[]) => void; services: Services; trusted: IsTrusted }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<UserSummary[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const search = async (e: Event) => {
    e.preventDefault();
    if (!p.trusted(e) || query.trim() === '') return;
    setProblem(undefined);
    try {
      setFound(await p.services.request('users/search', { query: query.trim() }));
    } catch (err) {
      setProblem(describeFailure(err).message);
    }
  };
  return (
    <fieldset class="sponsors" data-b2b="sponsors">
      <legend>{t('review_sponsors_legend')}</legend>
      <p>
        {t('review_sponsors_help')}{' '}
        <a href={LEARN_PAGES.b2bSponsors.url} target="_blank" rel="noopener noreferrer">
          {t('learn_link', { title: LEARN_PAGES.b2bSponsors.title })}
        </a>
      </p>
      <ul aria-label={t('review_sponsors_legend')}>
        {p.sponsors.map((s) => (
          <li key={s.id}>
            {s.displayName}{' '}
            <button type="button" aria-label={t('review_sponsors_remove', { name: s.displayName })} onClick={(e) => p.trusted(e) && p.set(p.sponsors.filter((x) => x.id !== s.id))}>
              {t('review_remove')}
            </button>
          </li>
        ))}
      </ul>
      {p.error ? <p class="msg warn" role="alert">{p.error}</p> : null}
      <form onSubmit={(e) => void search(e)}>
        <label>
          {t('review_sponsors_find')} <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">{t('review_sponsors_search')}</button>
      </form>
      {problem ? <p class="msg warn">{problem}</p> : null}
      {found.length > 0 ? (
        <ul aria-label={t('review_sponsors_results')}>
          {found.slice(0, 10).map((u) => (
            <li key={u.id}>
              <button
                type="button"
                disabled={p.sponsors.some((s) => s.id === u.id)}
                onClick={(e) => p.trusted(e) && p.set([...p.sponsors, { id: u.id, displayName: u.displayName || u.userPrincipalName }])}
              >
                {t('review_sponsors_add', { name: u.displayName || u.userPrincipalName, upn: u.userPrincipalName })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
