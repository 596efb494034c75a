// @vitest-environment happy-dom
// Only the live All users list counts (content/live-list.ts, content/grid-selection.ts), against pages that keep
// other lists alive (test/sandbox/portal/fake-grid.ts mounted in panels): a hidden list with selected rows and its
// own header select-all changes nothing, whichever way it is hidden; two lists shown at once attach to neither; a
// tab switch away and back keeps the selection; recycled row elements never mis-attribute an id; selection state
// shown on the row (not the check) is read; nothing but the admin's gestures, the header select-all and the rows
// checked at attach adds an id.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startContent, type ContentApp } from '../../content/app';
import { CONTROL_TAG } from '../../content/command-bar-control';
import type { AuthStatus, Operation } from '../../src/messages';
import { FakeGrid, fakeUsers, type FakeUser } from '../sandbox/portal/fake-grid';
import { fakeContentServices } from '../support/content-services';
import { installLayoutStub } from '../support/layout-stub';

const SIGNED_IN: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Admin', tenantId: '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c', objectId: 'a0000000-0000-4000-8000-000000000000' },
  cloud: 'Global',
  configuredTenant: 'contoso.onmicrosoft.com',
  grantedTiers: ['read', 'invite'],
};

let controller: AbortController;
let restoreLayout: () => void;
const users = fakeUsers(240);
/** Another list's users (a Deleted users tab, an earlier blade): ids that must never reach the selection. */
const others = fakeUsers(60, 'deleted').map((u) => ({ ...u, id: u.id.replace(/^0000/, 'dddd') }));

beforeAll(() => {
  restoreLayout = installLayoutStub();
});
afterAll(() => restoreLayout());
beforeEach(() => {
  document.body.replaceChildren();
  controller = new AbortController();
});
afterEach(() => controller.abort());

