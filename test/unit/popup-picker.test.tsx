// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus, PreflightResult, PreflightUser, UserSummary } from '../../src/messages';
import type { UiServices } from '../../popup/lib/platform';
import type { GraphUser } from '../../src/users';
import { graphUser, preflightUser } from '../support/graph-user';
import { PickerApp } from '../../popup/ui/PickerApp';
import { preactPage } from '../support/preact-page';
import { fakeUiServices, type Handler } from '../support/ui-services';
import { REVIEW_TAG } from '../../review/ui/mount-review';

const TENANT = '11111111-2222-3333-4444-555555555555';
const id = (n: number) => `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
const summary = (n: number): UserSummary => ({ id: id(n), displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@fabrikam.example` });
const graph = (n: number, o: Partial<GraphUser> = {}): GraphUser =>
  graphUser(id(n), { displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@fabrikam.example`, ...o });
const pre = (n: number, o: Partial<PreflightUser> = {}, g: Partial<GraphUser> = {}): PreflightUser =>
  preflightUser(graph(n, g), `user${n}@fabrikam.example`, o);
const AUTH: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Admin', tenantId: TENANT, objectId: id(999) },
  cloud: 'Global',
  configuredTenant: 'organizations',
  grantedTiers: ['read', 'invite'],
};
const PREFLIGHT: PreflightResult = {
  tenantId: TENANT,
  tenantName: 'Contoso',
  signedInUserId: id(999),
  verifiedDomains: ['contoso.com'],
  defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
  users: [
    pre(1),
    pre(2, { eligibility: 'blocked' }, { externalUserState: 'PendingAcceptance' }),
    pre(3, { eligibility: 'blocked', roles: ['62e90394-69f5-4237-9190-012177145e10'] }),
    pre(4, { proposedEmail: '', eligibility: 'blocked' }, { mail: null }),
  ],
  missing: [],
};

const page = preactPage(6);
const { flush, button, click, type } = page;

function setup(extra: Record<string, Handler> = {}) {
  const handlers: Record<string, Handler> = {
    'auth/status': () => AUTH,
    'users/resolve': () => ({ found: [summary(1), summary(2), summary(3), summary(4)], notFound: ['ghost@contoso.com'] }),
    'users/preflight': () => PREFLIGHT,
    'job/submit': () => ({ jobId: 'job-new001' }),
    'job/get': () => ({ id: 'job-new001', createdAt: 0, tenantId: TENANT, ranBy: 'admin@contoso.com', state: 'running', counters: { total: 2, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 2 } }),
    ...extra,
  };
  return fakeUiServices(handlers, { unhandled: 'throws' });
}

// The picker is an extension page at the top of its tab: the gate needs it shown and focused (happy-dom: both).
const mount = (services: UiServices) => page.mount(<PickerApp services={services} reviewOptions={{ requireTrusted: false }} />);

async function pasteAndReview(services: UiServices) {
  await mount(services);
  await type(page.root.querySelector('#paste') as HTMLTextAreaElement, `user1@contoso.com, user2@contoso.com; ${id(3)}\nuser4@contoso.com\nghost@contoso.com\nnot an id`);
  await act(() => {
    page.root.querySelector('#paste')!.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await flush();
}

describe('fallback picker', () => {
  it('resolves a pasted list and shows the not-found and unrecognised entries', async () => {
    const { services, request } = setup();
    await pasteAndReview(services);
    expect(request).toHaveBeenCalledWith('users/resolve', {
      identifiers: ['user1@contoso.com', 'user2@contoso.com', id(3), 'user4@contoso.com', 'ghost@contoso.com'],
    });
    const alert = page.root.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('Not found in the directory (1)');
    expect(alert.textContent).toContain('ghost@contoso.com');
    expect(alert.textContent).toContain('not an id');
    expect(page.root.textContent).toContain('Selected users (4)');
  });

  it('reviews in the same review dialog as the admin center: the picked ids, read through the pre-flight, confirmed there', async () => {
    const { services, request } = setup();
    await pasteAndReview(services);
    expect(document.querySelector(REVIEW_TAG)).toBeNull();
    await click(button('Review 4 users'));
    await act(() => new Promise((r) => setTimeout(r, 30)));
    const host = document.querySelector(REVIEW_TAG);
    const root = host!.shadowRoot!;
    await vi.waitFor(() => expect(root.querySelector('[data-b2b="review-list"]')).not.toBeNull());
    expect(request).toHaveBeenCalledWith('users/preflight', { userIds: [id(1), id(2), id(3), id(4)] });
    expect(root.querySelector('[role="dialog"]')?.getAttribute('aria-labelledby')).toBe('b2b-review-title');
    expect(root.querySelector('#b2b-review-title')?.textContent).toBe('Convert to external users');
    const confirm = root.querySelector<HTMLButtonElement>('button[data-b2b="confirm"]')!;
    await vi.waitFor(() => expect(confirm.disabled).toBe(false), { timeout: 2_000 });
    expect(confirm.textContent).toBe('Convert 1 user');
    await act(() => confirm.click());
    await vi.waitFor(() => expect(request.mock.calls.some((c) => c[0] === 'job/submit')).toBe(true));
    expect((request.mock.calls.find((c) => c[0] === 'job/submit')![1] as { items: Array<{ userId: string }> }).items.map((i) => i.userId)).toEqual([id(1)]);
    await vi.waitFor(() => expect(root.querySelector('[data-b2b="progress"]')).not.toBeNull());
    // Closing the dialog goes back to picking; the converted user has left the selection.
    await act(() => [...root.querySelectorAll<HTMLButtonElement>('footer button')].find((b) => b.textContent === 'Close')!.click());
    expect(document.querySelector(REVIEW_TAG)).toBeNull();
    expect(page.root.textContent).toContain('Selected users (3)');
  });

  it('offers picking only once signed in: signed out, the account card asks for the sign-in and nothing can be searched', async () => {
    const { services } = setup({ 'auth/status': () => ({ ...AUTH, signedIn: false, account: undefined }) });
    await mount(services);
    expect(page.root.querySelector('h1')?.textContent).toBe('Convert users to external users');
    expect(page.root.querySelector('#user-search')).toBeNull();
    expect(page.root.querySelector('#paste')).toBeNull();
    expect(page.root.textContent).toContain('Sign in to pick users');
    expect(button('Sign in')).toBeTruthy();
  });

  it('renders hostile names as text', async () => {
    const { services } = setup({ 'users/search': () => [{ ...summary(1), displayName: '<img src=x onerror=alert(1)>\u202E' }] });
    await mount(services);
    await type(page.root.querySelector('#user-search') as HTMLInputElement, 'img');
    await act(() => new Promise((r) => setTimeout(r, 450)));
    await flush();
    expect(page.root.querySelector('img')).toBeNull();
    expect(page.root.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});
