// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus, JobItemRow as JobItemView, JobSummary, PageStatus } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import type { KeyValueStore, PopupServices } from '../../popup/lib/platform';
import { POPUP_CACHE_KEY } from '../../popup/lib/jobs';
import { parseJobCsv } from '../../popup/lib/csv';
import { PopupApp } from '../../popup/ui/PopupApp';
import { JobDetail } from '../../popup/ui/JobDetail';
import { preactPage } from '../support/preact-page';
import { fakeHostAccess } from '../support/host-access';
import { fakeUiServices, type Handler } from '../support/ui-services';
import { SIGNED_IN as SIGNED_IN_READ, TEST_TENANT } from '../support/job-summary';

const TENANT = TEST_TENANT;
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const SIGNED_IN: AuthStatus = SIGNED_IN_READ;
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

const CONFIGURED = { clientId: TENANT, tenant: 'organizations', cloud: 'Global' };
function makeServices(handlers: Record<string, Handler>, cache: Record<string, unknown> = {}, settings: unknown = CONFIGURED) {
  const store = new Map(Object.entries(cache));
  const ui = fakeUiServices(handlers);
  const kv: KeyValueStore = {
    get: async <T,>(k: string) => store.get(k) as T | undefined,
    set: async (k, v) => void store.set(k, v),
  };
  const services: PopupServices = {
    ...ui.services,
    cache: kv,
    activeTabId: async () => 7,
    hostAccess: fakeHostAccess(),
    // What storage.local holds: read by the popup itself, never through the worker.
    readSetup: vi.fn(async () => ({ policyCache: undefined, local: settings })),
    saveLocal: vi.fn(async (next: Record<string, string>) => {
      settings = next;
    }),
    requestOrigins: vi.fn(async () => true),
    redirectUrl: 'https://abcdefghijklmnop.chromiumapp.org/',
  };
  return { services, request: ui.request, emit: ui.emit, store };
}

