// Service worker entry. Listeners are registered synchronously at the top level so that an event that
// wakes the worker (a message, an alarm, browser start-up) always finds them.
import type { AuthStatus } from '../src/messages';
import { AuthService, SignInRequired } from './auth/auth-service';
import { listen, type Handlers } from './router';
import { PageStatusService } from './page-status';
import { tenantMismatch } from '../src/tenant-match';
import { SettingsService } from './settings';
import { graphFor } from './graph-edge';
import { browserPorts } from './browser-ports';
import { migrateStorage, sessionKeys } from '../src/storage';
import { allFound, preflight, resolveIdentifiers, searchUsers, setupReads, tenantFacts, type TenantFacts } from '../src/directory-reads';
import { checkSetup, type SetupFacts } from '../src/setup-check';
import { isCloud } from '../src/clouds';
import type { ScopeTier } from '../src/scopes';
import { JobsService, SIGN_IN_NOTIFICATION, summaryOf } from './jobs-service';
import { itemsView, refreshInvitationState, runFollowUp } from './job-followups';
import { submitJob } from './submit-job';
import { t } from '../src/i18n';
import { ReviewsService } from './reviews';
import { undoHandlers } from './undo';

const TENANT_FACTS = sessionKeys.tenantFacts;

/** The browser's APIs as the services' ports, built once (browser-ports.ts). */
const ports = browserPorts();
const pages = new PageStatusService(ports.storage.session, ports.tabs);
const settingsService = new SettingsService(ports.storage.local, ports.policy);
const readSettings = () => settingsService.read();
const reviews = new ReviewsService({ session: ports.storage.session, tabs: ports.tabs, windows: ports.windows, extension: ports.extension, clock: ports.clock });

/** Extension pages hear runtime messages; the content scripts of admin-center tabs must be told by tab. */
async function announceAuthChange(): Promise<void> {
  const event = { event: 'auth/changed' };
  ports.messaging.toPages(event);
  for (const tabId of await pages.tabsWithPages()) ports.messaging.toTab(tabId, event);
}

const auth = new AuthService({
  settings: async () => (await readSettings()).settings,
  local: ports.storage.local,
  session: ports.storage.session,
  identity: ports.identity,
  msal: ports.msal,
  now: () => ports.clock.now(),
});
const jobs = new JobsService({ auth, settings: async () => (await readSettings()).settings, ports, graphClient: graphFor });
/** Where follow-ups keep invitation states and Graph's answers. */
const followUps = { records: jobs.records, local: ports.storage.local, now: () => ports.clock.now() };

/** Settings, the signed-in account and a Graph client for a tier; a clear error when any is missing. */
async function session(tier: ScopeTier) {
  const { settings } = await readSettings();
  if (!settings) throw new SignInRequired({ problem: 'not-configured', message: t('worker_openOptionsFirst') });
  const account = await auth.account();
  if (!account) throw new SignInRequired({ problem: 'login-required', message: t('worker_signInToContinue') }, tier);
  // Fails now with "sign in (again) / grant more permissions" rather than inside a batch of Graph calls.
  await auth.token(tier);
  const counter = { roundTrips: 0 };
  return { settings, account, counter, graph: graphFor(auth, settings, tier, { counter }) };
}

async function authStatus(tabId?: number): Promise<AuthStatus> {
  const merged = await readSettings();
  const account = merged.settings ? await auth.account() : undefined;
  const page = tabId === undefined ? undefined : await pages.pageStatus(tabId);
  const status: AuthStatus = {
    configured: merged.settings !== undefined,
    configProblem: merged.errors.map((e) => e.message).join(' ') || undefined,
    signedIn: account !== undefined,
    ...(account && !(await auth.sessionActive()) ? { sessionEnded: true } : {}),
    account: account && { username: account.username, name: account.name, tenantId: account.tenantId, objectId: account.objectId },
    cloud: merged.values.cloud,
    configuredTenant: merged.values.tenant,
    grantedTiers: account?.grantedTiers ?? [],
    pageTenant: page?.tenantHint,
  };
  if (account) {
    const facts = (await ports.storage.session.get([TENANT_FACTS]))[TENANT_FACTS] as TenantFacts | undefined;
    const known = facts?.tenantId === account.tenantId ? facts : undefined;
    if (known?.tenantName) status.tenantName = known.tenantName;
    const mismatch = tenantMismatch(page?.tenantHint, { tenantId: account.tenantId, ...(known ? { tenantName: known.tenantName, verifiedDomains: known.verifiedDomains } : {}) });
    if (mismatch) status.tenantMismatch = mismatch;
  }
  return status;
}

