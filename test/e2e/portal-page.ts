// The All users page of the sandbox admin center, driven the way an admin does: the grid's own checks, its search
// box and header select-all, our command-bar control, and the review dialog (the extension's review page, framed over
// the React-view frame). Shared by the portal*.e2e.ts files.
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ExtensionBrowser } from '../sandbox/browser';
import type { Sandbox } from '../sandbox/index';
import type { SandboxTenant } from '../sandbox/types';
import { t } from '../../src/i18n';

export const ROW = '[data-automationid="DetailsRow"]';
export const CHECK = '[data-automationid="DetailsRowCheck"]';
export const ROW_HEIGHT = 42;

/** Users found message of the replica grid, as the real one words it. */
export const foundText = (n: number) => `${n.toLocaleString('en-US')} user${n === 1 ? '' : 's'} found`;

export interface PortalPage {
  page: Page;
  /** The React-view frame. */
  grid: FrameLocator;
  /** The All users grid in it (the tabs layout keeps other lists beside it): every row, search and scroll is here. */
  list: Locator;
  /** The portal's own "N selected" (tabs layout; empty text when nothing is selected), as a number. */
  portalSelectedCount(): Promise<number>;
  /** Clicks a tab of the tabs layout's pivot ("All users", "Deleted users"). */
  switchTab(name: string): Promise<void>;
  /** The review page (an extension document) in its frame over the grid. */
  review: FrameLocator;
  reviewFrame(): Locator;
  control(): Locator;
  convert(): Locator;
  count(): Locator;
  /** The object id (lower case) of the rendered row with this data-item-index. */
  rowId(index: number): Promise<string>;
  /** Object ids (lower case) of the rows rendered now, by data-item-index. */
  renderedIds(): Promise<Map<number, string>>;
  search(text: string, expectFound?: number): Promise<void>;
  /** Searches the user's UPN, ticks its row with the grid's own check, and waits for the count to say so. */
  selectBySearch(id: string): Promise<void>;
  /** Ticks the rendered row with this index with the grid's own check. */
  checkRow(index: number): Promise<void>;
  scrollTo(index: number): Promise<void>;
  /** Our "Clear" button (when something is selected); waits for "0 selected". */
  clearSelection(): Promise<void>;
  /** Signs in from the control's own "Sign in" button (read tier) unless signed in already; waits for the control to know. */
  signInFromControl(): Promise<void>;
  dialog(): Locator;
  /** Opens the review from the control and waits for the pre-flight's list (or its error). */
  openReview(opts?: { expectError?: boolean }): Promise<void>;
  reviewRow(id: string): Locator;
  reviewIds(): Promise<string[]>;
  confirm(): Locator;
  /** Clicks Convert until the review acts on it (see clickConfirm below). */
  clickConfirm(): Promise<void>;
  /** The number in "Convert N users". */
  confirmCount(): Promise<number>;
  /** Esc, and "Discard changes" when the review asks (after edits). */
  closeReview(): Promise<void>;
  selectedCount(): Promise<number>;
}

export interface PortalLook {
  /** The admin center's own theme (the replica's `?theme=`). */
  theme?: 'light' | 'dark';
  /** The operating system's colour scheme as the browser reports it. */
  osScheme?: 'light' | 'dark';
}

