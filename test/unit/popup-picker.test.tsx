// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus, BroadcastEvent, JobSummary, PreflightResult, PreflightUser, UserSummary } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import type { UiServices } from '../../popup/lib/platform';
import type { GraphUser } from '../../src/users';
import { graphUser, preflightUser } from '../support/graph-user';
import { PickerApp } from '../../popup/ui/PickerApp';
import { preactPage } from '../support/preact-page';

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

function setup(extra: Record<string, (p: never) => unknown> = {}) {
  const listeners = new Set<(e: BroadcastEvent) => void>();
  const handlers: Record<string, (p: never) => unknown> = {
    'auth/status': () => AUTH,
    'users/resolve': () => ({ found: [summary(1), summary(2), summary(3), summary(4)], notFound: ['ghost@contoso.com'] }),
    'users/preflight': () => PREFLIGHT,
    'job/submit': () => ({ jobId: 'job-new001' }),
    'job/get': () => ({ id: 'job-new001', createdAt: 0, tenantId: TENANT, ranBy: 'admin@contoso.com', state: 'running', counters: { total: 2, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 2 } }),
    ...extra,
  };
  const request = vi.fn(async (op: string, payload: unknown) => {
    const h = handlers[op];
    if (!h) throw new Error(`unexpected ${op}`);
    return h(payload as never);
  });
  const services: UiServices = {
    request: request as unknown as UiServices['request'],
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    openPage: vi.fn(),
    copyText: vi.fn(async () => undefined),
  };
  return { services, request, emit: (e: BroadcastEvent) => act(() => listeners.forEach((l) => l(e))) };
}

