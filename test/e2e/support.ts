// Shared steps of the end-to-end tests: configure the extension the way an admin does (the options page),
// and call the worker's protocol from an extension page, exactly as the popup does.
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../sandbox/browser';
import type { Sandbox } from '../sandbox/index';
import type { Operation, Reply, ResponseMap } from '../../src/messages';

/** Fills and saves the options page; resolves once the page confirms the save. */
export async function configureViaOptions(browser: ExtensionBrowser, values: { clientId: string; tenant: string; cloud?: string }): Promise<void> {
  const page = await browser.openExtensionPage('popup/options.html');
  await page.getByLabel('Application (client) ID').fill(values.clientId);
  await page.getByLabel('Tenant').fill(values.tenant);
  if (values.cloud) await page.getByLabel('Cloud').selectOption(values.cloud);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved.').waitFor({ timeout: 10_000 });
  await page.close();
}

export async function configureForSandbox(browser: ExtensionBrowser, sandbox: Sandbox): Promise<void> {
  await configureViaOptions(browser, { clientId: sandbox.tenant.clientId, tenant: sandbox.tenant.tenantId });
}

/** Sends one protocol request from an extension page and returns the worker's reply envelope. */
export async function call<O extends Operation>(page: Page, op: O, payload: unknown): Promise<Reply<ResponseMap[O]>> {
  return page.evaluate(([o, p]) => chrome.runtime.sendMessage({ op: o, payload: p }), [op, payload] as const) as Promise<Reply<ResponseMap[O]>>;
}

/** Like call(), but throws with the worker's message when the reply is a failure. */
export async function value<O extends Operation>(page: Page, op: O, payload: unknown): Promise<ResponseMap[O]> {
  const reply = await call(page, op, payload);
  if (!reply.ok) throw new Error(`${op} failed: ${JSON.stringify(reply.error)}`);
  return reply.value;
}