export async function openAllUsers(browser: ExtensionBrowser, sandbox: Sandbox, tenant: SandboxTenant, look: PortalLook = {}): Promise<PortalPage> {
  // The worker reads its settings from storage, as the options page writes them.
  const worker = await browser.worker();
  await worker.evaluate(
    ([clientId, tenantId]) => chrome.storage.local.set({ settings: { clientId, tenant: tenantId, cloud: 'Global' } }),
    [tenant.clientId, tenant.tenantId] as const,
  );
  const page = await browser.context.newPage();
  if (look.osScheme) await page.emulateMedia({ colorScheme: look.osScheme });
  const url = new URL(sandbox.urls.allUsers);
  if (look.theme) url.searchParams.set('theme', look.theme);
  await page.goto(url.toString());
  const grid = page.frameLocator('iframe#reactview');
  const list = grid.locator('[data-replica-list="all-users"]');
  await list.locator(ROW).first().waitFor({ timeout: 30_000 });

  const control = () => grid.locator('b2b-convert-control');
  const convert = () => grid.locator('button[data-b2b="convert"]');
  const count = () => grid.locator('[data-b2b="count"]');
  const upnOf = (id: string) => tenant.users.find((u) => u.id === id)!.userPrincipalName;
  const selectedCount = async () => Number(((await count().textContent()) ?? '').replace(/\D/g, ''));
  const reviewFrame = () => grid.locator('iframe[data-b2b="review-frame"]');
  const review = grid.frameLocator('iframe[data-b2b="review-frame"]');
  const dialog = () => review.locator('[role="dialog"]');
  const confirm = () => review.locator('button[data-b2b="confirm"]');

  const rowId = async (index: number) => {
    const href = await list.locator(`${ROW}[data-item-index="${index}"] a[href*="/userId/"]`).first().getAttribute('href');
    return /userId\/([0-9a-f-]{36})/i.exec(href ?? '')![1]!.toLowerCase();
  };
  const renderedIds = async () => {
    const pairs = await list.locator(ROW).evaluateAll((rows) =>
      rows.map((r) => [Number(r.getAttribute('data-item-index')), /userId\/([0-9a-f-]{36})/i.exec(r.querySelector('a[href*="/userId/"]')?.getAttribute('href') ?? '')?.[1]?.toLowerCase() ?? ''] as const),
    );
    return new Map(pairs);
  };
  const search = async (text: string, expectFound?: number) => {
    await list.locator('input.ms-SearchBox-field').fill(text);
    if (expectFound !== undefined) {
      await expect.poll(() => list.locator('[data-testid="resultMessage"]').textContent()).toBe(foundText(expectFound));
    }
    await page.waitForTimeout(100);
  };
  const checkRow = async (index: number) => {
    const before = await selectedCount();
    // Bring the row into view ourselves, as little as needed: Playwright's own scroll-into-view can move a
    // virtualized window under the pointer, and a list that recycles its rows would show another user there.
    const row = list.locator(`${ROW}[data-item-index="${index}"]`);
    // Checking an earlier row can move the virtualized window (its own scroll-into-view): a row that was rendered
    // when the test read it may be gone now; scroll the list back to it (the index is the user's within this search).
    if ((await row.count()) === 0) await scrollTo(index);
    // The list re-renders on its scroll event, which comes after the scroll itself: wait two frames so a recycled row
    // shows its new user before the click is aimed (else the click can land on a row that just changed user).
    await row.evaluate(
      (el) =>
        new Promise<void>((done) => {
          el.scrollIntoView({ block: 'nearest' });
          requestAnimationFrame(() => requestAnimationFrame(() => done()));
        }),
    );
    await list.locator(`${ROW}[data-item-index="${index}"] ${CHECK}`).click();
    await expect.poll(selectedCount).toBe(before + 1);
  };
  const selectBySearch = async (id: string) => {
    await search(upnOf(id), 1);
    await expect.poll(() => rowId(0)).toBe(id.toLowerCase());
    await checkRow(0);
  };
  const scrollTo = async (index: number) => {
    await list.locator('[data-is-scrollable="true"]').evaluate((el, top) => {
      el.scrollTop = top;
    }, ROW_HEIGHT * index);
    await list.locator(`${ROW}[data-item-index="${index}"]`).waitFor();
  };
  const clearSelection = async () => {
    // A dialog a failed test left open would cover the command bar.
    if ((await reviewFrame().count()) > 0) await closeReview();
    const clear = grid.locator('button[data-b2b="clear"]');
    if ((await clear.count()) > 0) await clear.click();
    await expect.poll(() => count().textContent()).toBe('0 selected');
  };
  // Usable in beforeAll too (expect.poll is not).
  const signInFromControl = async () => {
    await control().waitFor({ state: 'attached', timeout: 15_000 });
    const title = async () => (await convert().getAttribute('title')) ?? '';
    // The worker's first auth/status boots its sign-in host: a few seconds.
    await until(title, (t) => !/^Checking/.test(t), 20_000, 'the control to learn the sign-in state');
    if (!/^Not signed in/.test(await title())) return;
    await grid.locator('button[data-b2b="sign-in"]').click();
    await until(title, (t) => !/^(Not signed in|Checking)/.test(t), 20_000, 'the control to see the sign-in');
  };
  const openReview = async (opts: { expectError?: boolean } = {}) => {
    await convert().click();
    await dialog().waitFor();
    const wanted = opts.expectError ? '[data-b2b="preflight-error"]' : '[data-b2b="review-list"]';
    await review.locator(wanted).waitFor({ timeout: 30_000 });
  };
  const reviewRow = (id: string) => review.locator(`tr[data-b2b="review-row"][data-user-id="${id}"]`);
  const reviewIds = () => review.locator('tr[data-b2b="review-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user-id')!.toLowerCase()));
  /**
   * The admin's click on Convert. The review's gate drops a click that lands while it is not ready (the frame only
   * just took focus, or its visibility is being re-checked on a busy machine): the button then shows why it waits and
   * is enabled again moments later, and the admin clicks again. So does this, until the review acts on a click.
   */
  const clickConfirm = async () => {
    const acted = async () => {
      if ((await review.locator('[data-b2b="progress"], [data-b2b="result"], [data-b2b="submit-error"]').count()) > 0) return true;
      // The button goes away as the job starts, maybe between two reads: a read that waited for it (30 s by default)
      // kept every test that converts waiting half a minute now and then. A short read, and gone counts as acted.
      const text = await confirm()
        .textContent({ timeout: 500 })
        .catch(() => undefined);
      return text === t('review_starting') || (await confirm().count()) === 0;
    };
    for (let attempt = 0; attempt < 5; attempt++) {
      await expect.poll(() => confirm().isEnabled(), { timeout: 15_000 }).toBe(true);
      await confirm().click();
      const done = await expect
        .poll(acted, { timeout: 3_000 })
        .toBe(true)
        .then(
          () => true,
          () => false,
        );
      if (done) return;
    }
    throw new Error('Convert did not act on five clicks');
  };
  const confirmCount = async () => Number(/^Convert ([\d,]+) users?$/.exec((await confirm().textContent()) ?? '')?.[1]?.replace(/,/g, '') ?? NaN);
  const closeReview = async () => {
    // After edits, Esc asks "Discard changes?" first: this helper discards them.
    const discard = review.getByRole('alertdialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard changes' });
    const closedOrAsking = async () => (await reviewFrame().count()) === 0 || (await discard.count()) > 0;
    // The Escape removes the review's frame (an out-of-process extension frame) while the key is being delivered;
    // once in a fresh-clone run Chromium never answered that key press (press() waited its full 30 s). So: a short
    // wait on the press, then judge by what the admin sees, and press again only while the review is still open and
    // not asking.
    for (let attempt = 0; attempt < 3 && !(await closedOrAsking()); attempt++) {
      // An error from the press (timed out, or the frame went away under it) counts only if the review stayed open.
      const pressError = await dialog()
        .press('Escape', { timeout: 5_000 })
        .then(() => undefined, (e: unknown) => e);
      const done = await until(closedOrAsking, (ok) => ok, 5_000, 'the review to close or ask').catch(() => false);
      if (!done && pressError && !(pressError instanceof Error && pressError.name === 'TimeoutError')) throw pressError;
    }
    await until(closedOrAsking, (done) => done, 5_000, 'the review to close or ask');
    if ((await reviewFrame().count()) > 0) await discard.click();
    await expect.poll(() => reviewFrame().count()).toBe(0);
  };

  const portalSelectedCount = async () => Number(((await list.locator('[data-testid="selectedCount"]').textContent()) ?? '').replace(/\D/g, '') || 0);
  const switchTab = async (name: string) => {
    await grid.getByRole('tab', { name }).click();
    await expect.poll(() => grid.getByRole('tab', { name }).getAttribute('aria-selected')).toBe('true');
  };

  return {
    page,
    grid,
    list,
    portalSelectedCount,
    switchTab,
    review,
    reviewFrame,
    control,
    convert,
    count,
    rowId,
    renderedIds,
    search,
    selectBySearch,
    checkRow,
    scrollTo,
    clearSelection,
    signInFromControl,
    dialog,
    openReview,
    reviewRow,
    reviewIds,
    confirm,
    clickConfirm,
    confirmCount,
    closeReview,
    selectedCount,
  };
}

