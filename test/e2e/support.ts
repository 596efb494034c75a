// Shared steps of the end-to-end tests: configure the extension the way an admin does (the options page),
// and call the worker's protocol from an extension page, exactly as the popup does.
import { inAnyLanguage } from '../support/shown-text';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from '../sandbox/browser';
import type { Sandbox } from '../sandbox/index';
import type { Operation, Reply, ResponseMap } from '../../src/messages';

/** Fills and saves the options page; resolves once the page confirms the save. */
export async function configureViaOptions(browser: ExtensionBrowser, values: { clientId: string; tenant: string; cloud?: string }): Promise<void> {
  const page = await browser.openExtensionPage('popup/options.html');
  // In whatever language the browser runs (the demo's --lang): the options page's words from the catalogue.
  await page.getByLabel(inAnyLanguage('Application (client) ID')).fill(values.clientId);
  await page.getByLabel(inAnyLanguage('Tenant')).fill(values.tenant);
  if (values.cloud) await page.getByLabel(inAnyLanguage('Cloud')).selectOption(values.cloud);
  await page.getByRole('button', { name: inAnyLanguage('Save') }).click();
  await page.getByText(inAnyLanguage('Settings saved.')).waitFor({ timeout: 10_000 });
  await page.close();
}

export async function configureForSandbox(browser: ExtensionBrowser, sandbox: Sandbox): Promise<void> {
  await configureViaOptions(browser, { clientId: sandbox.tenant.clientId, tenant: sandbox.tenant.tenantId });
}

/** Sends one protocol request from an extension page and returns the worker's reply envelope. */
export async function call<O extends Operation>(page: Page, op: O, payload: unknown, timeoutMs = 60_000): Promise<Reply<ResponseMap[O]>> {
  const reply = page.evaluate(([o, p]) => chrome.runtime.sendMessage({ op: o, payload: p }), [op, payload] as const) as Promise<Reply<ResponseMap[O]>>;
  // A reply that never comes fails here, naming the request, instead of as the test's own timeout.
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${op}: no reply from the worker in ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([reply, silence]);
  } finally {
    clearTimeout(timer);
  }
}

/** Like call(), but throws with the worker's message when the reply is a failure. */
export async function value<O extends Operation>(page: Page, op: O, payload: unknown): Promise<ResponseMap[O]> {
  const reply = await call(page, op, payload);
  if (!reply.ok) throw new Error(`${op} failed: ${JSON.stringify(reply.error)}`);
  return reply.value;
}

export interface SubmittedJob {
  jobId: string;
  /** The users the job converts (eligible in the pre-flight). */
  userIds: string[];
  /** Users the pre-flight blocked: never part of the job. */
  blockedIds: string[];
}

/**
 * Users a review would convert as they are: not blocked, and with the address where Microsoft documents it (an address
 * only in otherMails needs the set-mail fix, a write, which these job tests do not take).
 */
export function convertibleAsIs(u: { eligibility: string; reasons: Array<{ code: string }> }): boolean {
  return u.eligibility !== 'blocked' && !u.reasons.some((r) => r.code === 'emailNotInMail' || r.code === 'emailNotOnUser');
}

/** Pre-flight every user of the tenant, then submit the eligible ones, as the review does. */
export async function submitEligible(page: Page, sandbox: Sandbox, limit = Infinity): Promise<SubmittedJob> {
  const pre = await value(page, 'users/preflight', { userIds: sandbox.tenant.users.map((u) => u.id) });
  const eligible = pre.users.filter(convertibleAsIs).slice(0, limit);
  const { jobId } = await value(page, 'job/submit', {
    items: eligible.map((u) => ({ userId: u.id, userPrincipalName: u.userPrincipalName, displayName: u.displayName, email: u.proposedEmail, addToOtherMails: false, privilegedOverride: false })),
    options: { sendInvitationMessage: false, inviteRedirectUrl: pre.defaultRedirectUrl, setUserTypeGuest: false },
    expectedTenantId: pre.tenantId,
  });
  return { jobId, userIds: eligible.map((u) => u.id), blockedIds: pre.users.filter((u) => u.eligibility === 'blocked').map((u) => u.id) };
}

/** Polls job/get until the predicate holds (the worker may be asleep: each poll wakes it). */
export async function waitForJob(page: Page, jobId: string, until: (s: ResponseMap['job/get']) => boolean, timeoutMs = 90_000): Promise<ResponseMap['job/get']> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = await call(page, 'job/get', { jobId });
    if (reply.ok && until(reply.value)) return reply.value;
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not reach the expected state: ${JSON.stringify(reply)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Every invitedUser.id the Graph emulator received, top-level or inside $batch (applied or not). */
export function invitationTargets(sandbox: Sandbox): string[] {
  const ids: string[] = [];
  for (const r of sandbox.graph.requestLog()) {
    const bodies = r.path.startsWith('/v1.0/$batch')
      ? (r.inner ?? []).filter((i) => i.method === 'POST' && i.url.startsWith('/invitations')).map((i) => i.body)
      : r.method === 'POST' && r.path.startsWith('/v1.0/invitations')
        ? [r.body]
        : [];
    for (const b of bodies) ids.push(String((b as { invitedUser?: { id?: string } } | undefined)?.invitedUser?.id));
  }
  return ids;
}

/** A signed-in browser on an extension page, ready to call the worker. */
export async function signedIn(sandbox: Sandbox, tier: 'read' | 'invite' | 'write', opts: { profileDir?: string } = {}) {
  const { launchBrowserWithExtension } = await import('../sandbox/browser');
  const browser = await launchBrowserWithExtension(sandbox, opts);
  await configureForSandbox(browser, sandbox);
  const page = await browser.openExtensionPage('popup/options.html');
  await value(page, 'auth/signIn', { tier });
  return { browser, page };
}