const mount = (services: UiServices) => page.mount(<PickerApp services={services} now={() => 1000} />);

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

  it('reviews, requires a fix or exclusion, two confirmations for a privileged user, then submits exactly the eligible users', async () => {
    const { services, request, emit } = setup();
    await pasteAndReview(services);
    await click(button('Review 4 users'));
    expect(request).toHaveBeenCalledWith('users/preflight', { userIds: [id(1), id(2), id(3), id(4)] });
    expect(page.root.textContent).toContain('already a B2B collaboration user');
    expect(page.root.textContent).toContain('Global Administrator');
    expect(page.root.textContent).toContain('tenant Contoso (11111111-2222-3333-4444-555555555555)');
    // User 4 has no address: left out, without holding up the others, until one is typed.
    const include4 = page.root.querySelector(`input[aria-label="Convert User 4"]`) as HTMLInputElement;
    expect(include4.checked).toBe(false);
    expect(include4.disabled).toBe(false);
    expect(button('Convert 1 user').disabled).toBe(false);
    expect(page.root.textContent).toContain('No external email address was found');
    // Typing an address includes the user; converting waits until it is a usable one.
    const email4 = page.root.querySelector(`#r-${id(4)}-email`) as HTMLInputElement;
    await type(email4, 'user4@contoso.com');
    expect(include4.checked).toBe(true);
    expect(page.root.querySelector(`#r-${id(4)}-email-err`)?.textContent).toMatch(/verified domain/);
    expect(button('Convert 1 user').disabled).toBe(true);
    expect(page.root.textContent).toContain('Fix the email address of 1 user (or exclude them) first.');
    await type(email4, 'user4@fabrikam.example');
    expect(page.root.querySelector(`#r-${id(4)}-email-err`)?.textContent).toBe('');
    expect(button('Convert 2 users').disabled).toBe(false);
    // The address is not on the user object: adding it to the other emails first is the admin's choice (a write).
    expect(page.root.textContent).not.toContain('This job needs write permission');
    await click([...page.root.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Add it to the user’s other emails first'))!.querySelector('input')!);
    expect(page.root.textContent).toContain('1 will get the address added to their other emails first.');
    expect(page.root.textContent).toContain('This job needs write permission');

    // Privileged: the first confirmation alone does not include the user.
    const first = [...page.root.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Convert User 3 anyway'))!.querySelector('input')!;
    await click(first);
    expect(page.root.textContent).toContain('Convert 2 users');
    const second = [...page.root.querySelectorAll('label')].find((l) => l.textContent?.startsWith('I confirm again'))!.querySelector('input')!;
    await click(second);
    expect(button('Convert 3 users')).toBeTruthy();

    // Options: email off by default; the redirect defaults to My Apps.
    expect((page.root.querySelector('#opt-redirect') as HTMLInputElement).value).toBe(PREFLIGHT.defaultRedirectUrl);
    await click(button('Convert 3 users'));
    const submit = request.mock.calls.find((c) => c[0] === 'job/submit')![1] as { items: Array<{ userId: string; email: string; addToOtherMails: boolean; privilegedOverride: boolean }>; options: unknown; expectedTenantId: string };
    expect(submit.expectedTenantId).toBe(TENANT);
    expect(submit.items.map((i) => [i.userId, i.email, i.addToOtherMails, i.privilegedOverride])).toEqual([
      [id(1), 'user1@fabrikam.example', false, false],
      [id(3), 'user3@fabrikam.example', false, true],
      [id(4), 'user4@fabrikam.example', true, false],
    ]);
    expect(submit.options).toEqual({ sendInvitationMessage: false, inviteRedirectUrl: PREFLIGHT.defaultRedirectUrl, setUserTypeGuest: false });

    // Live progress.
    expect(page.root.textContent).toContain('Progress');
    await emit({
      event: 'job/progress',
      jobId: 'job-new001',
      summary: { id: 'job-new001', createdAt: 0, tenantId: TENANT, ranBy: 'a', state: 'running', counters: { total: 3, done: 2, failed: 0, blocked: 0, cancelled: 0, remaining: 1 } } satisfies JobSummary,
    });
    expect(page.root.querySelector('[role="progressbar"]')?.getAttribute('aria-valuetext')).toBe('2 of 3 processed: 2 done, 0 failed, 1 remaining');
    await click(button('Open job details'));
    expect(services.openPage).toHaveBeenCalledWith('popup/popup.html?view=tab&job=job-new001');
  });

  it('offers a retry when the pre-flight fails, and nothing is submitted', async () => {
    const { services, request } = setup({
      'users/preflight': () => {
        throw new RequestFailed({ code: 'failed', message: 'Service unavailable.', graphCode: 'ServiceUnavailable', status: 503 });
      },
    });
    await pasteAndReview(services);
    await click(button('Review 4 users'));
    expect(page.root.textContent).toContain('The pre-flight check failed; nothing was converted. ServiceUnavailable: Service unavailable.');
    expect(button('Review 4 users').disabled).toBe(false);
    expect(request.mock.calls.some((c) => c[0] === 'job/submit')).toBe(false);
  });

  it('offers signing in with the needed tier when the submit lacks consent', async () => {
    let granted = false;
    const { services, request } = setup({
      'job/submit': () => {
        if (!granted) throw new RequestFailed({ code: 'failed', message: 'This action needs more permissions (write).', graphCode: 'consent-required' });
        return { jobId: 'job-new001' };
      },
      'auth/signIn': () => {
        granted = true;
        return AUTH;
      },
    });
    await pasteAndReview(services);
    await click(button('Review 4 users'));
    await type(page.root.querySelector(`#r-${id(4)}-email`) as HTMLInputElement, 'user4@fabrikam.example');
    await click([...page.root.querySelectorAll('label')].find((l) => l.textContent?.startsWith('Add it to the user’s other emails first'))!.querySelector('input')!);
    await click(button('Convert 2 users'));
    expect(page.root.textContent).toContain('Nothing was converted: consent-required');
    await click(button('Sign in with write permission and convert'));
    expect(request).toHaveBeenCalledWith('auth/signIn', { tier: 'write' });
    expect(page.root.textContent).toContain('Progress');
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
