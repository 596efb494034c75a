// The whole sandbox in one call: one HTTPS server on a free port answering for the admin center
// (entra.microsoft.com, portal.azure.com, *.reactblade.portal.azure.net), Microsoft Graph and the login authority.
// Pair it with launchBrowserWithExtension() (browser.ts), which maps those names to this server in Chromium.
import { buildDemoTenant } from './demo-tenant';
import { createGraphEmulator, type GraphEmulator, type GraphFaults } from './graph/index';
import { createLoginEmulator, type LoginEmulator, type LoginRuntimeOptions } from './login/index';
import { createPortalReplica, PORTAL_LAYOUTS, type PortalLayout, type PortalReplicaOptions } from './portal/index';
import { startSandboxServer, type SandboxServer } from './server';
import { TokenSigner } from './tokens';
import type { HostApp, SandboxTenant } from './types';

export interface SandboxOptions {
  /** Default: buildDemoTenant() (Contoso, 240 users). */
  tenant?: SandboxTenant;
  /** Admin-center grid variant; 'random' (default) picks one per run and logs it. SANDBOX_LAYOUT=grid|table|tabs pins it. */
  layout?: PortalLayout | 'random';
  faults?: Partial<GraphFaults>;
  inviteLimit?: { max: number; windowMs: number };
  /** Login emulator options (changeable later through `sandbox.login.set`). */
  login?: Partial<LoginRuntimeOptions>;
  /** Extra portal replica options (frame host, view delay, class seed). */
  portal?: Partial<Omit<PortalReplicaOptions, 'layout' | 'listUsers'>>;
  /** Listening port; default 0 (a free one). */
  port?: number;
  /** Shared server clock for Graph and login (ms). Default Date.now. */
  clock?: () => number;
  /** Where the sandbox reports (layout choice, handler errors). Default console. */
  log?: (message: string) => void;
}

export interface Sandbox {
  port: number;
  graph: GraphEmulator;
  login: LoginEmulator;
  portal: HostApp;
  /** The tenant as seeded (the Graph emulator holds the live state: `graph.state()`). */
  tenant: SandboxTenant;
  layout: PortalLayout;
  signer: TokenSigner;
  server: SandboxServer;
  urls: {
    /** The admin center's All users page. */
    allUsers: string;
    /** The same page under portal.azure.com. */
    allUsersAzurePortal: string;
    /** `https://login.microsoftonline.com/<tid>` */
    authority: string;
    /** `https://graph.microsoft.com/v1.0` */
    graph: string;
  };
  stop(): Promise<void>;
}

export const ALL_USERS_ROUTE = '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers';
const PORTAL_HOSTS = [
  'entra.microsoft.com',
  'portal.azure.com',
  'ms.portal.azure.com',
  '*.reactblade.portal.azure.net',
  '*.reactblade-ms.portal.azure.net',
];

function chooseLayout(requested: SandboxOptions['layout'], log: (m: string) => void): PortalLayout {
  const known = (v: unknown): v is PortalLayout => (PORTAL_LAYOUTS as readonly unknown[]).includes(v);
  if (known(requested)) return requested;
  const pinned = process.env.SANDBOX_LAYOUT;
  if (known(pinned)) {
    log(`[sandbox] portal layout: ${pinned} (SANDBOX_LAYOUT)`);
    return pinned;
  }
  const picked = PORTAL_LAYOUTS[Math.floor(Math.random() * PORTAL_LAYOUTS.length)]!;
  log(`[sandbox] portal layout: ${picked} (random; set SANDBOX_LAYOUT=${picked} to repeat)`);
  return picked;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const tenant = opts.tenant ?? buildDemoTenant();
  const signer = new TokenSigner();
  const clock = opts.clock ?? (() => Date.now());
  const layout = chooseLayout(opts.layout ?? 'random', log);

  // The emulator keeps its own copy, so the caller's tenant object stays as it was seeded.
  const graph = createGraphEmulator({
    tenant: structuredClone(tenant),
    signer,
    clock,
    ...(opts.faults ? { faults: opts.faults } : {}),
    ...(opts.inviteLimit ? { inviteLimit: opts.inviteLimit } : {}),
  });
  const login = createLoginEmulator({ tenant, signer, clock, ...opts.login });
  const portal = createPortalReplica({
    tenant: { tenantId: tenant.tenantId, domain: tenant.verifiedDomains[1] ?? tenant.verifiedDomains[0] ?? '', displayName: tenant.displayName },
    ...opts.portal,
    layout,
    listUsers: () => graph.state().users,
  });

  const routes: Record<string, HostApp> = {
    'graph.microsoft.com': graph,
    'login.microsoftonline.com': login,
  };
  for (const host of PORTAL_HOSTS) routes[host] = portal;
  const server = await startSandboxServer({ port: opts.port ?? 0, routes, log: (m) => (opts.log ?? console.error)(m) });

  return {
    port: server.port,
    graph,
    login,
    portal,
    tenant,
    layout,
    signer,
    server,
    urls: {
      allUsers: `https://entra.microsoft.com/${ALL_USERS_ROUTE}`,
      allUsersAzurePortal: `https://portal.azure.com/${ALL_USERS_ROUTE}`,
      authority: `https://login.microsoftonline.com/${tenant.tenantId}`,
      graph: 'https://graph.microsoft.com/v1.0',
    },
    stop: () => server.close(),
  };
}

export { launchBrowserWithExtension, type ExtensionBrowser, type BrowserOptions } from './browser';
export { buildDemoTenant, buildSmallTenant, type DemoTenant } from './demo-tenant';
export type { GraphEmulator, LoginEmulator };
