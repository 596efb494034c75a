// The in-page control takes its theme from the admin center, not from the operating system: with the OS dark
// over a light portal (and the reverse) every text of the control stays ≥ 4.5:1 against what is painted behind it,
// axe-core finds no serious or critical violation in it, and a theme change of the portal is followed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contrastRatio, over, paintedBackground, parseCssColour } from '../../src/colour';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { seriousViolations } from './axe';
import { openAllUsers, until, type PortalPage } from './portal-page';

let sandbox: Sandbox;
let tenant: DemoTenant;
let browser: ExtensionBrowser | undefined;

beforeAll(async () => {
  tenant = buildDemoTenant();
  sandbox = await startSandbox({ tenant, layout: 'grid' });
});
afterAll(async () => {
  await sandbox?.stop();
});
afterEach(async () => {
  await browser?.close();
  browser = undefined;
});

interface TextSample {
  text: string;
  color: string;
  layers: string[];
}

/** Every visible, enabled text of the control with its colour and the backgrounds behind it (through the shadow root). */
async function controlTexts(portal: PortalPage): Promise<TextSample[]> {
  return portal.control().evaluate((host) => {
    const out: Array<{ text: string; color: string; layers: string[] }> = [];
    const root = host.shadowRoot;
    if (!root) return out;
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (!own || el.closest('[aria-disabled="true"], [disabled], .sr-only') || el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const layers: string[] = [];
      let at: Element | null = el;
      while (at) {
        layers.push(getComputedStyle(at).backgroundColor);
        at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host ?? null);
      }
      out.push({ text: own, color: style.color, layers });
    }
    return out;
  });
}

function lowestContrast(samples: TextSample[]): { ratio: number; text: string } {
  let lowest = { ratio: Infinity, text: '' };
  for (const s of samples) {
    const bg = paintedBackground(s.layers);
    const fg = parseCssColour(s.color);
    if (!fg) throw new Error(`unreadable colour ${s.color}`);
    const ratio = contrastRatio(over(fg, bg), bg);
    if (ratio < lowest.ratio) lowest = { ratio, text: s.text };
  }
  return lowest;
}

describe('the in-page control follows the admin center theme', () => {
  for (const [portalTheme, osScheme] of [
    ['light', 'dark'],
    ['dark', 'light'],
  ] as const) {
    it(`${portalTheme} portal, OS ${osScheme}: every text ≥ 4.5:1, no serious axe violation`, async () => {
      browser = await launchBrowserWithExtension(sandbox);
      const portal = await openAllUsers(browser, sandbox, tenant, { theme: portalTheme, osScheme });
      await portal.signInFromControl();
      await portal.checkRow(0);
      await portal.grid.locator('button[data-b2b="clear"]').waitFor();
      expect(await portal.control().evaluate((h) => (h.shadowRoot?.querySelector('.b2b-root') as HTMLElement | null)?.dataset.theme)).toBe(portalTheme);
      const samples = await controlTexts(portal);
      const texts = samples.map((s) => s.text).join(' | ');
      expect(texts).toMatch(/Convert to external users/);
      expect(texts).toMatch(/Clear/);
      const lowest = lowestContrast(samples);
      expect(lowest.ratio, `lowest contrast: "${lowest.text}"`).toBeGreaterThanOrEqual(4.5);
      const frame = portal.page.frames().find((f) => f.url().includes('/React/Index'));
      expect(frame).toBeDefined();
      expect(await seriousViolations(frame!, { within: 'b2b-convert-control' })).toEqual([]);

      // The review (our page, framed over the portal) opens in the portal's theme too, and axe finds it clean.
      await portal.convert().click();
      const reviewFrame = await until(
        async () => portal.page.frames().find((f) => f.url().includes('/review/review.html')),
        (f) => f !== undefined,
        20_000,
        'the review frame',
      );
      const review = reviewFrame!;
      await review.locator('[data-b2b="review-list"]').waitFor({ timeout: 30_000 });
      expect(await review.locator('b2b-convert-review').evaluate((h) => (h.shadowRoot?.querySelector('.b2b-root') as HTMLElement | null)?.dataset.theme)).toBe(portalTheme);
      expect(await seriousViolations(review)).toEqual([]);
    });
  }

  it('follows the portal when it switches theme', async () => {
    browser = await launchBrowserWithExtension(sandbox);
    const portal = await openAllUsers(browser, sandbox, tenant, { theme: 'light', osScheme: 'light' });
    const theme = () => portal.control().evaluate((h) => (h.shadowRoot?.querySelector('.b2b-root') as HTMLElement | null)?.dataset.theme);
    await expect.poll(theme).toBe('light');
    // The portal repaints its frame dark (as its Appearance setting does).
    await portal.grid.locator('body').evaluate((body) => {
      body.style.background = '#1b1a19';
      body.style.color = '#f3f2f1';
    });
    await expect.poll(theme).toBe('dark');
    expect(lowestContrast(await controlTexts(portal)).ratio).toBeGreaterThanOrEqual(4.5);
  });
});
