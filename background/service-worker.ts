// Service worker entry. Listeners are registered synchronously at the top level so that an event that
// wakes the worker (a message, an alarm, browser start-up) always finds them.
import { isGuid } from '../src/config';
import type { AuthStatus } from '../src/messages';
import { AuthService, SignInRequired } from './auth/auth-service';
import { listen, type Handlers } from './router';
import { forgetClosedTabs, pageStatus, recordPage } from './page-status';
import { readSettings } from './settings';
import { graphFor } from './graph-edge';
import { allFound, preflight, resolveIdentifiers, searchUsers } from './users-service';
import type { ScopeTier } from '../src/scopes';

const auth = new AuthService(async () => (await readSettings()).settings);

/** Settings, the signed-in account and a Graph client for a tier; a clear error when any is missing. */
async function session(tier: ScopeTier) {
  const { settings } = await readSettings();
  if (!settings) throw new SignInRequired({ problem: 'not-configured', message: 'Open the extension options and set the Application (client) ID first.' });
  const account = await auth.account();
  if (!account) throw new SignInRequired({ problem: 'login-required', message: 'Sign in to continue.' }, tier);
  return { settings, account, graph: graphFor(auth, settings, tier) };
}

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
    // Prove the new token works against Graph before calling the admin signed in.
    await (await session('read')).graph.me();
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
  'users/preflight': async ({ userIds }) => {
    const { settings, account, graph } = await session('read');
    return preflight(graph, settings, account.objectId, userIds);
  },
  'users/search': async ({ query }) => searchUsers((await session('read')).graph, query),
  'users/resolve': async ({ identifiers }) => resolveIdentifiers((await session('read')).graph, identifiers),
  'users/allFound': async ({ search }) => ({ ids: await allFound((await session('read')).graph, search) }),
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
