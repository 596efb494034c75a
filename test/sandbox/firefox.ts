// Debian's Firefox ESR with the production Firefox package (dist/firefox) installed as a temporary add-on,
// driven by puppeteer-core over WebDriver BiDi (no browser download). Firefox reaches the sandbox on the real
// hostnames through a local CONNECT proxy; nothing about the extension is changed for the test.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../src/extension-ids';
import { SANDBOX_HOSTNAMES } from './cert';
import { startConnectProxy, type ConnectProxy } from './connect-proxy';

export const FIREFOX_PATH = '/usr/bin/firefox-esr';
export const FIREFOX_DIST_DIR = fileURLToPath(new URL('../../dist/firefox', import.meta.url));

export interface FirefoxOptions {
  /** Extra Firefox preferences (e.g. a short background idle timeout). */
  prefs?: Record<string, string | number | boolean>;
  /** Extra environment for the browser process (e.g. a HOME holding managed-storage manifests). */
  env?: Record<string, string>;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  proxy: ConnectProxy;
  geckoId: string;
  /** `moz-extension://<uuid>` (the uuid is pinned per run). */
  extensionOrigin: string;
  /** Opens `moz-extension://<uuid>/<path>` in a new tab and waits until its document has loaded. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(sandbox: { port: number }, opts: FirefoxOptions = {}): Promise<FirefoxExtensionBrowser> {
  if (!existsSync(join(FIREFOX_DIST_DIR, 'manifest.json'))) throw new Error(`No Firefox package at ${FIREFOX_DIST_DIR}: run \`npm run build\` first.`);
  if (!existsSync(FIREFOX_PATH)) throw new Error(`Firefox ESR not found at ${FIREFOX_PATH} (apt-get install firefox-esr).`);
  const proxy = await startConnectProxy(sandbox, SANDBOX_HOSTNAMES);
  const uuid = randomUUID();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      // FIREFOX_LOG=1 prints the browser's console (background errors included) to help when a run fails.
      dumpio: process.env.FIREFOX_LOG === '1',
      // Extension pages can only be opened over BiDi with system access allowed.
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1', ...opts.env },
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.allow_hijacking_localhost': true,
        'network.proxy.no_proxies_on': '',
        'network.proxy.failover_direct': false,
        'services.settings.server': 'data:,#remote-settings-dummy/v1',
        // The moz-extension uuid is random per profile unless pinned.
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        ...(process.env.FIREFOX_LOG === '1' ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true } : {}),
        ...opts.prefs,
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const close = async () => {
    await browser.close().catch(() => undefined);
    await proxy.close();
  };
  let geckoId: string;
  try {
    geckoId = await browser.installExtension(FIREFOX_DIST_DIR);
  } catch (error) {
    await close();
    throw error;
  }
  const extensionOrigin = `moz-extension://${uuid}`;

  const openPage = async (url: string): Promise<Page> => {
    const page = await browser.newPage();
    // Puppeteer does not see navigations to moz-extension:// finish: start it and wait for the document.
    // A probe that runs while the tab still swaps documents fails with a lost context: it is simply asked again.
    void page.goto(url).catch(() => undefined);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const loaded = await page.evaluate((u: string) => location.href === u && document.readyState === 'complete', url).catch(() => false);
      if (loaded) return page;
      if (Date.now() > deadline) throw new Error(`${url} did not load within 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  return {
    browser,
    proxy,
    geckoId,
    extensionOrigin,
    openExtensionPage: (path) => openPage(`${extensionOrigin}/${path.replace(/^\/+/, '')}`),
    openPage,
    close,
  };
}
