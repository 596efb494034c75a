// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus, BroadcastEvent, JobItemRow as JobItemView, JobSummary, PageStatus } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import type { KeyValueStore, PopupServices } from '../../popup/lib/platform';
import { POPUP_CACHE_KEY } from '../../popup/lib/jobs';
import { parseJobCsv } from '../../popup/lib/csv';
import { PopupApp } from '../../popup/ui/PopupApp';
import { JobDetail } from '../../popup/ui/JobDetail';
import { preactPage } from '../support/preact-page';
import { fakeHostAccess } from '../support/host-access';

const TENANT = '11111111-2222-3333-4444-555555555555';
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const SIGNED_IN: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Contoso Admin', tenantId: TENANT, objectId: TENANT },
  cloud: 'Global',
  configuredTenant: 'organizations',
  grantedTiers: ['read'],
};
const running: JobSummary = {
  id: 'job-running1',
  createdAt: NOW - 60_000,
  tenantId: TENANT,
  ranBy: 'admin@contoso.com',
  state: 'running',
  counters: { total: 500, done: 110, failed: 10, blocked: 0, cancelled: 0, remaining: 380 },
  etaMs: 190_000,
};
const finished: JobSummary = {
  id: 'job-finished',
  createdAt: NOW - 3_600_000 * 2,
  finishedAt: NOW - 3_600_000,
  tenantId: TENANT,
  ranBy: 'admin@contoso.com',
  state: 'completed',
  counters: { total: 3, done: 2, failed: 1, blocked: 0, cancelled: 0, remaining: 0 },
};

const page = preactPage(5);
const { mount, flush, button, click } = page;

type Handler = (payload: never) => unknown;
function makeServices(handlers: Record<string, Handler>, cache: Record<string, unknown> = {}) {
  const listeners = new Set<(e: BroadcastEvent) => void>();
  const store = new Map(Object.entries(cache));
  const request = vi.fn(async (op: string, payload: unknown) => {
    const h = handlers[op];
    if (!h) return new Promise(() => undefined); // never answers
    return h(payload as never);
  });
  const kv: KeyValueStore = {
    get: async <T,>(k: string) => store.get(k) as T | undefined,
    set: async (k, v) => void store.set(k, v),
  };
  const services: PopupServices = {
    request: request as unknown as PopupServices['request'],
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    openPage: vi.fn(),
    copyText: vi.fn(async () => undefined),
    cache: kv,
    activeTabId: async () => 7,
    hostAccess: fakeHostAccess(),
  };
  const emit = (e: BroadcastEvent) => act(() => listeners.forEach((l) => l(e)));
  return { services, request, emit, store };
}

