// Debian Chromium with the production build (dist/chromium) loaded unpacked, every Microsoft hostname the product touches
// mapped to the local sandbox server. Nothing about the extension is changed for the test.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import { SANDBOX_HOSTNAMES } from './cert';

export const CHROMIUM_PATH = '/usr/bin/chromium';
/** Pinned by the manifest `key`. */
export const EXPECTED_EXTENSION_ID = 'ggklaglfgknobpkjjlbjjbdohkadcjbf';
export const DIST_DIR = fileURLToPath(new URL('../../dist/chromium', import.meta.url));

/** Hostnames the browser resolves to the sandbox: every name its certificate covers. */
export const MAPPED_HOSTS = SANDBOX_HOSTNAMES;

export interface BrowserOptions {
  /** Chromium profile directory; default a fresh temp dir removed on close. Reuse one to test a restart. */
  profileDir?: string;
  /** Default true (new headless mode runs extensions). */
  headless?: boolean;
  /** Unpacked extension to load; default the repo's dist/chromium. */
  extensionDir?: string;
  /** Extra Chromium switches. */
  args?: string[];
  /** Milliseconds to wait for the extension's service worker to start; default 30 s. */
  startTimeoutMs?: number;
  /**
   * The browser's language, e.g. 'de' (default: the machine's, English here). `--lang` is what makes Debian's
   * Chromium pick the extension's catalogue (_locales/<lang>; verified: chrome.i18n.getMessage answers from it, while
   * LANGUAGE/LANG do not and getUILanguage() stays en-US without the chromium-l10n package); Playwright's locale gives
   * the pages the same navigator.language and Accept-Language.
   */
  lang?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  /** `chrome-extension://<id>` */
  extensionOrigin: string;
  profileDir: string;
  /** The newest live handle of the extension's service worker (waits for one to start if none is running). */
  worker(timeoutMs?: number): Promise<Worker>;
  /**
   * Stops the service worker the way Chromium does when idle (CDP ServiceWorker.stopAllWorkers from a page
   * session). Old Worker handles are dead afterwards: call worker() again after waking it.
   */
  stopServiceWorker(): Promise<void>;
  /** Opens the action popup's page in a tab. */
  openPopup(): Promise<Page>;
  /** Opens `chrome-extension://<id>/<path>` in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Content Security Policy violations seen so far in any page, frame or the worker (see watchCsp). */
  cspViolations(): string[];
  /** Closes the browser; then throws if any Content Security Policy violation was seen while it ran. */
  close(): Promise<void>;
}

export function hostResolverRules(port: number): string {
  return [...MAPPED_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'EXCLUDE localhost'].join(', ');
}

