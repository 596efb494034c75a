// One job, one row per user: result, Graph error, invitation state, redeem link; filter, search, paging;
// follow-up actions with confirmation; CSV export. Same component in the popup (rows stacked) and as a full tab
// (rows in columns).
// This module loads the job and its page of users and keeps them live; the parts it shows live in ./job-detail/.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuthStatus, JobItemRow as JobItemView, JobSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import type { ItemFilter } from '../lib/filters';
import { Notice } from './common';
import { ItemFilters } from './job-detail/ItemFilters';
import { ItemsList } from './job-detail/ItemsList';
import { JobActions } from './job-detail/JobActions';
import { JobDetailHeader } from './job-detail/JobDetailHeader';
import { JobPlanFacts } from './job-detail/JobPlanFacts';
import { JobSummaryCard } from './job-detail/JobSummaryCard';
import { Pager } from './job-detail/Pager';
import { t } from '../../src/i18n';

/** Rows per page: fewer in the small popup, more in a tab. */
export const PAGE_SIZE = { popup: 25, tab: 50 } as const;

export interface JobDetailProps {
  services: UiServices;
  jobId: string;
  summary?: JobSummary;
  mode: 'popup' | 'tab';
  auth?: AuthStatus;
  onBack?: () => void;
  onOpenInTab?: () => void;
  onSummary?: (s: JobSummary) => void;
  onAuth?: (s: AuthStatus) => void;
  /** Replaces the real download (tests). */
  download?: (fileName: string, text: string) => void;
}

export function JobDetail(props: JobDetailProps) {
  const { services, jobId } = props;
  const pageSize = PAGE_SIZE[props.mode];
  const [summary, setSummary] = useState<JobSummary | undefined>(props.summary);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: JobItemView[] }>();
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [roundTrips, setRoundTrips] = useState<number>();
  const [undoOn, setUndoOn] = useState(false);
  // Every row seen so far, by user id: the selection spans pages, and the undo offer needs each selected user's state.
  const seen = useRef(new Map<string, JobItemView>());
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Counts page requests, so an answer that a newer request overtook is dropped.
  const generation = useRef(0);

  const update = (s: JobSummary) => {
    setSummary(s);
    props.onSummary?.(s);
  };

  const loadPage = () => {
    const mine = ++generation.current;
    return services
      .request('job/items', { jobId, offset, limit: pageSize, filter, ...(search ? { search } : {}) })
      .then(
        (p) => {
          if (mine !== generation.current) return;
          for (const item of p.items) seen.current.set(item.userId, item);
          setPage(p);
          setLoadError(undefined);
        },
        (e: unknown) => {
          if (mine === generation.current) setLoadError(describeError(e));
        },
      );
  };

  useEffect(() => {
    if (!props.summary) services.request('job/get', { jobId }).then(update, (e: unknown) => setLoadError(describeError(e)));
  }, [jobId]);

  useEffect(() => {
    void loadPage();
  }, [jobId, offset, filter, search]);

  // Convert back to internal is offered only while the admin has the feature on (options page).
  useEffect(() => {
    services.request('undo/status', {}).then(
      (s) => setUndoOn(s.enabled),
      () => setUndoOn(false),
    );
  }, [services]);
  // ...for the users this job converted who have accepted: converted ('done') and Accepted at the last refresh.
  const acceptedSelected = [...selected].filter((id) => {
    const item = seen.current.get(id);
    return item?.state === 'done' && item.externalUserState === 'Accepted';
  });

  // Search as typed, without a request per key.
  useEffect(() => {
    const t = setTimeout(() => {
      setSearch(searchText.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(t);
  }, [searchText]);

  // Live progress: update the summary at once, reload the visible rows at most every 2 seconds.
  useEffect(
    () =>
      services.subscribe((ev) => {
        if (ev.event !== 'job/progress' || ev.jobId !== jobId) return;
        update(ev.summary);
        if (!reloadTimer.current) {
          reloadTimer.current = setTimeout(() => {
            reloadTimer.current = undefined;
            void loadPage();
          }, 2_000);
        }
      }),
    [jobId, offset, filter, search],
  );
  useEffect(() => () => clearTimeout(reloadTimer.current), []);

  return (
    <div>
      <JobDetailHeader onBack={props.onBack} onOpenInTab={props.onOpenInTab} />
      <JobSummaryCard summary={summary} auth={props.auth} roundTrips={roundTrips} />
      <JobPlanFacts summary={summary} />
      <JobActions
        services={services}
        jobId={jobId}
        summary={summary}
        selected={selected}
        onClearSelection={() => setSelected(new Set())}
        onSummary={update}
        reloadItems={loadPage}
        onRoundTrips={setRoundTrips}
        onAuth={props.onAuth}
        download={props.download}
        {...(undoOn && summary?.kind !== 'undo' ? { undo: { acceptedSelected } } : {})}
      />
      <section aria-label={t('items_list')}>
        <ItemFilters
          filter={filter}
          onFilter={(f) => {
            setFilter(f);
            setOffset(0);
          }}
          searchText={searchText}
          onSearchText={setSearchText}
        />
        {loadError && <Notice kind="error">{t('items_loadFailed', { error: loadError })}</Notice>}
        <ItemsList items={page?.items} loadFailed={!!loadError} selected={selected} onSelect={setSelected} copy={services.copyText} wide={props.mode === 'tab'} />
        {page && page.total > 0 && <Pager offset={offset} pageSize={pageSize} shown={page.items.length} total={page.total} selectedCount={selected.size} onOffset={setOffset} />}
      </section>
    </div>
  );
}
