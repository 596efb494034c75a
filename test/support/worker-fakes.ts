// Fakes of the worker's ports (background/worker-ports.ts) and of a tenant's Graph, for unit tests of the worker's
// services. Every call is recorded; events (an alarm, a click, a closed tab) are fired by the test.
import { GraphApi } from '../../src/graph/client';
import type { TransportRequest, TransportResponse } from '../../src/graph/transport';
import { MemoryStorageArea } from '../../src/storage';
import type { BadgeState, MessageSender, NotificationContent, RequestListener, WorkerPorts } from '../../background/worker-ports';
import type { MsalHost, MsalHostPayload } from '../../background/auth/msal-host-client';
import type { MsalHostReply } from '../../background/auth/msal-host-protocol';
import type { JobsAuth } from '../../background/jobs-service';
import type { StoredAccount } from '../../background/auth/auth-service';
import type { graphFor } from '../../background/graph-edge';
import { idsOfFilter } from '../unit/graph-fake';

export interface FakePorts extends WorkerPorts {
  storage: { local: MemoryStorageArea; session: MemoryStorageArea };
  badges: BadgeState[];
  notifications: WorkerPorts['notifications'] & { shown: Map<string, NotificationContent>; log: Array<[string, NotificationContent]> };
  alarmsSet: Map<string, number>;
  toPages: unknown[];
  toTabs: Array<[number, unknown]>;
  /** Windows opened (url, size); `nextWindowTab` is the tab id the next one shows (undefined: it did not open). */
  windowsOpened: Array<{ url: string; width: number; height: number }>;
  nextWindowTab: number | undefined;
  /** What storage.managed holds (`'unavailable'`: the browser has no policy store); how many times it was read. */
  policyValues: unknown;
  policyReads: number;
  /** The browser's auth window: answers launchWebAuthFlow (default: no window, the flow fails). */
  authWindow: (url: string, interactive: boolean) => Promise<string | undefined>;
  authWindowCalls: Array<{ url: string; interactive: boolean }>;
  /** MSAL's host: answers every request (default: a host that is not there). */
  msalHost: (request: MsalHostPayload) => Promise<MsalHostReply>;
  msalRequests: MsalHostPayload[];
  msalClosed: number;
  fire: {
    /** A runtime message reaches the worker: resolves with its reply, or 'unanswered' when no listener took it. */
    request(message: unknown, sender: MessageSender): Promise<unknown>;
    storageChanged(area: string, keys: readonly string[]): void;
    alarm(name: string): void;
    browserStart(): void;
    notificationClick(id: string): void;
    tabRemoved(tabId: number): void;
    tabNavigated(tabId: number): void;
  };
}

export function fakePorts(): FakePorts {
  const listeners = {
    alarm: [] as Array<(n: string) => void>,
    start: [] as Array<() => void>,
    click: [] as Array<(id: string) => void>,
    removed: [] as Array<(t: number) => void>,
    navigated: [] as Array<(t: number) => void>,
    request: [] as RequestListener[],
    storage: [] as Array<(area: string, keys: readonly string[]) => void>,
  };
  const alarmsSet = new Map<string, number>();
  const shown = new Map<string, NotificationContent>();
  const log: Array<[string, NotificationContent]> = [];
  const ports: FakePorts = {
    storage: { local: new MemoryStorageArea(), session: new MemoryStorageArea() },
    restrictStorage: async () => 'restricted',
    onBrowserStart: (l) => void listeners.start.push(l),
    alarms: {
      repeat: (name, period) => void alarmsSet.set(name, period),
      clear: async (name) => void alarmsSet.delete(name),
      onAlarm: (l) => void listeners.alarm.push(l),
    },
    badges: [],
    badge: { show: async (state) => void ports.badges.push(state) },
    notifications: {
      shown,
      log,
      show: async (id, content) => {
        shown.set(id, content);
        log.push([id, content]);
      },
      clear: async (id) => void shown.delete(id),
      onClicked: (l) => void listeners.click.push(l),
    },
    alarmsSet,
    toPages: [],
    toTabs: [],
    messaging: {
      toPages: (m) => void ports.toPages.push(m),
      toTab: (tabId, m) => void ports.toTabs.push([tabId, m]),
      onRequest: (l) => void listeners.request.push(l),
    },
    tabs: { onRemoved: (l) => void listeners.removed.push(l), onNavigated: (l) => void listeners.navigated.push(l) },
    windowsOpened: [],
    nextWindowTab: 90,
    windows: {
      openPopup: async (url, size) => {
        ports.windowsOpened.push({ url, ...size });
        return ports.nextWindowTab;
      },
    },
    extension: { id: EXTENSION_ID, origin: `chrome-extension://${EXTENSION_ID}`, url: (path) => `chrome-extension://${EXTENSION_ID}/${path}` },
    policyValues: {},
    policyReads: 0,
    policy: {
      read: async () => {
        ports.policyReads += 1;
        if (ports.policyValues === 'unavailable') throw new Error('Managed storage is not available.');
        return structuredClone(ports.policyValues);
      },
      onStorageChanged: (l) => void listeners.storage.push(l),
    },
    authWindow: async () => {
      throw new Error('Authorization page could not be loaded.');
    },
    authWindowCalls: [],
    identity: {
      redirectUrl: () => `https://${EXTENSION_ID}.chromiumapp.org/`,
      launchWebAuthFlow: (url, interactive) => {
        ports.authWindowCalls.push({ url, interactive });
        return ports.authWindow(url, interactive);
      },
    },
    msalHost: async () => ({ ok: false, errorCode: 'host_unavailable', message: 'No MSAL host in this test.', interactionRequired: false }),
    msalRequests: [],
    msalClosed: 0,
    msal: {
      ask: (request) => {
        ports.msalRequests.push(request);
        return ports.msalHost(request);
      },
      close: async () => void (ports.msalClosed += 1),
    } satisfies MsalHost,
    network: { isOnline: () => true, onOnlineChange: () => () => undefined },
    clock: { now: () => Date.now(), sleep: (ms, signal) => new Promise((r) => { const t = setTimeout(r, ms); signal?.addEventListener('abort', () => (clearTimeout(t), r())); }) },
    fire: {
      request: (message, sender) =>
        new Promise((resolve) => {
          const taken = listeners.request.some((l) => l(message, sender, resolve));
          if (!taken) resolve('unanswered');
        }),
      storageChanged: (area, keys) => listeners.storage.forEach((l) => l(area, keys)),
      alarm: (name) => listeners.alarm.forEach((l) => l(name)),
      browserStart: () => listeners.start.forEach((l) => l()),
      notificationClick: (id) => listeners.click.forEach((l) => l(id)),
      tabRemoved: (t) => listeners.removed.forEach((l) => l(t)),
      tabNavigated: (t) => listeners.navigated.forEach((l) => l(t)),
    },
  };
  return ports;
}

