// The extension in German: Chromium started with --lang=de (what selects the extension's catalogue, see
// test/sandbox/browser.ts), production build, against the sandbox. The in-page control and the review speak German
// and group numbers the German way. Every expectation is read from _locales/de through the same t()/tn() the
// extension uses (test/support/shown-text.ts): it follows the translation, it does not hard-code it. Run after
// `npm run build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/german.e2e.ts
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { readCatalog } from '../support/i18n';
import { showIn, t, tn, type MessageKey } from '../support/shown-text';
import { directoryWrites, openAllUsers, until, type PortalPage } from './portal-page';

const LANG = 'de';
/** Enough users that more than 1,000 of them are convertible: the review's numbers need German grouping too. */
const N = 3200;

/** The placeholders' values when `text` is the catalogue message `key` (undefined when it is not that message). */
function messageValues(key: string, text: string): Record<string, string> | undefined {
  const message = readCatalog(LANG)[key]!.message;
  const names = [...message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((m) => m[1]!.toLowerCase());
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\$[A-Za-z0-9_]+\\\$/g, '(.+?)');
  const match = new RegExp(`^${escaped}$`, 'u').exec(text);
  return match ? Object.fromEntries(names.map((n, i) => [n, match[i + 1]!])) : undefined;
}

describe('in German (Chromium --lang=de)', () => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  const tenant: DemoTenant = buildDemoTenant({ userCount: N });
  /** Numbers as the German catalogue's language writes them ("1.200"). */
  const number = (n: number) => new Intl.NumberFormat(readCatalog(LANG).i18n_locale!.message).format(n);

  beforeAll(async () => {
    showIn(LANG);
    sandbox = await startSandbox({ tenant, layout: 'grid', log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox, { lang: LANG });
    p = await openAllUsers(browser, sandbox, tenant);
    // Sign in from the control, reading its state from its German description.
    const title = async () => (await p.convert().getAttribute('title')) ?? '';
    await p.control().waitFor({ state: 'attached', timeout: 15_000 });
    await until(title, (s) => s !== t('content_why_checking'), 20_000, 'the control to learn the sign-in state');
    expect(await title()).toBe(t('content_why_notSignedIn'));
    await p.grid.locator('button[data-b2b="sign-in"]').click();
    await until(title, (s) => s === t('content_why_noSelection'), 20_000, 'the control to see the sign-in');
  });

  // Every test starts with English installed (test/support/i18n-setup.ts): the expectations are German.
  beforeEach(() => showIn(LANG));

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('the extension reads the German catalogue in the worker and in the page', async () => {
    const worker = await browser.worker();
    expect(await worker.evaluate(() => chrome.i18n.getMessage('i18n_locale'))).toBe(LANG);
    expect(await p.convert().textContent()).toContain(t('content_convert'));
    expect(await p.convert().getAttribute('title')).toBe(t('content_why_noSelection'));
  });

  it('the control counts 3.200 selected users in German', async () => {
    await p.list.locator('.ms-DetailsHeader-check').click();
    await until(() => p.count().textContent(), (s) => s === tn('content_selectedCount', N), 30_000, 'the count of the header selection');
    expect(await p.count().textContent()).toContain(number(N));
    expect(number(N)).not.toBe(String(N)); // grouped, the language's way
    const selectAll = p.grid.locator('button[data-b2b="select-all-found"]');
    expect(await selectAll.textContent()).toBe(tn('content_selectAllFound', N));
  });

  it('the review of 3.200 users: the pre-flight’s notes, the guidance and the domain spread in German', async () => {
    await p.openReview();
    // The pre-flight's note on roles eligible through PIM (the sandbox grants no RoleEligibilitySchedule scope).
    await p.review.getByText(t('preflight_eligibleRolesNotChecked')).waitFor();
    // Guidance facts with their Learn page in German; one sponsor (the signed-in admin) in the singular.
    const guidance = p.review.locator('[data-b2b="guidance"]');
    expect(await guidance.locator('li[data-fact="keeps"]').textContent()).toContain(t('review_fact_keeps'));
    expect(await guidance.locator('li[data-fact="keeps"] a').textContent()).toContain(t('learn_inviteInternalUsers'));
    expect(await guidance.locator('li[data-fact="sponsors"]').textContent()).toContain(tn('review_fact_sponsors', 1));
    // How the external domains spread: the German sentence; the users converted (over 1,000) grouped the German way.
    const spread = (await p.review.locator('[data-b2b="domain-spread"]').textContent()) ?? '';
    const values = messageValues('review_spread_mixed', spread) ?? messageValues('review_spread_allDifferent', spread) ?? messageValues('review_spread_onePartner', spread);
    expect(values, spread).toBeDefined();
    const converted = Number(values!.count!.replace(/\D/g, ''));
    expect(converted).toBeGreaterThanOrEqual(1000);
    expect(values!.count).toBe(number(converted));
    // The review's own summary and its confirm button say the same numbers, grouped the same way.
    const summary = messageValues('review_summary_convert_other', (await p.review.locator('[data-b2b="summary"]').textContent()) ?? '');
    expect(summary).toMatchObject({ convert: number(converted), count: number(N) });
    expect(await p.confirm().textContent()).toBe(tn('review_convertButton', converted));
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
  });

  it('a synced and a privileged user: their reasons in German, with Entra’s German role names', async () => {
    if ((await p.reviewFrame().count()) > 0) await p.closeReview(); // left open by a failed test above
    await p.grid.locator('button[data-b2b="clear"]').click();
    await until(() => p.count().textContent(), (s) => s === tn('content_selectedCount', 0), 10_000, 'the selection to clear');
    const synced = tenant.notable.synced[0]!;
    const privileged = tenant.notable.privileged[0]!;
    const eligible = tenant.notable.eligible[0]!;
    for (const id of [synced, privileged, eligible]) await p.selectBySearch(id);
    expect(await p.count().textContent()).toBe(tn('content_selectedCount', 3));
    await p.openReview();
    expect(await p.reviewRow(synced).textContent()).toContain(t('eligibility_synced'));
    const privilegedText = (await p.reviewRow(privileged).textContent()) ?? '';
    const [before] = readCatalog(LANG).eligibility_privilegedRole!.message.split('$ROLES$');
    expect(privilegedText).toContain(before);
    const roleKeys = Object.keys(readCatalog(LANG)).filter((k) => k.startsWith('role_'));
    expect(roleKeys.some((k) => privilegedText.includes(`(${t(k as MessageKey)}`)), privilegedText).toBe(true);
    await p.closeReview();
    expect(directoryWrites(sandbox)).toEqual([]);
  });
});
