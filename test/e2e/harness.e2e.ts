// Smoke test of the harness itself: the sandbox answers on the real hostnames, Chromium loads the production build,
// the worker is reachable (and can be stopped and woken), and the popup opens. Run after `npx vite build`:
//   npx vitest run --config vitest.e2e.config.ts test/e2e/harness.e2e.ts
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_EXTENSION_ID, launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';

let sandbox: Sandbox;
let browser: ExtensionBrowser;

beforeAll(async () => {
  sandbox = await startSandbox({ tenant: buildDemoTenant(), layout: 'random' });
  browser = await launchBrowserWithExtension(sandbox);
});

afterAll(async () => {
  await browser?.close();
  await sandbox?.stop();
});

describe('e2e harness', () => {
  it('loads the extension with its pinned id', () => {
    expect(browser.extensionId).toBe(EXPECTED_EXTENSION_ID);
  });

  it('serves the login authority on https://login.microsoftonline.com in a tab', async () => {
    const page = await browser.context.newPage();
    const url = `https://login.microsoftonline.com/${sandbox.tenant.tenantId}/v2.0/.well-known/openid-configuration`;
    const res = await page.goto(url);
    expect(res?.status()).toBe(200);
    const config = JSON.parse(await res!.text()) as Record<string, string>;
    expect(config.issuer).toBe(`https://login.microsoftonline.com/${sandbox.tenant.tenantId}/v2.0`);
    expect(config.authorization_endpoint).toBe(`https://login.microsoftonline.com/${sandbox.tenant.tenantId}/oauth2/v2.0/authorize`);
    expect(sandbox.login.log().some((e) => e.endpoint === 'openid-configuration' && e.status === 200)).toBe(true);
    await page.close();
  });

  it('serves the admin center All users page, its React-view frame and grid rows on the real hostnames', async () => {
    const page = await browser.context.newPage();
    const res = await page.goto(sandbox.urls.allUsers);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).host).toBe('entra.microsoft.com');
    const frameHandle = await page.waitForSelector('iframe[src*=".reactblade.portal.azure.net/"]', { state: 'attached', timeout: 30_000 });
    const frame = await frameHandle.contentFrame();
    expect(frame).not.toBeNull();
    await frame!.waitForSelector('[data-automationid="DetailsRow"]', { state: 'attached', timeout: 30_000 });
    expect(new URL(frame!.url()).host).toMatch(/\.reactblade\.portal\.azure\.net$/);
    await page.close();
  });

  it('reaches the service worker, whose fetches go to the sandbox with the extension origin', async () => {
    const worker = await browser.worker();
    expect(await worker.evaluate(() => chrome.runtime.id)).toBe(EXPECTED_EXTENSION_ID);

    // Graph answers 401 without a token: proves graph.microsoft.com resolves to the sandbox from the worker.
    const graphStatus = await worker.evaluate(async () => (await fetch('https://graph.microsoft.com/v1.0/me')).status);
    expect(graphStatus).toBe(401);

    // A token POST from the worker carries Origin: chrome-extension://<id> (the login emulator, like Entra ID,
    // requires it to redeem SPA codes).
    const tokenUrl = `https://login.microsoftonline.com/${sandbox.tenant.tenantId}/oauth2/v2.0/token`;
    const reply = await worker.evaluate(async ([u, clientId]) => {
      const r = await fetch(u, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: clientId, grant_type: 'authorization_code', code: 'not-a-code' }).toString(),
      });
      return { status: r.status, body: (await r.json()) as { error: string; error_codes: number[] } };
    }, [tokenUrl, sandbox.tenant.clientId] as const);
    expect(reply.status).toBe(400);
    // invalid_grant (unknown code), not invalid_request AADSTS9002327 (no Origin header).
    expect(reply.body).toMatchObject({ error: 'invalid_grant', error_codes: [70000] });
    const entry = sandbox.login.log().filter((e) => e.endpoint === 'token').at(-1);
    expect(entry?.origin).toBe(`chrome-extension://${EXPECTED_EXTENSION_ID}`);
  });

  it('opens the popup at chrome-extension://<id>/popup/popup.html', async () => {
    const popup = await browser.openPopup();
    expect(popup.url()).toBe(`chrome-extension://${EXPECTED_EXTENSION_ID}/popup/popup.html`);
    await popup.waitForLoadState('domcontentloaded');
    expect(await popup.title()).toBe('B2B Convert for Entra');
    await popup.close();
  });

  it('stops the service worker and gets a fresh handle after waking it', async () => {
    const before = await browser.worker();
    await browser.stopServiceWorker();
    // A stopped worker does not answer: evaluate() on its handle hangs until something wakes it.
    const probe = await Promise.race([before.evaluate(() => 'alive'), new Promise((r) => setTimeout(() => r('stopped'), 1_500))]);
    expect(probe).toBe('stopped');
    const page = await browser.openExtensionPage('popup/options.html');
    // Any runtime message wakes the worker; the router may refuse it, which is fine here.
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'harness.ping' }).catch(() => undefined));
    // Chromium may revive the worker under the same target (Playwright then reuses the handle) or a new one.
    const after = await browser.worker();
    expect(await after.evaluate(() => chrome.runtime.id)).toBe(EXPECTED_EXTENSION_ID);
    await page.close();
  });

  it('completes auth code + PKCE through chrome.identity.launchWebAuthFlow against the login emulator', async () => {
    const worker = await browser.worker();
    const redirectUri = `https://${browser.extensionId}.chromiumapp.org/`;
    const authorizeUrl = (challenge: string, extra: Record<string, string> = {}) =>
      `https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize?${new URLSearchParams({
        client_id: sandbox.tenant.clientId,
        redirect_uri: redirectUri,
        response_type: 'code',
        response_mode: 'fragment',
        scope: 'https://graph.microsoft.com/User.Read.All https://graph.microsoft.com/User.Invite.All openid profile offline_access',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: 'harness',
        nonce: 'n-1',
        ...extra,
      }).toString()}`;
    const pkce = () => {
      const verifier = randomBytes(32).toString('base64url');
      return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
    };
    const flow = (url: string, interactive: boolean) =>
      worker.evaluate(
        ([u, i]) => chrome.identity.launchWebAuthFlow({ url: u, interactive: i }).then((r) => r ?? '', (e: unknown) => `rejected: ${String(e)}`),
        [url, interactive] as const,
      );
    const fragmentOf = (url: string) => new URLSearchParams(url.slice(url.indexOf('#') + 1));
    sandbox.login.reset();

    // A fresh profile has no login session: prompt=none answers login_required.
    const silentFirst = await flow(authorizeUrl(pkce().challenge, { prompt: 'none' }), false);
    expect(fragmentOf(silentFirst).get('error')).toBe('login_required');

    const a = pkce();
    const interactive = await flow(authorizeUrl(a.challenge), true);
    expect(interactive.startsWith(redirectUri)).toBe(true);
    const code = fragmentOf(interactive).get('code');
    expect(code).toBeTruthy();
    expect(sandbox.login.redirectUris()).toEqual([redirectUri]);

    const tokenUrl = 'https://login.microsoftonline.com/organizations/oauth2/v2.0/token';
    const tokens = await worker.evaluate(async ([u, form]) => {
      const r = await fetch(u, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
      return { status: r.status, body: (await r.json()) as Record<string, string> };
    }, [tokenUrl, { client_id: sandbox.tenant.clientId, grant_type: 'authorization_code', code: code ?? '', code_verifier: a.verifier, redirect_uri: redirectUri }] as const);
    expect(tokens.status).toBe(200);

    // The access token works at the Graph emulator.
    const me = await worker.evaluate(async (token) => {
      const r = await fetch('https://graph.microsoft.com/v1.0/me', { headers: { authorization: `Bearer ${token}` } });
      return { status: r.status, body: (await r.json()) as { id?: string } };
    }, tokens.body.access_token ?? '');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(sandbox.tenant.adminUserId);

    // Now the browser login session exists: a silent renewal gets a code without another interactive sign-in.
    const silent = await flow(authorizeUrl(pkce().challenge, { prompt: 'none', login_hint: 'admin@contoso.com' }), false);
    expect(fragmentOf(silent).get('code')).toBeTruthy();
    expect(sandbox.login.interactiveSignIns()).toBe(1);
    expect(sandbox.login.silentSignIns()).toBe(1);
  });
});