describe('popup', () => {
  it('renders the account and jobs from the cache before the worker answers', async () => {
    const { services, request } = makeServices({}, { [POPUP_CACHE_KEY]: { savedAt: NOW, auth: SIGNED_IN, jobs: [running, finished] } });
    await mount(<PopupApp services={services} now={() => NOW} />);
    // With the active tab, so the worker can judge whether that page is the signed-in tenant's.
    expect(request).toHaveBeenCalledWith('auth/status', { tabId: 7 });
    expect(page.root.textContent).toContain('Contoso Admin');
    expect(page.root.textContent).toContain(TENANT);
    expect(page.root.textContent).toContain('Updating…');
    const bar = page.root.querySelector('[role="progressbar"]')!;
    expect(bar.getAttribute('aria-valuetext')).toBe('120 of 500 processed: 110 done, 10 failed, 380 remaining');
    expect(page.root.textContent).toContain('About 3 min left');
    expect(page.root.querySelector('[aria-live="polite"][aria-atomic="true"]')?.textContent).toBe('Running: 20% processed, 10 failed.');
    expect(page.root.textContent).toContain('Finished with 1 failed: 2 of 3 users converted, 1 failed');
    // The page-status section keeps its place while it loads.
    expect(page.root.textContent).toContain('Checking this page…');
  });

  it('a job waiting for sign-in: session ended on the account card, no time left, Sign in beside the job resumes it', async () => {
    const waiting: JobSummary = {
      ...running,
      state: 'waiting-for-sign-in',
      etaMs: undefined,
      counters: { total: 60, done: 15, failed: 0, blocked: 0, cancelled: 0, remaining: 45, verifying: 20 },
      pauseReason: 'Your sign-in session has ended. Sign in again to continue. (AADSTS50058)',
    };
    const resumed: JobSummary = { ...waiting, state: 'running', etaMs: 2_000, pauseReason: undefined };
    const { services, request } = makeServices({
      'auth/status': () => ({ ...SIGNED_IN, sessionEnded: true }),
      'job/list': () => [waiting],
      'job/control': () => resumed,
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('Signed in as admin@contoso.com — session ended');
    expect(page.root.textContent).toContain('Waiting for sign-in: 60 users');
    expect(page.root.textContent).toContain('Sign in to continue converting 45 users');
    expect(page.root.textContent).toContain('20 verifying');
    expect(page.root.textContent).not.toMatch(/left/);
    const job = page.root.querySelector('section[aria-labelledby="run-job-running1"]')!;
    const signIn = [...job.querySelectorAll('button')].find((b) => b.textContent === 'Sign in')!;
    await click(signIn);
    expect(request).toHaveBeenCalledWith('job/control', { jobId: 'job-running1', action: 'resume' });
    expect(page.root.textContent).toContain('Running: 60 users');
    expect(page.root.textContent).toContain('Less than a minute left');
  });

  it('shows skeletons, not empty states, when there is no cache and no answer yet', async () => {
    const { services } = makeServices({});
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.querySelectorAll('[aria-busy="true"]').length).toBeGreaterThanOrEqual(3);
    expect(page.root.textContent).not.toContain('No job is running');
  });

  it('replaces the cache with fresh state and caches it for next time', async () => {
    const { services, store } = makeServices(
      {
        'auth/status': () => ({ ...SIGNED_IN, signedIn: false, account: undefined }),
        'job/list': () => [finished],
        'page/status': (p: { tabId: number }) => (p.tabId === 7 ? ({ recognized: false, missing: ['grid'] } satisfies PageStatus) : null),
      },
      { [POPUP_CACHE_KEY]: { savedAt: 1, auth: SIGNED_IN, jobs: [running] } },
    );
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('Not signed in');
    expect(page.root.textContent).toContain('No job is running');
    expect(page.root.textContent).not.toContain('Updating…');
    expect(page.root.textContent).toContain('layout of this page was not recognised');
    await click(button('Open the fallback picker'));
    expect(services.openPage).toHaveBeenCalledWith('popup/picker.html');
    expect((store.get(POPUP_CACHE_KEY) as { jobs: JobSummary[] }).jobs.map((j) => j.id)).toEqual(['job-finished']);
  });

  it('signs in with the read tier', async () => {
    const { services, request } = makeServices({
      'auth/status': () => ({ ...SIGNED_IN, signedIn: false, account: undefined }),
      'auth/signIn': () => SIGNED_IN,
      'job/list': () => [],
      'page/status': () => ({ recognized: true, layout: 'v2' }),
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('This is an All users page');
    await click(button('Sign in'));
    expect(request).toHaveBeenCalledWith('auth/signIn', { tier: 'read' });
    expect(page.root.textContent).toContain('admin@contoso.com');
  });

  it('warns about a tenant mismatch', async () => {
    const { services } = makeServices({ 'auth/status': () => ({ ...SIGNED_IN, tenantMismatch: 'You are signed in to Contoso but this page belongs to Fabrikam.' }) });
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.querySelector('[role="alert"]')?.textContent).toContain('belongs to Fabrikam');
  });

  it('pauses at once, cancels only after confirmation, and follows progress events', async () => {
    const { services, request, emit } = makeServices({
      'auth/status': () => SIGNED_IN,
      'job/list': () => [running],
      'page/status': () => ({ recognized: null }),
      'job/control': (p: { action: string }) => ({ ...running, state: p.action === 'pause' ? 'paused' : 'cancelling' }),
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    await click(button('Pause'));
    expect(request).toHaveBeenCalledWith('job/control', { jobId: running.id, action: 'pause' });
    expect(button('Resume')).toBeTruthy();
    await click(button('Cancel'));
    expect(request).not.toHaveBeenCalledWith('job/control', { jobId: running.id, action: 'cancel' });
    expect(page.root.querySelector('[role="alertdialog"]')?.textContent).toContain('380 not yet processed');
    await click(button('Cancel job'));
    expect(request).toHaveBeenCalledWith('job/control', { jobId: running.id, action: 'cancel' });

    await emit({ event: 'job/progress', jobId: running.id, summary: { ...running, counters: { ...running.counters, done: 480, remaining: 10 } } });
    expect(page.root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toContain('490 of 500');
  });

  it('clears the history after confirmation', async () => {
    let jobs = [finished];
    const { services, request } = makeServices({
      'auth/status': () => SIGNED_IN,
      'job/list': () => jobs,
      'page/status': () => ({ recognized: null }),
      'history/clear': () => {
        jobs = [];
        return null;
      },
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    await click(button('Clear history'));
    expect(request).not.toHaveBeenCalledWith('history/clear', {});
    const confirm = page.root.querySelector('[role="alertdialog"] button.danger') as HTMLButtonElement;
    await click(confirm);
    expect(request).toHaveBeenCalledWith('history/clear', {});
    expect(page.root.textContent).toContain('No jobs yet');
  });

  it('shows the worker error with Graph code', async () => {
    const { services } = makeServices({
      'auth/status': () => {
        throw new RequestFailed({ code: 'failed', message: 'Insufficient privileges.', graphCode: 'Authorization_RequestDenied', status: 403, requestId: 'r-1' });
      },
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('Authorization_RequestDenied: Insufficient privileges. (request id r-1)');
  });
});

const items: JobItemView[] = [
  { userId: 'aaaaaaaa-0000-0000-0000-000000000001', userPrincipalName: 'ada@contoso.com', displayName: 'Ada', email: 'ada@fabrikam.example', state: 'done', externalUserState: 'Accepted', externalUserStateChangeDateTime: '2026-11-27T10:00:00Z', inviteRedeemUrl: 'https://redeem.example/1', updatedAt: NOW },
  { userId: 'aaaaaaaa-0000-0000-0000-000000000002', userPrincipalName: 'bob@contoso.com', displayName: '=cmd()', email: 'bob@fabrikam.example', state: 'done', externalUserState: 'PendingAcceptance', updatedAt: NOW },
  { userId: 'aaaaaaaa-0000-0000-0000-000000000003', userPrincipalName: 'eve@contoso.com', displayName: '<img src=x onerror=alert(1)>', email: 'eve@contoso.com', state: 'failed', errorCode: 'BadRequest', errorMessage: 'Email in a verified domain.', requestId: 'req-9', updatedAt: NOW },
];

describe('job detail', () => {
  const handlers = (extra: Record<string, Handler> = {}) => ({
    'job/items': (p: { offset: number; limit: number; filter?: string; search?: string }) => {
      const f = items.filter((i) => !p.filter || p.filter === 'all' || i.state === p.filter).filter((i) => !p.search || i.userPrincipalName.includes(p.search));
      return { total: f.length, items: f.slice(p.offset, p.offset + p.limit) };
    },
    'job/get': () => finished,
    ...extra,
  });

  it('lists one row per user with result, Graph error, invitation state and redeem URL copy; data stays text', async () => {
    const { services } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    const rows = page.root.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.textContent).toContain('Accepted');
    expect(rows[1]!.textContent).toContain('Pending acceptance');
    expect(rows[2]!.textContent).toContain('BadRequest: Email in a verified domain.');
    expect(rows[2]!.textContent).toContain('request id req-9');
    expect(page.root.querySelector('img')).toBeNull();
    expect(rows[2]!.textContent).toContain('<img src=x onerror=alert(1)>');
    await click(button('Copy'));
    expect(services.copyText).toHaveBeenCalledWith('https://redeem.example/1');
    expect(page.root.textContent).toContain('1–3 of 3');
  });

  it('filters and searches through the worker', async () => {
    const { services, request } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    const select = page.root.querySelector('#item-filter') as HTMLSelectElement;
    await act(() => {
      select.value = 'failed';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await flush();
    expect(request).toHaveBeenCalledWith('job/items', { jobId: finished.id, offset: 0, limit: 50, filter: 'failed' });
    expect(page.root.querySelectorAll('tbody tr')).toHaveLength(1);
  });

  it('refreshes status and reports the round trips', async () => {
    const { services } = makeServices(handlers({ 'job/refreshStatus': () => ({ roundTrips: 2, items: 3 }) }));
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    await click(button('Refresh status'));
    expect(page.root.textContent).toContain('Invitation state refreshed for 3 users in 2 Graph round trips.');
  });

  it('resets redemption for the selection after confirmation, offering a write sign-in when consent is missing', async () => {
    let consented = false;
    const { services, request } = makeServices(
      handlers({
        'job/followUp': () => {
          if (!consented) throw new RequestFailed({ code: 'failed', message: 'This action needs more permissions (write). Sign in again to grant them.', graphCode: 'consent-required' });
          return { jobId: finished.id };
        },
        'auth/signIn': () => {
          consented = true;
          return { ...SIGNED_IN, grantedTiers: ['read', 'write'] };
        },
      }),
    );
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    const box = page.root.querySelector('input[aria-label="Select Ada"]') as HTMLInputElement;
    await act(() => box.click());
    await click(button('Reset redemption (1)'));
    await click(page.root.querySelector('[role="alertdialog"] button.primary') as HTMLButtonElement);
    expect(request).toHaveBeenCalledWith('job/followUp', { jobId: finished.id, userIds: [items[0]!.userId], action: 'resetRedemption' });
    expect(page.root.textContent).toContain('consent-required: This action needs more permissions');
    await click(button('Sign in with write permission'));
    expect(request).toHaveBeenCalledWith('auth/signIn', { tier: 'write' });
    expect(request.mock.calls.filter((c) => c[0] === 'job/followUp')).toHaveLength(2);
    expect(page.root.textContent).toContain('Reset redemption started for 1 user.');
  });

  it('signs in with the tier the worker names when it answers sign-in-required', async () => {
    const { services, request } = makeServices(
      handlers({
        'job/followUp': () => {
          throw new RequestFailed({ code: 'sign-in-required', message: 'This action needs more permissions (write).', tier: 'write' });
        },
        'auth/signIn': () => SIGNED_IN,
      }),
    );
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    await act(() => (page.root.querySelector('input[aria-label="Select all users on this page"]') as HTMLInputElement).click());
    await click(button('Set user type to Guest (3)'));
    await click(page.root.querySelector('[role="alertdialog"] button.primary') as HTMLButtonElement);
    expect(request).toHaveBeenCalledWith('job/followUp', { jobId: finished.id, userIds: items.map((i) => i.userId), action: 'setGuest' });
    await click(button('Sign in with write permission'));
    expect(request).toHaveBeenCalledWith('auth/signIn', { tier: 'write' });
  });

  it('retries failed users after confirmation', async () => {
    const { services, request } = makeServices(handlers({ 'job/control': () => ({ ...finished, state: 'running', finishedAt: undefined }) }));
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    await click(button('Retry failed (1)'));
    await click(page.root.querySelector('[role="alertdialog"] button.primary') as HTMLButtonElement);
    expect(request).toHaveBeenCalledWith('job/control', { jobId: finished.id, action: 'retryFailed' });
  });

  it('exports every row as CSV that parses back', async () => {
    const download = vi.fn();
    const { services } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" download={download} />);
    await click(button('Export CSV'));
    expect(download).toHaveBeenCalledTimes(1);
    const [name, text] = download.mock.calls[0] as [string, string];
    expect(name).toMatch(/^b2b-convert-job-finished-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseJobCsv(text);
    expect(rows.map((r) => r.displayName)).toEqual(['Ada', '=cmd()', '<img src=x onerror=alert(1)>']);
    expect(rows[2]).toMatchObject({ graphErrorCode: 'BadRequest', requestId: 'req-9', ranBy: 'admin@contoso.com', tenantId: TENANT });
    expect(text).toContain("'=cmd()");
  });
});