function panel(attrs: Record<string, string> = {}): HTMLElement {
  const el = document.createElement('div');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

function start() {
  const fake = fakeContentServices({
    'page/report': () => null,
    'auth/status': () => SIGNED_IN,
    'users/allFound': ({ search }: { search: string }) => ({
      ids: users.filter((u) => [u.displayName, u.userPrincipalName, u.mail ?? ''].some((v) => v.toLowerCase().startsWith(search.toLowerCase()))).map((u) => u.id),
    }),
  });
  const app = startContent(
    {
      doc: document,
      role: 'frame',
      services: fake.services,
      href: () => 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true',
      frameName: () => 'Microsoft_AAD_UsersAndTenants.UsersList.ReactView_1',
      reviewPage: { url: 'chrome-extension://ggklaglfgknobpkjjlbjjbdohkadcjbf/review/review.html', origin: 'chrome-extension://ggklaglfgknobpkjjlbjjbdohkadcjbf' },
      requireTrusted: false,
      settleMs: 50,
    },
    controller.signal,
  );
  return { ...fake, app };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const controlIn = (grid: FakeGrid) => grid.commandBar.querySelector(CONTROL_TAG);
const countText = () => document.querySelector(CONTROL_TAG)?.shadowRoot?.querySelector('[data-b2b="count"]')?.textContent ?? '';
const ids = (app: ContentApp) => app.store.ids().sort();
const idsOf = (list: FakeUser[]) => list.map((u) => u.id.toLowerCase()).sort();
const reports = (calls: Array<{ op: Operation; payload: unknown }>) => calls.filter((c) => c.op === 'page/report').map((c) => c.payload);

const HIDING: Array<[string, Record<string, string>]> = [
  ['the hidden attribute', { hidden: '' }],
  ['aria-hidden="true"', { 'aria-hidden': 'true' }],
  ['inert', { inert: '' }],
  ['display:none', { style: 'display:none' }],
  ['zero size (a collapsed panel)', { style: 'height:0;overflow:hidden' }],
  ['parked off-screen', { style: 'position:absolute;left:-5000px' }],
];

describe('a hidden list contributes nothing, whatever its checks say', () => {
  it.each(HIDING)('hidden by %s: its pre-selected rows, row checks and header select-all add nothing', async (_how, attrs) => {
    const live = new FakeGrid(document, users, 'grid', { mount: panel() });
    const hidden = new FakeGrid(document, others, 'grid', { mount: panel(attrs) });
    hidden.preselect(others.slice(0, 5).map((u) => u.id));
    const { app, calls } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    expect(controlIn(hidden)).toBeNull();
    expect(app.store.size).toBe(0);

    hidden.clickHeader();
    hidden.clickCheck(7);
    await settle();
    expect(app.store.size).toBe(0);
    expect(calls.some((c) => c.op === 'users/allFound')).toBe(false);

    live.clickCheck(1);
    await settle();
    expect(ids(app)).toEqual(idsOf([users[1]!]));
    await vi.waitFor(() => expect(countText()).toBe('1 selected'));
  });

  it('rows the live list shows checked when the script attaches count; the hidden list\'s do not', async () => {
    const live = new FakeGrid(document, users, 'table', { mount: panel() });
    live.preselect([users[2]!.id, users[4]!.id]);
    const hidden = new FakeGrid(document, others, 'grid', { mount: panel({ hidden: '' }) });
    hidden.preselect(others.slice(0, 3).map((u) => u.id));
    const { app } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    expect(ids(app)).toEqual(idsOf([users[2]!, users[4]!]));
  });

  it('header select-all of the live list selects exactly the users found by its search, with a hidden selected list on the page', async () => {
    const live = new FakeGrid(document, users, 'grid', { mount: panel() });
    const hidden = new FakeGrid(document, others, 'grid', { mount: panel({ 'aria-hidden': 'true' }) });
    hidden.preselect(others.slice(0, 3).map((u) => u.id));
    const { app, calls } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    live.search('user1'); // 100 found, 30 rendered
    await settle();
    live.clickHeader();
    await vi.waitFor(() => expect(app.store.size).toBe(100));
    expect(ids(app)).toEqual(idsOf(users.filter((u) => u.userPrincipalName.startsWith('user1'))));
    expect(calls.filter((c) => c.op === 'users/allFound').map((c) => c.payload)).toEqual([{ search: 'user1' }]);
    await vi.waitFor(() => expect(countText()).toBe('100 selected'));
  });
});

describe('which list is live', () => {
  it('two lists shown at once: attaches to neither and reports why', async () => {
    const a = new FakeGrid(document, users, 'grid', { mount: panel() });
    const b = new FakeGrid(document, others, 'grid', { mount: panel() });
    const { app, calls } = start();
    await vi.waitFor(() => expect(reports(calls)).toContainEqual(expect.objectContaining({ recognized: false, layout: 'ambiguous' })), { timeout: 2000 });
    expect(controlIn(a)).toBeNull();
    expect(controlIn(b)).toBeNull();
    a.clickCheck(0);
    b.clickCheck(0);
    await settle();
    expect(app.store.size).toBe(0);
  });

  it('switching to another tab and back keeps the selection; the other tab\'s list adds nothing', async () => {
    const allTab = panel({ role: 'tabpanel' });
    const deletedTab = panel({ role: 'tabpanel', hidden: '' });
    const live = new FakeGrid(document, users, 'grid', { mount: allTab });
    const deleted = new FakeGrid(document, others, 'grid', { mount: deletedTab });
    deleted.preselect([others[0]!.id]);
    const { app, calls } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    live.clickCheck(3);
    live.clickCheck(5);
    await settle();
    expect(ids(app)).toEqual(idsOf([users[3]!, users[5]!]));

    allTab.setAttribute('hidden', '');
    deletedTab.removeAttribute('hidden');
    await vi.waitFor(() => expect(controlIn(live)).toBeNull(), { timeout: 2000 });
    expect(controlIn(deleted)).toBeNull();
    await vi.waitFor(() => expect(reports(calls)).toContainEqual(expect.objectContaining({ recognized: false, layout: 'other-list' })), { timeout: 2000 });
    deleted.clickCheck(2);
    deleted.clickHeader();
    await settle();
    expect(ids(app)).toEqual(idsOf([users[3]!, users[5]!]));

    deletedTab.setAttribute('hidden', '');
    allTab.removeAttribute('hidden');
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull(), { timeout: 2000 });
    expect(ids(app)).toEqual(idsOf([users[3]!, users[5]!]));
    await vi.waitFor(() => expect(countText()).toBe('2 selected'));
    expect(reports(calls).at(-1)).toEqual({ recognized: true, layout: 'details-list/grid' });
  });

  it('a list that replaces the attached one (the view re-rendered) becomes the live one', async () => {
    new FakeGrid(document, users, 'grid', { mount: panel() });
    const { app } = start();
    await vi.waitFor(() => expect(document.querySelector(CONTROL_TAG)).not.toBeNull());
    document.body.replaceChildren();
    const next = new FakeGrid(document, users, 'grid', { mount: panel() });
    await vi.waitFor(() => expect(controlIn(next)).not.toBeNull(), { timeout: 2000 });
    next.clickCheck(9);
    await settle();
    expect(ids(app)).toEqual(idsOf([users[9]!]));
  });
});

describe('recycled rows and selection shown on the row', () => {
  it('select, scroll, search, select again: the ids are the users the admin clicked', async () => {
    const live = new FakeGrid(document, users, 'grid', { recycle: true, stateOn: 'row' });
    const { app } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    const rowElement = live.rowElement(3);
    live.clickCheck(3);
    await settle();
    expect(ids(app)).toEqual(idsOf([users[3]!]));

    live.render(60); // within the gesture window: the same elements now show users 60..89
    await settle();
    expect(live.rowElement(63)).toBe(rowElement);
    expect(ids(app)).toEqual(idsOf([users[3]!]));
    live.clickCheck(65);
    await settle();
    live.search('user2'); // recycled again, the grid forgets its selection
    await settle();
    live.clickCheck(1);
    await settle();
    expect(ids(app)).toEqual(idsOf([users[3]!, users[65]!, users[201]!]));

    live.clickCheck(1); // deselect, read from the row's aria-selected / is-selected
    await settle();
    expect(ids(app)).toEqual(idsOf([users[3]!, users[65]!]));
  });

  it('a click, then the grid resetting its selection right after (a search applied after its debounce): still selected', async () => {
    const live = new FakeGrid(document, users, 'grid', { recycle: true, stateOn: 'row' });
    const { app } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    live.search('user042'); // typed first…
    await settle();
    live.clickCheck(0);
    await settle();
    live.search('user042'); // …applied again once the debounce ran: the same row element, selection reset
    await settle();
    expect(live.rowElement(0)?.getAttribute('aria-selected')).toBe('false');
    expect(ids(app)).toEqual(idsOf([users[42]!]));
  });

  it('rows the grid marks selected without a gesture of the admin (after the script attached) add nothing', async () => {
    const live = new FakeGrid(document, users, 'grid', { recycle: true, stateOn: 'row' });
    const { app } = start();
    await vi.waitFor(() => expect(controlIn(live)).not.toBeNull());
    live.preselect([users[0]!.id, users[1]!.id]); // a page script, or the grid restoring state on its own
    live.render(0);
    await settle();
    expect(app.store.size).toBe(0);
  });
});
