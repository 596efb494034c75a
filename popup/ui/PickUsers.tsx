// Step 1 of the fallback picker: find users by search, a pasted list or a CSV file, into one selection.
import { useEffect, useState } from 'preact/hooks';
import type { UserSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { identifiersFromCsv, parseIdentifiers } from '../lib/identifiers';
import { describeError } from '../lib/errors';
import { Notice } from './common';

/** Rows of the selection list rendered at once; the rest are counted (the review pages through all). */
const SHOWN = 200;

export interface PickUsersProps {
  services: UiServices;
  selection: UserSummary[];
  onChange: (next: UserSummary[]) => void;
  onReview: () => void;
  reviewing?: boolean;
}

interface ResolveReport {
  source: string;
  added: number;
  already: number;
  notFound: string[];
  invalid: string[];
  duplicates: number;
}

export function mergeSelection(selection: readonly UserSummary[], add: readonly UserSummary[]): { next: UserSummary[]; added: number } {
  const ids = new Set(selection.map((u) => u.id.toLowerCase()));
  const next = [...selection];
  for (const u of add) {
    if (ids.has(u.id.toLowerCase())) continue;
    ids.add(u.id.toLowerCase());
    next.push(u);
  }
  return { next, added: next.length - selection.length };
}

export function PickUsers({ services, selection, onChange, onReview, reviewing }: PickUsersProps) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<UserSummary[]>();
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string>();
  const [pasted, setPasted] = useState('');
  const [resolving, setResolving] = useState(false);
  const [report, setReport] = useState<ResolveReport>();
  const [resolveError, setResolveError] = useState<string>();

  const selected = new Set(selection.map((u) => u.id.toLowerCase()));

  const runSearch = (q: string) => {
    if (q.trim().length < 2) {
      setResults(undefined);
      return;
    }
    setSearching(true);
    setSearchError(undefined);
    services
      .request('users/search', { query: q.trim() })
      .then(setResults, (e: unknown) => setSearchError(describeError(e)))
      .finally(() => setSearching(false));
  };

  // Search as typed, debounced.
  useEffect(() => {
    const t = setTimeout(() => runSearch(query), 400);
    return () => clearTimeout(t);
  }, [query]);

  const add = (users: readonly UserSummary[]) => onChange(mergeSelection(selection, users).next);

  const resolve = async (source: string, identifiers: string[], invalid: string[], duplicates: number) => {
    setReport(undefined);
    setResolveError(undefined);
    if (identifiers.length === 0) {
      setReport({ source, added: 0, already: 0, notFound: [], invalid, duplicates });
      return;
    }
    setResolving(true);
    try {
      const r = await services.request('users/resolve', { identifiers });
      const { next, added } = mergeSelection(selection, r.found);
      onChange(next);
      setReport({ source, added, already: r.found.length - added, notFound: r.notFound, invalid, duplicates });
    } catch (e) {
      setResolveError(describeError(e));
    } finally {
      setResolving(false);
    }
  };

  const onPaste = (e: Event) => {
    e.preventDefault();
    const p = parseIdentifiers(pasted);
    void resolve('The pasted list', p.identifiers, p.invalid, p.duplicates);
  };

  const onFile = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    setReport(undefined);
    setResolveError(undefined);
    try {
      const text = await file.text();
      const p = identifiersFromCsv(text);
      await resolve(`${file.name} (column ${p.columns.join(' / ')})`, p.identifiers, p.invalid, p.duplicates);
    } catch (err) {
      setResolveError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      input.value = '';
    }
  };

  return (
    <div>
      <section aria-labelledby="search-h">
        <h2 id="search-h">Search the directory</h2>
        <form
          class="row"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            runSearch(query);
          }}
        >
          <div style={{ flex: '1 1 240px' }}>
            <label for="user-search">Name, UPN or email</label>
            <input id="user-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autocomplete="off" />
          </div>
          <button type="submit" style={{ alignSelf: 'flex-end' }} disabled={searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
        </form>
        {searchError && <Notice kind="error">Search failed: {searchError}</Notice>}
        <div aria-live="polite" class="small muted" style={{ minHeight: '1.4em' }}>
          {results ? `${results.length} user${results.length === 1 ? '' : 's'} found.` : ''}
        </div>
        {results && results.length > 0 && (
          <>
            <ul class="plain" aria-label="Search results">
              {results.map((u) => (
                <li key={u.id} class="spread">
                  <span class="wrap" style={{ minWidth: 0 }}>
                    {u.displayName} <span class="small muted">{u.userPrincipalName}</span>
                  </span>
                  <button type="button" disabled={selected.has(u.id.toLowerCase())} onClick={() => add([u])} aria-label={`Add ${u.displayName || u.userPrincipalName}`}>
                    {selected.has(u.id.toLowerCase()) ? 'Added' : 'Add'}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => add(results)}>
              Add all {results.length} results
            </button>
          </>
        )}
      </section>

      <section aria-labelledby="paste-h">
        <h2 id="paste-h">Paste a list</h2>
        <form onSubmit={onPaste}>
          <label for="paste">User principal names or object ids</label>
          <textarea id="paste" rows={5} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} aria-describedby="paste-hint" spellcheck={false} />
          <p class="hint" id="paste-hint">
            One per line; commas and semicolons separate entries too.
          </p>
          <button type="submit" disabled={resolving || pasted.trim() === ''}>
            {resolving ? 'Finding users…' : 'Find these users'}
          </button>
        </form>
      </section>

      <section aria-labelledby="csv-h">
        <h2 id="csv-h">Import a CSV file</h2>
        <label for="csv-file">CSV file with a userPrincipalName, UPN, id or objectId column</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={resolving} />
      </section>

      <div aria-live="polite">
        {resolveError && <Notice kind="error">{resolveError}</Notice>}
        {report && <ResolveSummary report={report} />}
      </div>

      <section aria-labelledby="sel-h">
        <div class="spread">
          <h2 id="sel-h">Selected users ({selection.length.toLocaleString('en-US')})</h2>
          {selection.length > 0 && (
            <button type="button" onClick={() => onChange([])}>
              Clear selection
            </button>
          )}
        </div>
        {selection.length === 0 ? (
          <p class="muted">Nobody selected yet.</p>
        ) : (
          <ul class="plain" aria-label="Selected users">
            {selection.slice(0, SHOWN).map((u) => (
              <li key={u.id} class="spread">
                <span class="wrap" style={{ minWidth: 0 }}>
                  {u.displayName} <span class="small muted">{u.userPrincipalName}</span>
                </span>
                <button type="button" onClick={() => onChange(selection.filter((x) => x.id !== u.id))} aria-label={`Remove ${u.displayName || u.userPrincipalName}`}>
                  Remove
                </button>
              </li>
            ))}
            {selection.length > SHOWN && <li class="muted">…and {(selection.length - SHOWN).toLocaleString('en-US')} more</li>}
          </ul>
        )}
        <div class="row" style={{ marginTop: '12px' }}>
          <button type="button" class="primary" disabled={selection.length === 0 || reviewing} onClick={onReview}>
            {reviewing ? 'Checking users…' : `Review ${selection.length.toLocaleString('en-US')} user${selection.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </section>
    </div>
  );
}

function ResolveSummary({ report }: { report: ResolveReport }) {
  const problems = report.notFound.length + report.invalid.length;
  return (
    <Notice kind={problems > 0 ? 'warn' : 'ok'} role={problems > 0 ? 'alert' : 'status'}>
      <p>
        {report.source}: {report.added} user{report.added === 1 ? '' : 's'} added
        {report.already > 0 ? `, ${report.already} already selected` : ''}
        {report.duplicates > 0 ? `, ${report.duplicates} duplicate${report.duplicates === 1 ? '' : 's'} ignored` : ''}.
      </p>
      {report.notFound.length > 0 && (
        <>
          <p>
            <strong>Not found in the directory ({report.notFound.length}):</strong>
          </p>
          <ul aria-label="Not found">
            {report.notFound.slice(0, 100).map((x) => (
              <li key={x} class="wrap mono">
                {x}
              </li>
            ))}
            {report.notFound.length > 100 && <li>…and {report.notFound.length - 100} more</li>}
          </ul>
        </>
      )}
      {report.invalid.length > 0 && (
        <>
          <p>
            <strong>Not a UPN or object id ({report.invalid.length}):</strong>
          </p>
          <ul aria-label="Not recognised">
            {report.invalid.slice(0, 100).map((x, i) => (
              <li key={`${i}-${x}`} class="wrap mono">
                {x}
              </li>
            ))}
          </ul>
        </>
      )}
    </Notice>
  );
}
