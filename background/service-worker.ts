// Service worker entry. Listeners are registered synchronously at the top level so that an event that
// wakes the worker (a message, an alarm, browser start-up) always finds them.
import { isGuid } from '../src/config';
import type { AuthStatus } from '../src/messages';
import { AuthService } from './auth/auth-service';
import { listen, type Handlers } from './router';
import { forgetClosedTabs, pageStatus, recordPage } from './page-status';
import { readSettings } from './settings';

const auth = new AuthService(async () => (await readSettings()).settings);

async function authStatus(tabId?: number): Promise<AuthStatus> {
  const merged = await readSettings();
  const account = merged.settings ? await auth.account() : undefined;
  const page = tabId === undefined ? undefined : await pageStatus(tabId);
  const status: AuthStatus = {
    configured: merged.settings !== undefined,
    configProblem: merged.errors.map((e) => e.message).join(' ') || undefined,
    signedIn: account !== undefined,
    account: account && { username: account.username, name: account.name, tenantId: account.tenantId, objectId: account.objectId },
    cloud: merged.values.cloud,
    configuredTenant: merged.values.tenant,
    grantedTiers: account?.grantedTiers ?? [],
    pageTenant: page?.tenantHint,
  };
  if (account && page?.tenantHint && isGuid(page.tenantHint) && page.tenantHint.toLowerCase() !== account.tenantId.toLowerCase()) {
    status.tenantMismatch = `You are signed in to tenant ${account.tenantId}, but this admin center page belongs to tenant ${page.tenantHint}. Conversions would happen in ${account.tenantId}. Sign in to the page's tenant or switch the page before converting.`;
  }
  return status;
}

function notYet(): never {
  throw new Error('This part of the extension is not available yet.');
}

const handlers: Handlers = {
  'auth/status': (_p, ctx) => authStatus(ctx.tabId),
  'auth/signIn': async ({ tier }, ctx) => {
    await auth.signIn(tier);
    void chrome.runtime.sendMessage({ event: 'auth/changed' }).catch(() => undefined);
    return authStatus(ctx.tabId);
  },
  'auth/signOut': async (_p, ctx) => {
    await auth.signOut();
    void chrome.runtime.sendMessage({ event: 'auth/changed' }).catch(() => undefined);
    return authStatus(ctx.tabId);
  },
  'page/report': async (report, ctx) => {
    if (ctx.tabId !== undefined) await recordPage(ctx.tabId, ctx.frameId ?? 0, report);
    return null;
  },
  'page/status': async ({ tabId }) => {
    const { recognized, layout, missing } = await pageStatus(tabId);
    return { recognized, layout, missing };
  },
  'users/preflight': notYet,
  'users/search': notYet,
  'users/resolve': notYet,
  'users/allFound': notYet,
  'job/submit': notYet,
  'job/list': async () => [],
  'job/get': notYet,
  'job/items': notYet,
  'job/control': notYet,
  'job/refreshStatus': notYet,
  'job/followUp': notYet,
  'history/clear': async () => null,
};

listen(handlers);
forgetClosedTabs();