describe('popup', () => {
  it('renders the account and jobs from the cache before the worker answers', async () => {
    const { services, request } = makeServices({}, { [POPUP_CACHE_KEY]: { savedAt: NOW, auth: { ...SIGNED_IN, tenantName: undefined }, jobs: [running, finished] } });
    await mount(<PopupApp services={services} now={() => NOW} />);
    // With the active tab, so the worker can judge whether that page is the signed-in tenant's.
    expect(request).toHaveBeenCalledWith('auth/status', { tabId: 7 });
    expect(page.root.textContent).toContain('Contoso Admin');
    // The tenant by its domain (its name once the worker read it); the id on hover and by Copy, not in the text.
    const tenant = page.root.querySelector('[data-b2b="tenant"]')!;
    expect(tenant.textContent).toBe('contoso.com');
    expect(tenant.getAttribute('title')).toBe(`Tenant ID ${TENANT}`);
    expect(page.root.textContent).not.toContain(TENANT);
    await click(page.root.querySelector('button[aria-label="Copy ID of the tenant"]') as HTMLButtonElement);
    expect(services.copyText).toHaveBeenCalledWith(TENANT);
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

  it('set up, with no cache and a worker that has not answered yet: says it checks the sign-in, no empty sections', async () => {
    const { services } = makeServices({});
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('Checking the sign-in…');
    expect(page.root.textContent).toContain('Checking this page…');
    expect(page.root.querySelector('.skeleton')).toBeNull();
    expect(page.root.textContent).not.toContain('Running job');
    expect(page.root.textContent).not.toContain('Recent jobs');
    expect(page.root.textContent).not.toContain('Set up in two steps');
  });

  it('not set up: two steps painted from storage while the worker is still asleep, then the pasted client id is saved', async () => {
    const { services, request } = makeServices({}, {}, null);
    await mount(<PopupApp services={services} now={() => NOW} />);
    const steps = page.root.querySelector('section.first-run')!;
    expect(steps.querySelector('h2')?.textContent).toBe('Set up in two steps');
    expect([...steps.querySelectorAll('ol.steps > li > h3')].map((h) => h.textContent)).toEqual([
      'Register the app in your tenant',
      'Paste the Application (client) ID',
    ]);
    // 1. Where to register, the redirect URI to add (with Copy), the permissions.
    const link = steps.querySelector('a[href*="RegisteredApps"]') as HTMLAnchorElement;
    expect(link.href).toBe('https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade');
    expect(steps.querySelector('#redirect-uri')?.textContent).toBe('https://abcdefghijklmnop.chromiumapp.org/');
    await click(steps.querySelector('button[aria-label="Copy the This browser redirect URI"]') as HTMLButtonElement);
    expect(services.copyText).toHaveBeenCalledWith('https://abcdefghijklmnop.chromiumapp.org/');
    for (const p of ['User.Read.All', 'RoleManagement.Read.Directory', 'User.Invite.All', 'User.ReadWrite.All']) expect(steps.textContent).toContain(p);
    // Nothing of this needed the worker; no account card, no picker yet.
    expect(request).not.toHaveBeenCalledWith('auth/signIn', expect.anything());
    expect(page.root.textContent).not.toContain('Open the fallback picker');
    // 2. A bad id is refused with the reason and nothing is saved; a good one is saved for the worker to use.
    const input = steps.querySelector('#first-run-client-id') as HTMLInputElement;
    await page.type(input, 'not-a-guid');
    await act(() => void input.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(steps.querySelector('[role="alert"]')?.textContent).toMatch(/GUID/);
    expect(services.saveLocal).not.toHaveBeenCalled();
    await page.type(input, ` ${TENANT.toUpperCase()} `);
    await act(() => void input.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(services.saveLocal).toHaveBeenCalledWith({ clientId: TENANT, tenant: 'organizations', cloud: 'Global' });
    expect(page.root.querySelector('section.first-run')).toBeNull();
    expect(page.root.textContent).toContain('Checking the sign-in…');
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
    // Idle sections are not shown: no "Running job" heading without a running job.
    expect(page.root.textContent).not.toContain('Running job');
    expect(page.root.textContent).not.toContain('Updating…');
    expect(page.root.textContent).toContain('layout of this page was not recognised');
    // Signed out, the picker could not search the directory: it is not offered.
    expect(page.root.textContent).not.toContain('Open the fallback picker');
    expect(page.root.textContent).toContain('Sign in to pick users');
    // The selectors that did not match are diagnostics, collapsed.
    const diagnostics = page.root.querySelector('details.diagnostics') as HTMLDetailsElement;
    expect(diagnostics.open).toBe(false);
    expect(diagnostics.textContent).toContain('Not found: grid');
    expect((store.get(POPUP_CACHE_KEY) as { jobs: JobSummary[] }).jobs.map((j) => j.id)).toEqual(['job-finished']);
  });

  it('offers the fallback picker once signed in, and opens it', async () => {
    const { services } = makeServices({ 'auth/status': () => SIGNED_IN, 'job/list': () => [], 'page/status': () => ({ recognized: null }) });
    await mount(<PopupApp services={services} now={() => NOW} />);
    await click(button('Open the fallback picker'));
    expect(services.openPage).toHaveBeenCalledWith('popup/picker.html');
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
    expect(page.root.textContent).not.toContain('layout v2');
    expect(page.root.querySelector('details.diagnostics')?.textContent).toContain('Layout: v2');
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
    expect(page.root.textContent).not.toContain('Recent jobs');
  });

  it('shows the time of a history row apart from its summary, and opens a large job in its own tab', async () => {
    const big: JobSummary = { ...finished, id: 'job-big', counters: { total: 40, done: 40, failed: 0, blocked: 0, cancelled: 0, remaining: 0 } };
    const { services } = makeServices({ 'auth/status': () => SIGNED_IN, 'job/list': () => [big, finished], 'page/status': () => ({ recognized: null }) });
    await mount(<PopupApp services={services} now={() => NOW} />);
    const rows = [...page.root.querySelectorAll('.history-row')];
    expect(rows.map((r) => r.querySelector('button')!.textContent)).toEqual(['Finished: 40 of 40 users converted', 'Finished with 1 failed: 2 of 3 users converted, 1 failed']);
    expect(rows.map((r) => r.querySelector('time')!.textContent)).toEqual(['2 h ago', '2 h ago']);
    await click(rows[0]!.querySelector('button')!);
    expect(services.openPage).toHaveBeenCalledWith('popup/popup.html?view=tab&job=job-big');
    expect(page.root.textContent).not.toContain('Job details');
    // A few users: the detail opens in the popup.
    await click(rows[1]!.querySelector('button')!);
    expect(page.root.textContent).toContain('Job details');
  });

  it('shows the worker error with Graph code', async () => {
    const { services } = makeServices({
      'auth/status': () => {
        throw new RequestFailed({ code: 'failed', message: 'Insufficient privileges.', graphCode: 'Authorization_RequestDenied', status: 403, requestId: 'r-1' });
      },
    });
    await mount(<PopupApp services={services} now={() => NOW} />);
    expect(page.root.textContent).toContain('Authorization_RequestDenied: Insufficient privileges. (request ID r-1)');
  });
});

const items: JobItemView[] = [
  { userId: 'aaaaaaaa-0000-0000-0000-000000000001', userPrincipalName: 'ada@contoso.com', displayName: 'Ada', email: 'ada@fabrikam.example', state: 'done', externalUserState: 'Accepted', externalUserStateChangeDateTime: '2026-11-27T10:00:00Z', updatedAt: NOW },
  { userId: 'aaaaaaaa-0000-0000-0000-000000000002', userPrincipalName: 'bob@contoso.com', displayName: '=cmd()', email: 'bob@fabrikam.example', state: 'done', externalUserState: 'PendingAcceptance', inviteRedeemUrl: 'https://redeem.example/2', updatedAt: NOW },
  { userId: 'aaaaaaaa-0000-0000-0000-000000000003', userPrincipalName: 'eve@contoso.com', displayName: '<img src=x onerror=alert(1)>', email: 'eve@contoso.com', state: 'failed', errorCode: 'BadRequest', errorMessage: 'Email in a verified domain. Use an address outside the tenant, or set the email to one of the user’s own.', requestId: 'req-9', updatedAt: NOW },
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

  it('lists one stacked row per user: name (full on hover), UPN, badge, the first sentence of the error with the rest disclosed; data stays text', async () => {
    const { services } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="popup" />);
    const rows = page.root.querySelectorAll('ul[aria-label="Users in this job"] > li.item-row');
    expect(rows).toHaveLength(3);
    expect(rows[0]!.querySelector('.item-name')?.getAttribute('title')).toBe('Ada');
    expect(rows[0]!.querySelector('.item-badge')?.textContent).toBe('Converted');
    expect(rows[0]!.textContent).toContain('Invitation: Accepted');
    expect(rows[1]!.textContent).toContain('Invitation: Pending acceptance');
    const error = rows[2]!.querySelector('.item-error')!;
    expect(error.querySelector('p')?.textContent).toBe('BadRequest: Email in a verified domain.');
    const more = error.querySelector('details') as HTMLDetailsElement;
    expect(more.open).toBe(false);
    expect(more.querySelector('summary')?.textContent).toBe('More about the result for <img src=x onerror=alert(1)>');
    expect(more.textContent).toContain('Use an address outside the tenant');
    expect(more.textContent).toContain('Request ID req-9');
    expect(page.root.querySelector('img')).toBeNull();
    expect(rows[2]!.querySelector('.item-name')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(page.root.textContent).toContain('1–3 of 3');
    // One page: no Previous / Next.
    expect(page.root.querySelector('nav[aria-label="Pages"]')).toBeNull();
  });

  it('offers the redeem link only while the invitation is pending', async () => {
    const { services } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    const copies = [...page.root.querySelectorAll('button[aria-label^="Copy link to redeem"]')];
    expect(copies.map((b) => b.getAttribute('aria-label'))).toEqual(['Copy link to redeem the invitation of =cmd()']);
    await click(copies[0] as HTMLButtonElement);
    expect(services.copyText).toHaveBeenCalledWith('https://redeem.example/2');
  });

  it('offers no follow-up without someone to act on: the selection ones once users are ticked, retry only with failures', async () => {
    const clean: JobSummary = { ...finished, counters: { ...finished.counters, done: 3, failed: 0 } };
    const { services } = makeServices(handlers({ 'job/get': () => clean }));
    await mount(<JobDetail services={services} jobId={clean.id} summary={clean} mode="popup" />);
    const labels = () => [...page.root.querySelectorAll('section[aria-label="Actions"] button')].map((b) => b.textContent);
    expect(labels()).toEqual(['Refresh status', 'Export CSV']);
    expect(page.root.querySelectorAll('button:disabled')).toHaveLength(0);
    await act(() => (page.root.querySelector('input[aria-label="Select Ada"]') as HTMLInputElement).click());
    expect(labels()).toEqual(['Refresh status', 'Export CSV', 'Reset redemption (1)', 'Set user type to Guest (1)']);
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
    expect(page.root.querySelectorAll('li.item-row')).toHaveLength(1);
  });

  it('refreshes status; the round trips and ids are diagnostics, collapsed', async () => {
    const { services } = makeServices(handlers({ 'job/refreshStatus': () => ({ roundTrips: 2, items: 3 }) }));
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" />);
    await click(button('Refresh status'));
    expect(page.root.textContent).toContain('Invitation state refreshed for 3 users.');
    const diagnostics = page.root.querySelector('section[aria-label="Job summary"] details.diagnostics') as HTMLDetailsElement;
    expect(diagnostics.open).toBe(false);
    expect([...diagnostics.querySelectorAll('p')].map((p) => p.textContent)).toEqual([
      'Job ID: job-finished',
      `Tenant ID: ${TENANT}`,
      'Last refresh: 2 Graph round trips',
    ]);
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
    await act(() => [...page.root.querySelectorAll('label')].find((l) => l.textContent === 'Select all users on this page')!.querySelector('input')!.click());
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
    expect(text).not.toContain('redeem');
  });

  it('exports the redeem links of pending invitations only when the admin asks for that column', async () => {
    const download = vi.fn();
    const { services } = makeServices(handlers());
    await mount(<JobDetail services={services} jobId={finished.id} summary={finished} mode="tab" download={download} />);
    const box = [...page.root.querySelectorAll('label')].find((l) => l.textContent === 'Include redeem links (pending invitations)')!.querySelector('input')!;
    expect(box.checked).toBe(false);
    await act(() => box.click());
    await click(button('Export CSV'));
    const rows = parseJobCsv((download.mock.calls[0] as [string, string])[1]);
    expect(rows.map((r) => r.inviteRedeemUrl)).toEqual(['', 'https://redeem.example/2', '']);
  });
});
