// @vitest-environment happy-dom
// The content script against a virtualized grid (test/sandbox/portal/fake-grid.ts): the selection kept by object id
// across scrolling, search and refresh; the grid's own checks and header select-all honoured; the control's count,
// "select all N users found" and "clear"; the convert button disabled with its reason.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startContent, type ContentApp } from '../../content/app';
import { CONTROL_TAG } from '../../content/command-bar-control';
import type { AuthStatus, Operation } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import { FakeGrid, fakeUsers, type FakeUser } from '../sandbox/portal/fake-grid';
import { fakeContentServices, type Handlers } from '../support/content-services';
import { installLayoutStub } from '../support/layout-stub';
import { untranslatedText, usePseudoLocale } from '../support/i18n';

const SIGNED_IN: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Admin', tenantId: '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c', objectId: 'a0000000-0000-4000-8000-000000000000' },
  cloud: 'Global',
  configuredTenant: 'contoso.onmicrosoft.com',
  grantedTiers: ['read', 'invite'],
};

let controller: AbortController;
let users: FakeUser[];
let grid: FakeGrid;

function start(handlers: Handlers, opts: { name?: string } = {}) {
  const fake = fakeContentServices({ 'page/report': () => null, ...handlers });
  const app = startContent(
    {
      doc: document,
      role: 'frame',
      services: fake.services,
      href: () => 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true',
      frameName: () => opts.name ?? 'Microsoft_AAD_UsersAndTenants.UsersList.ReactView_1',
      requireTrusted: false,
      reviewPage: { url: 'chrome-extension://0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d/review/review.html', origin: 'chrome-extension://ggklaglfgknobpkjjlbjjbdohkadcjbf' },
      settleMs: 50,
    },
    controller.signal,
  );
  return { ...fake, app };
}

const shadow = () => document.querySelector(CONTROL_TAG)?.shadowRoot ?? null;
const convertButton = () => shadow()?.querySelector<HTMLButtonElement>('button[data-b2b="convert"]') ?? null;
const countText = () => shadow()?.querySelector('[data-b2b="count"]')?.textContent ?? '';
const settle = () => new Promise((r) => setTimeout(r, 0));

let restoreLayout: () => void;
beforeAll(() => {
  restoreLayout = installLayoutStub();
});
afterAll(() => restoreLayout());

beforeEach(() => {
  document.body.replaceChildren();
  controller = new AbortController();
  users = fakeUsers(240);
});
afterEach(() => controller.abort());