export async function launchBrowserWithExtension(sandbox: { port: number }, opts: BrowserOptions = {}): Promise<ExtensionBrowser> {
  const extensionDir = opts.extensionDir ?? DIST_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionDir}: run \`npx vite build\` first.`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium).`);
  const ownProfile = !opts.profileDir;
  const profileDir = opts.profileDir ?? mkdtempSync(join(tmpdir(), 'b2b-chromium-'));

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    ...(opts.lang ? { locale: opts.lang } : {}),
    args: [
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-quic',
      `--host-resolver-rules=${hostResolverRules(sandbox.port)}`,
      '--ignore-certificate-errors',
      ...(opts.args ?? []),
    ],
  });

  const csp = await watchCsp(context);
  const closeAll = async () => {
    await context.close().catch(() => undefined);
    if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
  };

  const isExtensionWorker = (w: Worker, id?: string) => w.url().startsWith(id ? `chrome-extension://${id}/` : 'chrome-extension://');
  let extensionId: string;
  try {
    const first =
      context.serviceWorkers().find((w) => isExtensionWorker(w)) ??
      (await context.waitForEvent('serviceworker', { predicate: (w) => isExtensionWorker(w), timeout: opts.startTimeoutMs ?? 30_000 }));
    extensionId = new URL(first.url()).host;
  } catch (err) {
    await closeAll();
    throw new Error(`The extension's service worker did not start: ${String(err)}`, { cause: err });
  }
  const extensionOrigin = `chrome-extension://${extensionId}`;

  // A stopped worker's handle stays in context.serviceWorkers() (Playwright fires no 'close'), and evaluate() on it
  // hangs until Chromium starts the worker again — seen on Chromium 156, the restarted worker may come back under
  // the same target and handle, or as a new one. So worker() takes the newest handle that answers a probe.
  const known: Worker[] = [];
  const closed = new WeakSet<Worker>();
  const track = (w: Worker) => {
    if (!isExtensionWorker(w, extensionId) || known.includes(w)) return;
    known.push(w);
    w.once('close', () => closed.add(w));
  };
  context.serviceWorkers().forEach(track);
  context.on('serviceworker', track);

  const alive = async (w: Worker, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const probe = w.evaluate(() => true).catch(() => false);
    const timeout = new Promise<false>((done) => (timer = setTimeout(() => done(false), ms)));
    const ok = await Promise.race([probe, timeout]);
    clearTimeout(timer);
    return ok;
  };

  const worker = async (timeoutMs = 15_000): Promise<Worker> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const candidates = known.filter((w) => !closed.has(w)).reverse();
      for (const w of candidates) {
        if (await alive(w, candidates.length > 1 ? 500 : 1_000)) return w;
      }
      if (Date.now() > deadline) {
        throw new Error('No running service worker: wake it first (e.g. an extension page that messages it).');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  // The CDP session for stopping workers lives on a page that stays open: closing a tab right after the stop
  // fires tabs.onRemoved, which wakes the worker straight away if the extension listens to it.
  let controlPage: Page | undefined;
  const stopServiceWorker = async () => {
    if (!controlPage || controlPage.isClosed()) {
      controlPage = context.pages().find((p) => !p.isClosed() && p.url() === 'about:blank') ?? (await context.newPage());
    }
    const cdp = await context.newCDPSession(controlPage);
    const prefix = `chrome-extension://${extensionId}/`;
    // versionId → its registration status (installing … activated) and running status, for our extension's worker.
    const versions = new Map<string, { status: string; runningStatus: string }>();
    let onUpdate: (() => void) | undefined;
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(prefix)) versions.set(v.versionId, { status: v.status, runningStatus: v.runningStatus });
      onUpdate?.();
    });
    /** Resolves when `done` holds for the versions seen, or after `ms` (never hang a test on a missing event). */
    const until = (done: (vs: Array<{ status: string; runningStatus: string }>) => boolean, ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        onUpdate = () => {
          const vs = [...versions.values()];
          if (vs.length > 0 && done(vs)) {
            clearTimeout(timer);
            resolve();
          }
        };
        onUpdate();
      });
    try {
      await cdp.send('ServiceWorker.enable');
      // Stop only an activated worker, as the browser itself does when it stops an idle one. A stop right after the
      // browser started can land while the registration is still installing: our likeliest reading of one CI run
      // (busy machine) where every later message to the worker went unanswered (not reproduced since).
      await until((vs) => vs.some((v) => v.status === 'activated'), 10_000);
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until((vs) => vs.every((v) => v.runningStatus === 'stopped'), 5_000);
    } finally {
      onUpdate = undefined;
      await cdp.detach().catch(() => undefined);
    }
  };

  const openExtensionPage = async (path: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`${extensionOrigin}/${path.replace(/^\/+/, '')}`);
    return page;
  };

  return {
    context,
    extensionId,
    extensionOrigin,
    profileDir,
    worker,
    stopServiceWorker,
    openPopup: () => openExtensionPage('popup/popup.html'),
    openExtensionPage,
    cspViolations: () => [...csp],
    close: async () => {
      await closeAll();
      if (csp.length > 0) throw new Error(`Content Security Policy violations during this browser's run:\n${csp.join('\n')}`);
    },
  };
}

/** What Chromium prints to a context's console when it enforces a CSP (eval, inline script or style, a load). */
const CSP_CONSOLE = /Content Security Policy|Refused to (?:evaluate|execute|load|apply|connect|frame|create)/i;

/**
 * Records every Content Security Policy violation in the browser: the `securitypolicyviolation` event in every
 * document (extension pages, the admin-center replica and its React-view frames), and CSP messages on the console
 * of every page, frame and worker. Every e2e file gets this through launchBrowserWithExtension(); close() fails
 * the run when anything was recorded. The listener runs in the page's main world: the extension is not changed.
 */
async function watchCsp(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  const where = (url: string) => url.replace(/[?#].*$/, '');
  await context.exposeBinding('__sandboxReportCsp', ({ frame }, v: { directive: string; blocked: string; source: string; sample: string }) => {
    seen.push(`${where(frame.url())}: securitypolicyviolation ${v.directive} blocked=${v.blocked} source=${v.source} sample=${v.sample}`);
  });
  await context.addInitScript(() => {
    const report = (globalThis as unknown as { __sandboxReportCsp?: (v: unknown) => void }).__sandboxReportCsp;
    document.addEventListener(
      'securitypolicyviolation',
      (e) => report?.({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, sample: e.sample }),
      true,
    );
  });
  const onConsole = (m: ConsoleMessage) => {
    if (CSP_CONSOLE.test(m.text())) seen.push(`${where(m.location().url || m.page()?.url() || 'worker')}: console ${m.type()}: ${m.text()}`);
  };
  context.on('console', onConsole);
  const watchWorker = (w: Worker) => w.on('console', onConsole);
  context.serviceWorkers().forEach(watchWorker);
  context.on('serviceworker', watchWorker);
  return seen;
}
