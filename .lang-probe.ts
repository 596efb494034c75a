import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
const ext = resolve('dist/chromium');
async function probe(name: string, args: string[], env: Record<string, string> | undefined, locale?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  const ctx = await chromium.launchPersistentContext(dir, {
    executablePath: '/usr/bin/chromium', headless: true, ...(locale ? { locale } : {}),
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu', ...args],
  });
  const w = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker'));
  const r = await w.evaluate(() => ({ ui: chrome.i18n.getUILanguage(), cat: chrome.i18n.getMessage('i18n_locale'), nav: navigator.language }));
  console.log(name.padEnd(28), JSON.stringify(r));
  await ctx.close(); rmSync(dir, { recursive: true, force: true });
}
await probe('default', [], undefined);
await probe('--lang=de', ['--lang=de'], undefined);
await probe('LANGUAGE=de', [], { LANGUAGE: 'de' });
await probe('LANG=de_DE.UTF-8', [], { LANG: 'de_DE.UTF-8', LANGUAGE: '' });
await probe('locale de-DE', [], undefined, 'de-DE');
await probe('--lang=fr + LANGUAGE=fr', ['--lang=fr'], { LANGUAGE: 'fr' });
await probe('--lang=de + locale de-DE', ['--lang=de'], undefined, 'de-DE');