/** Polls `read` until `ok` holds; throws with the last value after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Requests that change the directory: any invitation, and any non-GET leaf request, top level or inside a $batch. */
export function directoryWrites(sandbox: Sandbox): string[] {
  const out: string[] = [];
  for (const r of sandbox.graph.requestLog()) {
    if (r.path.startsWith('/v1.0/$batch')) {
      for (const i of r.inner ?? []) if (i.method !== 'GET') out.push(`${i.method} ${i.url}`);
    } else if (r.method !== 'GET') {
      out.push(`${r.method} ${r.path}`);
    }
  }
  return out;
}

/** Every PATCH /users/{id} Graph received inside a $batch or at the top level, with its body. */
export function userPatches(sandbox: Sandbox): Array<{ userId: string; body: unknown }> {
  const out: Array<{ userId: string; body: unknown }> = [];
  for (const r of sandbox.graph.requestLog()) {
    const items = r.path.startsWith('/v1.0/$batch') ? (r.inner ?? []).map((i) => ({ method: i.method, url: i.url, body: i.body })) : [{ method: r.method, url: r.path.replace(/^\/v1\.0/, ''), body: r.body }];
    for (const i of items) {
      const m = /^\/users\/([^/?]+)$/.exec(i.url);
      if (i.method === 'PATCH' && m) out.push({ userId: decodeURIComponent(m[1]!).toLowerCase(), body: i.body });
    }
  }
  return out;
}
