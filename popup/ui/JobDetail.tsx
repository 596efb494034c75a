// One job, one row per user: result, Graph error, invitation state, redeem URL; filter, search, paging;
// follow-up actions with confirmation; CSV export. Same component in the popup and as a full tab.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AuthStatus, JobItemView, JobSummary } from '../../src/messages';
import type { UiServices } from '../lib/platform';
import { csvFileName, csvRow, fetchAllItems, toCsv } from '../lib/csv';
import { downloadText } from '../lib/download';
import { consentTier, describeError, needsConsent } from '../lib/errors';
import {
  describeCounters,
  estimateRemainingMs,
  formatDateTime,
  formatTimeLeft,
  isActiveJob,
  itemStateLabel,
  itemStateTone,
  jobStateLabel,
} from '../lib/format';
import { ITEM_FILTERS, type ItemFilter, pageLabel } from '../lib/filters';
import { ConfirmButton } from './Confirm';
import { CopyButton, Notice, ProgressBar } from './common';

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

type Message = { kind: 'ok' | 'error' | 'info'; text: string } | undefined;
type Pending = { label: string; run: () => Promise<void>; tier: 'read' | 'invite' | 'write' } | undefined;

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
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<Message>();
  // An action that failed for want of consent, to re-run after signing in with the write tier.
  const [needsWrite, setNeedsWrite] = useState<Pending>();
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
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

  const run = async (label: string, action: () => Promise<void>) => {
    setBusy(label);
    setMessage(undefined);
    setNeedsWrite(undefined);
    try {
      await action();
    } catch (e) {
      if (needsConsent(e)) setNeedsWrite({ label, run: action, tier: consentTier(e, 'write') });
      setMessage({ kind: 'error', text: `${label} failed: ${describeError(e)}` });
    } finally {
      setBusy(undefined);
    }
  };

  const refreshStatus = () =>
    run('Refresh status', async () => {
      const r = await services.request('job/refreshStatus', { jobId });
      setMessage({
        kind: 'ok',
        text: `Invitation state refreshed for ${r.items.toLocaleString('en-US')} users in ${r.roundTrips} Graph round trip${r.roundTrips === 1 ? '' : 's'}.`,
      });
      await loadPage();
    });

  const followUp = (action: 'resetRedemption' | 'setGuest') => {
    const userIds = [...selected];
    const label = action === 'resetRedemption' ? 'Reset redemption' : 'Set user type to Guest';
    return run(label, async () => {
      const r = await services.request('job/followUp', { jobId, userIds, action });
      setMessage({
        kind: 'ok',
        text: `${label} started for ${userIds.length.toLocaleString('en-US')} user${userIds.length === 1 ? '' : 's'}${r.jobId !== jobId ? ` (job ${r.jobId})` : ''}.`,
      });
      setSelected(new Set());
    });
  };

  const retryFailed = () =>
    run('Retry failed', async () => {
      const s = await services.request('job/control', { jobId, action: 'retryFailed' });
      update(s);
      setMessage({ kind: 'ok', text: 'The failed users are queued again.' });
      await loadPage();
    });

  const signInWrite = () => {
    const pending = needsWrite;
    void run('Sign in', async () => {
      const s = await services.request('auth/signIn', { tier: pending?.tier ?? 'write' });
      props.onAuth?.(s);
      if (pending) await run(pending.label, pending.run);
    });
  };

  const exportCsv = () =>
    run('Export', async () => {
      const job = summary ?? (await services.request('job/get', { jobId }));
      const items = await fetchAllItems((o, limit) => services.request('job/items', { jobId, offset: o, limit, filter: 'all' }));
      const text = toCsv(items.map((i) => csvRow(job, i)));
      (props.download ?? downloadText)(csvFileName(job), text);
      setMessage({ kind: 'ok', text: `Exported ${items.length.toLocaleString('en-US')} rows.` });
    });

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };
  const pageIds = page?.items.map((i) => i.userId) ?? [];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const togglePage = () => {
    const next = new Set(selected);
    for (const id of pageIds) {
      if (allOnPage) next.delete(id);
      else next.add(id);
    }
    setSelected(next);
  };

  const n = selected.size;
  const failed = summary?.counters.failed ?? 0;
  const active = summary ? isActiveJob(summary) : false;

  return (
    <div>
      <div class="spread">
        <div class="row">
          {props.onBack && (
            <button type="button" onClick={props.onBack}>
              ← Back
            </button>
          )}
          <h1 style={{ margin: 0 }}>Job details</h1>
        </div>
        {props.onOpenInTab && (
          <button type="button" class="link" onClick={props.onOpenInTab}>
            Open in a tab
          </button>
        )}
      </div>

      <section class="card" aria-label="Job summary" style={{ minHeight: '96px' }}>
        {summary ? (
          <>
            <p>
              <strong>{jobStateLabel(summary.state)}</strong> · started {formatDateTime(summary.createdAt)}
              {summary.finishedAt ? ` · finished ${formatDateTime(summary.finishedAt)}` : ''}
            </p>
            <p class="small muted wrap">
              Ran by {summary.ranBy} · tenant <span class="mono">{summary.tenantId}</span> · job <span class="mono">{summary.id}</span>
            </p>
            <ProgressBar counters={summary.counters} label="Job progress" />
            <p class="small" aria-live="polite">
              {describeCounters(summary.counters)}
              {active ? ` · ${formatTimeLeft(estimateRemainingMs(summary, Date.now()))}` : ''}
            </p>
          </>
        ) : (
          <p class="skeleton" style={{ height: '72px' }} aria-busy="true">
            Loading job…
          </p>
        )}
      </section>

      <section aria-label="Actions">
        <div class="row">
          <button type="button" onClick={refreshStatus} disabled={busy !== undefined}>
            {busy === 'Refresh status' ? 'Refreshing…' : 'Refresh status'}
          </button>
          <ConfirmButton
            label={`Reset redemption (${n})`}
            disabled={n === 0 || busy !== undefined}
            question={`Reset the redemption status of ${n} selected user${n === 1 ? '' : 's'}? They will have to redeem a new invitation before they can sign in again with their external account. This needs write permission (User.ReadWrite.All).`}
            confirmLabel="Reset redemption"
            onConfirm={() => followUp('resetRedemption')}
          />
          <ConfirmButton
            label={`Set user type to Guest (${n})`}
            disabled={n === 0 || busy !== undefined}
            question={`Change the user type of ${n} selected user${n === 1 ? '' : 's'} from Member to Guest? Guests get guest permissions in this directory. This needs write permission (User.ReadWrite.All).`}
            confirmLabel="Set to Guest"
            onConfirm={() => followUp('setGuest')}
          />
          <ConfirmButton
            label={`Retry failed (${failed})`}
            disabled={failed === 0 || busy !== undefined || active}
            question={`Try converting the ${failed} failed user${failed === 1 ? '' : 's'} again? Users who were converted are not touched.`}
            confirmLabel="Retry failed"
            onConfirm={retryFailed}
          />
          <button type="button" onClick={exportCsv} disabled={busy !== undefined}>
            {busy === 'Export' ? 'Exporting…' : 'Export CSV'}
          </button>
        </div>
        <div aria-live="polite" style={{ minHeight: '1.4em' }}>
          {busy && <p class="small muted">{busy}…</p>}
          {message && (
            <Notice kind={message.kind === 'info' ? 'info' : message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
              <span class="wrap">{message.text}</span>
              {needsWrite && (
                <p>
                  {needsWrite.tier === 'write' ? 'This action needs write permission (User.ReadWrite.All). ' : 'Sign in again to continue. '}
                  <button type="button" class="primary" onClick={signInWrite}>
                    {needsWrite.tier === 'write' ? 'Sign in with write permission' : 'Sign in'}
                  </button>
                </p>
              )}
            </Notice>
          )}
        </div>
      </section>

      <section aria-label="Users in this job">
        <div class="row" style={{ margin: '8px 0' }}>
          <div style={{ flex: '0 0 auto' }}>
            <label for="item-filter" class="visually-hidden">
              Show
            </label>
            <select
              id="item-filter"
              value={filter}
              onChange={(e) => {
                setFilter(e.currentTarget.value as ItemFilter);
                setOffset(0);
              }}
            >
              {ITEM_FILTERS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
          <div style={{ flex: '1 1 160px' }}>
            <label for="item-search" class="visually-hidden">
              Search users in this job
            </label>
            <input
              id="item-search"
              type="search"
              placeholder="Search name, UPN or email"
              value={searchText}
              onInput={(e) => setSearchText(e.currentTarget.value)}
            />
          </div>
        </div>
        {loadError && <Notice kind="error">Could not load the users: {loadError}</Notice>}
        <div class="table-wrap" style={{ minHeight: '120px' }}>
          <table>
            <caption class="visually-hidden">Users in this job</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" aria-label="Select all users on this page" checked={allOnPage} onChange={togglePage} disabled={pageIds.length === 0} />
                </th>
                <th scope="col">User</th>
                <th scope="col">Result</th>
                <th scope="col">Invitation</th>
              </tr>
            </thead>
            <tbody>
              {page === undefined && !loadError && (
                <tr>
                  <td colSpan={4}>
                    <p class="skeleton" aria-busy="true">
                      Loading users…
                    </p>
                  </td>
                </tr>
              )}
              {page?.items.length === 0 && (
                <tr>
                  <td colSpan={4} class="muted">
                    No users match.
                  </td>
                </tr>
              )}
              {page?.items.map((item) => (
                <ItemRow key={item.userId} item={item} selected={selected.has(item.userId)} onToggle={() => toggle(item.userId)} copy={services.copyText} />
              ))}
            </tbody>
          </table>
        </div>
        {page && page.total > 0 && (
          <nav class="spread" aria-label="Pages" style={{ marginTop: '8px' }}>
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>
              Previous
            </button>
            <span class="small" aria-live="polite">
              {pageLabel(offset, page.items.length, page.total)}
              {n > 0 ? ` · ${n} selected` : ''}
            </span>
            <button type="button" disabled={offset + pageSize >= page.total} onClick={() => setOffset(offset + pageSize)}>
              Next
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}

function ItemRow(props: { item: JobItemView; selected: boolean; onToggle: () => void; copy: (t: string) => Promise<void> }) {
  const { item } = props;
  const tone = itemStateTone(item.state);
  return (
    <tr>
      <td>
        <input type="checkbox" checked={props.selected} onChange={props.onToggle} aria-label={`Select ${item.displayName || item.userPrincipalName}`} />
      </td>
      <td class="wrap">
        <div>{item.displayName}</div>
        <div class="small muted">{item.userPrincipalName}</div>
        {item.email && <div class="small">{item.email}</div>}
      </td>
      <td>
        <span class={`badge ${tone}`}>{itemStateLabel(item.state)}</span>
        {(item.errorCode || item.errorMessage) && (
          <div class="small wrap">
            {item.errorCode && <strong class="mono">{item.errorCode}</strong>}
            {item.errorCode && item.errorMessage ? ': ' : ''}
            {item.errorMessage}
          </div>
        )}
        {item.requestId && <div class="small muted mono">request id {item.requestId}</div>}
      </td>
      <td>
        {item.externalUserState ? (
          <>
            <div>{item.externalUserState === 'PendingAcceptance' ? 'Pending acceptance' : item.externalUserState}</div>
            {item.externalUserStateChangeDateTime && <div class="small muted">since {formatDateTime(item.externalUserStateChangeDateTime)}</div>}
          </>
        ) : (
          <span class="muted">—</span>
        )}
        {item.inviteRedeemUrl && (
          <div class="row small">
            <CopyButton text={item.inviteRedeemUrl} label={`Copy the redeem URL of ${item.displayName || item.userPrincipalName}`} copy={props.copy} />
          </div>
        )}
      </td>
    </tr>
  );
}