/** The extension's id in the fakes (the unpacked build's pinned id). */
export const EXTENSION_ID = 'ggklaglfgknobpkjjlbjjbdohkadcjbf';

export const ACCOUNT: StoredAccount = {
  username: 'admin@contoso.example',
  name: 'Admin',
  tenantId: 'tenant-1',
  objectId: 'admin-id',
  grantedTiers: ['read', 'invite', 'write'],
  settingsKey: 'Global|contoso.example|client',
};

/** Sign-in that always has a token (or, with `signedOut`, needs the admin). Records sign-ins. */
export function fakeAuth(options: { signedOut?: boolean } = {}) {
  const state = { signedOut: options.signedOut ?? false, signIns: 0 };
  const auth: JobsAuth = {
    token: async () => {
      if (state.signedOut) {
        const { SignInRequired } = await import('../../background/auth/auth-service');
        throw new SignInRequired({ problem: 'login-required', code: 'interaction_required', message: 'Your sign-in session has ended.' });
      }
      return 'token';
    },
    invalidate: () => undefined,
    account: async () => ACCOUNT,
    signIn: async () => {
      state.signedOut = false;
      state.signIns += 1;
      return ACCOUNT;
    },
    signInTier: async (tier) => tier,
  };
  return { auth, state };
}

/**
 * A tenant's Graph at the transport: users u0…, invitations answered 201 with a redeem link, users read back with
 * the state the invitations left; PATCH userType answered 204. Records every request.
 */
export function fakeTenant(options: { refuse?: readonly string[] } = {}) {
  const invited = new Set<string>();
  /** Invited users who redeemed (Graph then reports Accepted). */
  const accepted = new Set<string>();
  const refused = new Set(options.refuse ?? []);
  const requests: TransportRequest[] = [];
  const user = (id: string) => ({ id, userPrincipalName: `${id}@contoso.example`, displayName: id, mail: null, otherMails: [], userType: 'Member', externalUserState: accepted.has(id) ? 'Accepted' : invited.has(id) ? 'PendingAcceptance' : null, externalUserStateChangeDateTime: invited.has(id) ? '2026-11-27T12:00:00Z' : null, accountEnabled: true });
  const send = async (req: TransportRequest): Promise<TransportResponse> => {
    requests.push(req);
    const url = new URL(req.url);
    if (req.method === 'POST' && url.pathname.endsWith('/$batch')) {
      const inner = (req.body as { requests: Array<{ id: string; method: string; url: string; body?: { invitedUser?: { id: string } } }> }).requests;
      const responses = inner.map((r) => {
        if (r.method === 'POST' && r.url === '/invitations') {
          const id = r.body?.invitedUser?.id ?? '';
          if (refused.has(id)) return { id: r.id, status: 400, headers: {}, body: { error: { code: 'BadRequest', message: 'The invited user cannot be converted.' } } };
          invited.add(id);
          return { id: r.id, status: 201, headers: {}, body: { id: `inv-${id}`, inviteRedeemUrl: `https://login.example/redeem?u=${id}`, invitedUser: { id } } };
        }
        if (r.method === 'PATCH') return { id: r.id, status: 204, headers: {} };
        if (r.method === 'GET' && r.url.startsWith('/users?')) return { id: r.id, status: 200, headers: {}, body: { value: idsOfFilter(r.url).map(user) } };
        return { id: r.id, status: 404, headers: {}, body: { error: { code: 'Request_ResourceNotFound', message: 'no' } } };
      });
      return { status: 200, headers: {}, body: { responses } };
    }
    if (req.method === 'GET' && url.pathname.endsWith('/users')) {
      return { status: 200, headers: {}, body: { value: idsOfFilter(url.pathname + url.search).map(user) } };
    }
    return { status: 404, headers: {}, body: { error: { code: 'Request_ResourceNotFound', message: `${req.method} ${url.pathname}` } } };
  };
  const graph = new GraphApi({ transport: { send }, sleep: async () => undefined, now: () => Date.now(), retry: { maxAttempts: 1 } });
  /** Stands in for graph-edge.ts's graphFor: same Graph layer, this tenant behind it. */
  const graphClient: typeof graphFor = () => graph;
  return { graph, graphClient, requests, invited, accepted, refused };
}

export const SETTINGS = { clientId: '11111111-2222-3333-4444-555555555555', tenant: 'contoso.example', cloud: 'Global' as const };