describe('the command-bar control', () => {
  it('is placed in the grid command bar, in a shadow root, disabled until users are selected', async () => {
    grid = new FakeGrid(document, users);
    start({ 'auth/status': () => SIGNED_IN });
    const host = document.querySelector(CONTROL_TAG);
    expect(host?.parentElement).toBe(grid.commandBar);
    expect(host?.shadowRoot).not.toBeNull();
    await vi.waitFor(() => expect(convertButton()?.getAttribute('title')).toBe('Select users in the list first.'));
    const button = convertButton()!;
    expect(button.textContent).toContain('Convert to external users');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const tip = shadow()!.getElementById(button.getAttribute('aria-describedby')!);
    expect(tip?.textContent).toBe('Select users in the list first.');
    expect(tip?.getAttribute('role')).toBe('tooltip');
  });

  it('says nobody is signed in', async () => {
    grid = new FakeGrid(document, users);
    start({ 'auth/status': () => ({ ...SIGNED_IN, signedIn: false, account: undefined }) });
    grid.clickCheck(0);
    await vi.waitFor(() => expect(convertButton()?.getAttribute('title')).toMatch(/^Not signed in/));
    expect(convertButton()?.getAttribute('aria-disabled')).toBe('true');
    expect(shadow()?.querySelector('button[data-b2b="sign-in"]')).not.toBeNull();
  });

  it('says the extension is not ready when the worker does not answer', async () => {
    grid = new FakeGrid(document, users);
    start({
      'auth/status': () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    await vi.waitFor(() => expect(convertButton()?.getAttribute('title')).toMatch(/^The extension is not ready/));
  });

  it('is put back when the portal re-renders the command bar without it', async () => {
    grid = new FakeGrid(document, users);
    start({ 'auth/status': () => SIGNED_IN });
    document.querySelector(CONTROL_TAG)!.remove();
    await vi.waitFor(() => expect(grid.commandBar.querySelector(CONTROL_TAG)).not.toBeNull(), { timeout: 2000 });
  });

  it('goes away with the grid, and a new one comes with the next grid', async () => {
    grid = new FakeGrid(document, users);
    start({ 'auth/status': () => SIGNED_IN });
    document.body.replaceChildren();
    await vi.waitFor(() => expect(document.querySelector(CONTROL_TAG)).toBeNull(), { timeout: 2000 });
    grid = new FakeGrid(document, users);
    await vi.waitFor(() => expect(grid.commandBar.querySelector(CONTROL_TAG)).not.toBeNull(), { timeout: 2000 });
  });
});

describe('selection kept by object id', () => {
  let app: ContentApp;
  let calls: Array<{ op: Operation; payload: unknown }>;

  beforeEach(() => {
    grid = new FakeGrid(document, users);
    ({ app, calls } = start({
      'auth/status': () => SIGNED_IN,
      'users/allFound': ({ search }: { search: string }) => ({
        ids: users.filter((u) => [u.displayName, u.userPrincipalName, u.mail ?? ''].some((v) => v.toLowerCase().startsWith(search.toLowerCase()))).map((u) => u.id),
      }),
    }));
  });

  it('follows the grid checks across a virtualized scroll, a search and a refresh', async () => {
    grid.clickCheck(0);
    grid.clickCheck(2);
    await settle();
    expect(app.store.ids()).toEqual([users[0]!.id, users[2]!.id]);

    grid.render(90); // scrolled: rows 0..29 thrown away, 90..119 created
    await settle();
    grid.clickCheck(101);
    await settle();
    expect(app.store.size).toBe(3);

    grid.render(0); // scrolled back: the grid's own model still has rows 0 and 2 checked
    await settle();
    expect(grid.checkElement(0)?.getAttribute('aria-checked')).toBe('true');
    grid.clickCheck(2); // the admin unchecks one
    await settle();
    expect(app.store.ids()).toEqual([users[0]!.id, users[101]!.id]);

    grid.search('user2'); // the grid forgets its selection; the store does not
    await settle();
    expect(grid.selected.size).toBe(0);
    expect(app.store.size).toBe(2);
    grid.clickCheck(5);
    await settle();
    expect(app.store.has(users[205]!.id)).toBe(true);

    grid.refresh();
    await settle();
    expect(app.store.ids().sort()).toEqual([users[0]!.id, users[101]!.id, users[205]!.id].sort());
    await vi.waitFor(() => expect(countText()).toBe('3 selected'));
    expect(convertButton()?.getAttribute('aria-disabled')).toBeNull();
    expect(calls.some((c) => c.op === 'users/allFound')).toBe(false);
  });

  it('header select-all selects every user found (rows never rendered come from the worker) and deselects them again', async () => {
    grid.search('user1'); // 100 found, 30 rendered
    await settle();
    grid.clickHeader();
    await vi.waitFor(() => expect(app.store.size).toBe(100));
    expect(calls.filter((c) => c.op === 'users/allFound')).toEqual([{ op: 'users/allFound', payload: { search: 'user1' } }]);
    grid.clickHeader();
    await vi.waitFor(() => expect(app.store.size).toBe(0));
  });

  it('checking the last unchecked row (which flips the header) is not "select all found"; unchecking one row is not "deselect all"', async () => {
    grid.search('user00'); // 10 found, all rendered
    await settle();
    for (let i = 0; i < 10; i += 1) grid.clickCheck(i);
    await settle();
    expect(grid.headerCheck.getAttribute('aria-checked')).toBe('true');
    expect(app.store.size).toBe(10);
    grid.clickCheck(3);
    await settle();
    expect(app.store.size).toBe(9);
    expect(calls.some((c) => c.op === 'users/allFound')).toBe(false);
  });

  it('"Select all N users found" and "Clear" in our control', async () => {
    grid.search('user1');
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-b2b="select-all-found"]')?.textContent).toBe('Select all 100 users found'));
    shadow()!.querySelector<HTMLButtonElement>('[data-b2b="select-all-found"]')!.click();
    await vi.waitFor(() => expect(countText()).toBe('100 selected'));
    grid.clickCheck(0); // checks user100 in the grid too
    await settle();
    shadow()!.querySelector<HTMLButtonElement>('[data-b2b="clear"]')!.click();
    await vi.waitFor(() => expect(countText()).toBe('0 selected'));
    grid.render(0); // the grid still shows user100 checked: it must not come back
    await settle();
    expect(app.store.size).toBe(0);
  });

  it('one user found: "Select all 1 user found" (the plural follows the count)', async () => {
    grid.search(users[7]!.userPrincipalName);
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-b2b="select-all-found"]')?.textContent).toBe('Select all 1 user found'));
  });

  it('says the count once: "Show selected (N)" lists who is selected, and a user can be taken out there', async () => {
    expect(shadow()?.querySelector('[data-b2b="show-selected"]')).toBeNull(); // nothing selected: nothing to show
    grid.clickCheck(0);
    grid.clickCheck(1);
    await settle();
    const show = () => shadow()!.querySelector<HTMLButtonElement>('[data-b2b="show-selected"]')!;
    await vi.waitFor(() => expect(show().textContent).toBe('Show selected (2)'));
    // The number is on screen once: not also in the Convert button or a visible "2 selected".
    const visible = Array.from(shadow()!.querySelectorAll('*')).filter((el) => !el.closest('.sr-only') && !el.closest('[data-b2b="selected-list"]'));
    const ownText = visible.map((el) => [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('')).join('|');
    expect(ownText.match(/\b2\b/g)).toEqual(['2']);
    expect(countText()).toBe('2 selected'); // what screen readers hear as it changes
    const list = () => shadow()!.querySelector<HTMLElement>('[data-b2b="selected-list"]')!;
    expect(show().getAttribute('aria-expanded')).toBe('false');
    // Closed, the list holds no rows (the control re-renders on every change of a selection of thousands).
    expect(list().querySelectorAll('li')).toHaveLength(0);
    show().click();
    await vi.waitFor(() => expect(show().getAttribute('aria-expanded')).toBe('true'));
    expect(list().hidden).toBe(false);
    expect(show().getAttribute('aria-controls')).toBe(list().id);
    expect(list().querySelector('h2')?.textContent).toBe('Selected users');
    const items = Array.from(list().querySelectorAll('li'));
    expect(items.map((li) => li.getAttribute('data-user-id'))).toEqual([users[0]!.id, users[1]!.id]);
    expect(items[0]!.textContent).toContain(users[0]!.displayName);
    expect(items[0]!.textContent).toContain(users[0]!.userPrincipalName);
    const remove = items[1]!.querySelector<HTMLButtonElement>('[data-b2b="deselect"]')!;
    expect(remove.getAttribute('aria-label')).toBe(`Remove ${users[1]!.displayName} from the selection`);
    remove.click();
    await vi.waitFor(() => expect(show().textContent).toBe('Show selected (1)'));
    expect(app.store.ids()).toEqual([users[0]!.id]);
    // Esc closes the list and gives the focus back to its button.
    list().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(show().getAttribute('aria-expanded')).toBe('false'));
    expect(shadow()!.activeElement).toBe(show());
  });

  it('users selected for a job result (not rendered in the grid) are listed by the names the review gave', async () => {
    app.store.replaceWith([{ id: users[200]!.id, displayName: 'Far Away', userPrincipalName: 'far.away@contoso.com' }]);
    const show = () => shadow()!.querySelector<HTMLButtonElement>('[data-b2b="show-selected"]')!;
    await vi.waitFor(() => expect(show().textContent).toBe('Show selected (1)'));
    show().click();
    await vi.waitFor(() => expect(shadow()!.querySelector('[data-b2b="selected-list"] li')?.textContent).toContain('far.away@contoso.com'));
    expect(shadow()!.querySelector('[data-b2b="selected-list"] h2')?.textContent).toBe('Selected user');
  });

  it('every word of the control comes from the catalogue (issue 12), the list of selected users open', async () => {
    usePseudoLocale();
    controller.abort();
    document.body.replaceChildren();
    controller = new AbortController();
    grid = new FakeGrid(document, users);
    start({ 'auth/status': () => ({ ...SIGNED_IN, sessionEnded: true }) });
    grid.clickCheck(0);
    grid.clickCheck(1);
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-b2b="show-selected"]')).not.toBeNull());
    shadow()!.querySelector<HTMLButtonElement>('[data-b2b="show-selected"]')!.click();
    await vi.waitFor(() => expect(shadow()!.querySelector('[data-b2b="selected-list"] li')).not.toBeNull());
    await vi.waitFor(() => expect(shadow()!.querySelector('[data-b2b="session-ended"]')).not.toBeNull());
    const data = [...users.slice(0, 2).flatMap((u) => [u.displayName, u.userPrincipalName]), 'admin@contoso.com'];
    expect(untranslatedText(shadow()!.querySelector('.b2b-root')!, data)).toEqual([]);
  });

  it('all found rendered: nothing is asked of the worker', async () => {
    grid.search('user00');
    await vi.waitFor(() => expect(shadow()?.querySelector('[data-b2b="select-all-found"]')).not.toBeNull());
    await app.bulk.selectAllFound();
    expect(app.store.size).toBe(10);
    expect(calls.some((c) => c.op === 'users/allFound')).toBe(false);
  });

  it('a failing select-all-found says so and keeps the rendered rows', async () => {
    controller.abort();
    document.body.replaceChildren();
    controller = new AbortController();
    grid = new FakeGrid(document, users);
    const started = start({
      'auth/status': () => SIGNED_IN,
      'users/allFound': () => {
        throw new RequestFailed({ code: 'failed', message: 'Too many requests.', graphCode: 'TooManyRequests', status: 429 });
      },
    });
    await started.app.bulk.selectAllFound();
    expect(started.app.store.size).toBe(30);
    expect(started.app.bulk.status.value).toMatchObject({ error: true });
    expect(started.app.bulk.status.value.message).toContain('TooManyRequests');
  });
});