/** "Check my setup": the account, its consent and roles, the tenant's domains — reads only, never a sign-in prompt. */
async function setupCheck(): Promise<SetupFacts> {
  const status = await authStatus();
  const facts: SetupFacts = {
    configured: status.configured,
    ...(status.configProblem ? { configProblem: status.configProblem } : {}),
    cloud: isCloud(status.cloud) ? status.cloud : 'Global',
    ...(status.account
      ? { account: { username: status.account.username, tenantId: status.account.tenantId, ...(status.tenantName ? { tenantName: status.tenantName } : {}), grantedTiers: status.grantedTiers, ...(status.sessionEnded ? { sessionEnded: true } : {}) } }
      : {}),
  };
  if (!status.account || status.sessionEnded || !status.grantedTiers.includes('read')) return facts;
  try {
    const { graph, account } = await session('read');
    const reads = await setupReads(graph, account.objectId);
    return { ...facts, roles: reads.roles, verifiedDomains: reads.verifiedDomains, ...(facts.account && reads.tenantName ? { account: { ...facts.account, tenantName: reads.tenantName } } : {}) };
  } catch (error) {
    return { ...facts, readProblem: t('worker_setupReadFailed', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}

const handlers: Handlers = {
  // A content script speaks for its own tab; an extension page (the popup) may ask about the active tab.
  'auth/status': ({ tabId }, ctx) => authStatus(ctx.kind === 'content' ? ctx.tabId : tabId),
  'auth/signIn': async ({ tier }, ctx) => {
    const account = await auth.signIn(tier);
    // Jobs that waited for this sign-in continue (any tier will do: the refresh token serves the granted ones).
    jobs.afterSignIn(account.tenantId);
    // Prove the new token works against Graph before calling the admin signed in, and learn the tenant's
    // name and verified domains (the page may name its tenant by domain).
    const { graph } = await session('read');
    await graph.me();
    await ports.storage.session.set({ [TENANT_FACTS]: await tenantFacts(graph) });
    void announceAuthChange();
    return authStatus(ctx.tabId);
  },
  'auth/signOut': async (_p, ctx) => {
    await auth.signOut();
    await ports.storage.session.remove([TENANT_FACTS]);
    void announceAuthChange();
    return authStatus(ctx.tabId);
  },
  'page/report': async (report, ctx) => {
    if (ctx.tabId !== undefined) await pages.recordPage(ctx.tabId, ctx.frameId ?? 0, report);
    return null;
  },
  'page/status': async ({ tabId }) => {
    const { recognized, layout, missing } = await pages.pageStatus(tabId);
    return { recognized, layout, missing };
  },
  'users/preflight': async ({ userIds }) => {
    const { settings, account, graph } = await session('read');
    return preflight(graph, settings, account.objectId, userIds);
  },
  'setup/check': async () => ({ lines: checkSetup(await setupCheck()) }),
  'users/search': async ({ query }) => searchUsers((await session('read')).graph, query),
  'users/resolve': async ({ identifiers }) => resolveIdentifiers((await session('read')).graph, identifiers),
  'users/allFound': async ({ search }) => ({ ids: await allFound((await session('read')).graph, search) }),
  'review/open': async ({ userIds, tenantHint, placement }, ctx) => {
    if (ctx.tabId === undefined) throw new Error(t('worker_reviewNeedsTab'));
    const input = { userIds, ...(tenantHint ? { tenantHint } : {}) };
    await (placement === 'window' ? reviews.openInWindow(ctx.tabId, ctx.origin, input) : reviews.open(ctx.tabId, ctx.origin, input));
    return null;
  },
  'review/get': ({ ancestorOrigins }, ctx) => reviews.get(ctx.tabId, ancestorOrigins),
  // Only the framed review asks, with its own ancestors; the worker checks them against what it kept for the tab.
  'review/openWindow': async ({ ancestorOrigins }, ctx) => {
    await reviews.openWindowFor(ctx.tabId, ancestorOrigins);
    return null;
  },
  // Extension pages only (src/messages.ts): the review and the picker, which no page script can reach.
  'job/submit': async ({ items, options, expectedTenantId, acknowledgeUnverifiedRoles }) => {
    const tier: ScopeTier = options.setUserTypeGuest || items.some((i) => i.addToOtherMails || i.setMail === true) ? 'write' : 'invite';
    const { account, graph } = await session(tier);
    const request = { items, options, expectedTenantId, ...(acknowledgeUnverifiedRoles === true ? { acknowledgeUnverifiedRoles } : {}) };
    const header = await submitJob(jobs, graph, account, request, undefined);
    return { jobId: header.id };
  },
  'job/list': () => jobs.summaries(),
  'job/get': ({ jobId }) => jobs.summary(jobId),
  'job/items': (query) => itemsView(followUps, jobs.runner, query.jobId, query),
  'job/control': async ({ jobId, action }) => {
    switch (action) {
      case 'pause':
        return summaryOf(await jobs.runner.pause(jobId));
      case 'resume':
        if ((await jobs.summary(jobId)).state === 'waiting-for-sign-in') {
          // Resuming a job that waits for the admin means signing in; the job (and any other waiting) then continues.
          await jobs.signInToContinue();
          void announceAuthChange();
          break;
        }
        jobs.runner.resume(jobId).catch((e: unknown) => console.error('resume failed', e));
        break;
      case 'cancel':
        jobs.runner.cancel(jobId).catch((e: unknown) => console.error('cancel failed', e));
        break;
      case 'retryFailed':
        // A missing sign-in is reported now, not as a second round of failures.
        await jobs.retryFailed(jobId, () => session('invite'));
        break;
    }
    // The control step settles quickly (its run goes on): report the state it left.
    await new Promise((r) => setTimeout(r, 50));
    jobs.drive(jobId);
    return jobs.summary(jobId);
  },
  'job/refreshStatus': async ({ jobId }) => {
    const { graph, counter } = await session('read');
    return refreshInvitationState(followUps, jobs.runner, graph, () => counter.roundTrips, jobId);
  },
  'job/followUp': async ({ jobId, userIds, action }) => {
    const { graph } = await session('write');
    return { jobId, ...(await runFollowUp(followUps, jobs.runner, graph, jobId, userIds, action)) };
  },
  'history/clear': async () => {
    await jobs.clearHistory();
    return null;
  },
  ...undoHandlers({ auth, jobs, local: ports.storage.local, session, announce: () => void announceAuthChange() }),
};

listen(handlers, ports);
// Content scripts never read storage: keep the job history (UPNs, emails) out of their reach. storage.local can be
// restricted from Chrome 140 only; the manifest allows 116, where this is skipped (see storage-access.ts).
void ports.restrictStorage();
pages.forgetClosedTabs();
reviews.forgetClosedTabs();
jobs.listenForAlarms();
settingsService.onChanged(() => void announceAuthChange());
// Storage written by an older version is brought to the current layout first; then a job interrupted by the
// worker's death or a browser restart continues from where it was.
void migrateStorage(ports.storage)
  .catch((e: unknown) => console.error('storage migration failed', e))
  .then(() => jobs.resumeAll());
ports.onBrowserStart(() => {
  void jobs.resumeAll();
  // A new browser session: find out once, silently, whether the sign-in still works (the account card says).
  void auth.probeSession().then(() => announceAuthChange());
});
// The "sign in to continue" notification: clicking it is the sign-in; the waiting jobs then continue.
ports.notifications.onClicked((id) => {
  if (id !== SIGN_IN_NOTIFICATION) return;
  void ports.notifications.clear(id);
  jobs.signInToContinue().then(
    () => announceAuthChange(),
    (e: unknown) => console.error('sign-in from the notification failed', e),
  );
});
