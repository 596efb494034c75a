// Sponsors named on every invitation (invitedUserSponsors): the signed-in admin by default, or users picked from the
// directory (at most five, per Learn). The worker re-reads each one before the job starts.
import { useState } from 'preact/hooks';
import { LEARN_PAGES } from '../../../src/learn';
import type { UserSummary } from '../../../src/messages';
import type { Sponsor } from '../../../src/jobs/model';
import { describeFailure, type Services } from '../../../content/services';
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
      <legend>Sponsors</legend>
      <p>
        Named on every invitation; at most five.{' '}
        <a href={LEARN_PAGES.b2bSponsors.url} target="_blank" rel="noopener noreferrer">
          (Learn: {LEARN_PAGES.b2bSponsors.title})
        </a>
      </p>
      <ul aria-label="Sponsors">
        {p.sponsors.map((s) => (
          <li key={s.id}>
            {s.displayName}{' '}
            <button type="button" aria-label={`Remove sponsor ${s.displayName}`} onClick={(e) => p.trusted(e) && p.set(p.sponsors.filter((x) => x.id !== s.id))}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {p.error ? <p class="msg warn" role="alert">{p.error}</p> : null}
      <form onSubmit={(e) => void search(e)}>
        <label>
          Find a sponsor <input type="search" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
        </label>{' '}
        <button type="submit">Search sponsors</button>
      </form>
      {problem ? <p class="msg warn">{problem}</p> : null}
      {found.length > 0 ? (
        <ul aria-label="Sponsor search results">
          {found.slice(0, 10).map((u) => (
            <li key={u.id}>
              <button
                type="button"
                disabled={p.sponsors.some((s) => s.id === u.id)}
                onClick={(e) => p.trusted(e) && p.set([...p.sponsors, { id: u.id, displayName: u.displayName || u.userPrincipalName }])}
              >
                Add {u.displayName || u.userPrincipalName} ({u.userPrincipalName}) as sponsor
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
