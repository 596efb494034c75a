// Step 1 of the fallback picker: find users by search, a pasted list or a CSV file, into one selection.
import { useEffect, useState } from 'preact/hooks';
import type { UserSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { identifiersFromCsv, parseIdentifiers } from '../lib/identifiers';
import { describeError } from '../lib/errors';
import { Notice } from './common';
import { t, tn } from '../../src/i18n';

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
    void resolve(t('pick_pastedList'), p.identifiers, p.invalid, p.duplicates);
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
      await resolve(t('pick_fileSource', { columns: p.columns.join(' / '), file: file.name }), p.identifiers, p.invalid, p.duplicates);
    } catch (err) {
      setResolveError(`${file.name}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      input.value = '';
    }
  };

  return (
    <div>
      <section aria-labelledby="search-h">
        <h2 id="search-h">{t('pick_searchTitle')}</h2>
        <form
          class="row"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            runSearch(query);
          }}
        >
          <div style={{ flex: '1 1 240px' }}>
            <label for="user-search">{t('pick_searchLabel')}</label>
            <input id="user-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autocomplete="off" />
          </div>
          <button type="submit" style={{ alignSelf: 'flex-end' }} disabled={searching}>
            {searching ? t('pick_searching') : t('pick_search')}
          </button>
        </form>
        {searchError && <Notice kind="error">{t('pick_searchFailed', { error: searchError })}</Notice>}
        <div aria-live="polite" class="small muted" style={{ minHeight: '1.4em' }}>
          {results ? tn('pick_found', results.length) : ''}
        </div>
        {results && results.length > 0 && (
          <>
            <ul class="plain" aria-label={t('pick_results')}>
              {results.map((u) => (
                <li key={u.id} class="spread">
                  <span class="wrap" style={{ minWidth: 0 }}>
                    {u.displayName} <span class="small muted">{u.userPrincipalName}</span>
                  </span>
                  <button type="button" disabled={selected.has(u.id.toLowerCase())} onClick={() => add([u])} aria-label={t('pick_addUser', { user: u.displayName || u.userPrincipalName })}>
                    {selected.has(u.id.toLowerCase()) ? t('pick_added') : t('pick_add')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={() => add(results)}>
              {tn('pick_addAll', results.length)}
            </button>
          </>
        )}
      </section>

      <section aria-labelledby="paste-h">
        <h2 id="paste-h">{t('pick_pasteTitle')}</h2>
        <form onSubmit={onPaste}>
          <label for="paste">{t('pick_pasteLabel')}</label>
          <textarea id="paste" rows={5} value={pasted} onInput={(e) => setPasted(e.currentTarget.value)} aria-describedby="paste-hint" spellcheck={false} />
          <p class="hint" id="paste-hint">
            {t('pick_pasteHint')}
          </p>
          <button type="submit" disabled={resolving || pasted.trim() === ''}>
            {resolving ? t('pick_finding') : t('pick_find')}
          </button>
        </form>
      </section>

      <section aria-labelledby="csv-h">
        <h2 id="csv-h">{t('pick_csvTitle')}</h2>
        <label for="csv-file">{t('pick_csvLabel')}</label>
        <input id="csv-file" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={resolving} />
      </section>

      <div aria-live="polite">
        {resolveError && <Notice kind="error">{resolveError}</Notice>}
        {report && <ResolveSummary report={report} />}
      </div>

      <section aria-labelledby="sel-h">
        <div class="spread">
          <h2 id="sel-h">{t('pick_selectedTitle', { count: selection.length })}</h2>
          {selection.length > 0 && (
            <button type="button" onClick={() => onChange([])}>
              {t('pick_clearSelection')}
            </button>
          )}
        </div>
        {selection.length === 0 ? (
          <p class="muted">{t('pick_noneSelected')}</p>
        ) : (
          <ul class="plain" aria-label={t('pick_selectedList')}>
            {selection.slice(0, SHOWN).map((u) => (
              <li key={u.id} class="spread">
                <span class="wrap" style={{ minWidth: 0 }}>
                  {u.displayName} <span class="small muted">{u.userPrincipalName}</span>
                </span>
                <button type="button" onClick={() => onChange(selection.filter((x) => x.id !== u.id))} aria-label={t('pick_removeUser', { user: u.displayName || u.userPrincipalName })}>
                  {t('pick_remove')}
                </button>
              </li>
            ))}
            {selection.length > SHOWN && <li class="muted">{t('pick_andMore', { count: selection.length - SHOWN })}</li>}
          </ul>
        )}
        <div class="row" style={{ marginTop: '12px' }}>
          <button type="button" class="primary" disabled={selection.length === 0 || reviewing} onClick={onReview}>
            {reviewing ? t('pick_checking') : tn('pick_review', selection.length)}
          </button>
        </div>
      </section>
    </div>
  );
}

function ResolveSummary({ report }: { report: ResolveReport }) {
  const problems = report.notFound.length + report.invalid.length;
  const parts = [tn('pick_reportAdded', report.added)];
  if (report.already > 0) parts.push(t('pick_reportAlready', { count: report.already }));
  if (report.duplicates > 0) parts.push(tn('pick_reportDuplicates', report.duplicates));
  return (
    <Notice kind={problems > 0 ? 'warn' : 'ok'} role={problems > 0 ? 'alert' : 'status'}>
      <p>{t('pick_report', { parts: parts.join(', '), source: report.source })}</p>
      {report.notFound.length > 0 && (
        <>
          <p>
            <strong>{t('pick_notFound', { count: report.notFound.length })}</strong>
          </p>
          <ul aria-label={t('pick_notFoundList')}>
            {report.notFound.slice(0, 100).map((x) => (
              <li key={x} class="wrap mono">
                {x}
              </li>
            ))}
            {report.notFound.length > 100 && <li>{t('pick_andMore', { count: report.notFound.length - 100 })}</li>}
          </ul>
        </>
      )}
      {report.invalid.length > 0 && (
        <>
          <p>
            <strong>{t('pick_invalid', { count: report.invalid.length })}</strong>
          </p>
          <ul aria-label={t('pick_invalidList')}>
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