describe('recognition and report', () => {
  it('reports a recognised grid', async () => {
    grid = new FakeGrid(document, users, 'table');
    const { calls } = start({ 'auth/status': () => SIGNED_IN });
    await vi.waitFor(() => expect(calls.find((c) => c.op === 'page/report')?.payload).toEqual({ recognized: true, layout: 'details-list/table' }));
  });

  it('a grid whose attributes changed gets no control and is reported as not recognised, with what is missing', async () => {
    grid = new FakeGrid(document, users);
    for (const el of Array.from(document.querySelectorAll('[data-automationid]'))) {
      el.setAttribute('data-automation-id', el.getAttribute('data-automationid')!);
      el.removeAttribute('data-automationid');
    }
    const { calls } = start({ 'auth/status': () => SIGNED_IN });
    await vi.waitFor(() => expect(calls.some((c) => c.op === 'page/report')).toBe(true), { timeout: 2000 });
    expect(document.querySelector(CONTROL_TAG)).toBeNull();
    const report = calls.find((c) => c.op === 'page/report')!.payload as { recognized: boolean; missing: string[] };
    expect(report.recognized).toBe(false);
    expect(report.missing.map((m) => m.split(':')[0])).toEqual(['row', 'rowCheck', 'upnCell', 'rowLink']);
  });

  it('the All users frame showing a profile view (same frame, same name) is not reported as unrecognised', async () => {
    const h2 = document.createElement('h2');
    h2.textContent = 'Ada Fischer';
    document.body.append(h2);
    const { calls } = start({ 'auth/status': () => SIGNED_IN });
    await new Promise((r) => setTimeout(r, 150));
    expect(calls.some((c) => c.op === 'page/report')).toBe(false);
  });

  it('an unrelated view in another frame is neither decorated nor reported', async () => {
    const p = document.createElement('p');
    p.textContent = 'Overview';
    document.body.append(p);
    const { calls } = start({ 'auth/status': () => SIGNED_IN }, { name: 'Microsoft_AAD_IAM.Overview.ReactView_2' });
    await new Promise((r) => setTimeout(r, 150));
    expect(calls.some((c) => c.op === 'page/report')).toBe(false);
    expect(document.querySelector(CONTROL_TAG)).toBeNull();
  });
});
