// The one module of the worker that touches the browser's extension APIs: it adapts chrome.* to the ports in
// worker-ports.ts, once, at start-up. Every service of the worker gets its browser through these ports (and unit
// tests give them fakes: test/support/worker-fakes.ts). Firefox's event page has the same chrome.* namespace.
import { installMessageSource, messageSourceFrom } from '../src/i18n';
import { systemClock, type NetworkPort } from '../src/jobs';
import { schemeAndHost } from '../src/messages';
import type { StorageArea } from '../src/storage';
import { chooseMsalHost, MSAL_HOST_PATH, type OffscreenPort } from './auth/msal-host-client';
import { restrictToTrustedContexts } from './storage-access';
import type { WorkerPorts } from './worker-ports';

function area(storage: chrome.storage.StorageArea): StorageArea {
  return {
    get: (keys) => storage.get([...keys]),
    set: (entries) => storage.set(entries),
    remove: (keys) => storage.remove([...keys]),
    // getKeys arrived in Chrome 130 (the manifest allows 116): older browsers read everything once.
    keys: async () => {
      const withKeys = storage as chrome.storage.StorageArea & { getKeys?: () => Promise<string[]> };
      return typeof withKeys.getKeys === 'function' ? withKeys.getKeys() : Object.keys(await storage.get(null));
    },
  };
}

const network: NetworkPort = {
  isOnline: () => navigator.onLine,
  onOnlineChange(listener) {
    const online = () => listener(true);
    const offline = () => listener(false);
    self.addEventListener('online', online);
    self.addEventListener('offline', offline);
    return () => {
      self.removeEventListener('online', online);
      self.removeEventListener('offline', offline);
    };
  },
};

/** The offscreen document that hosts MSAL, where the browser has offscreen documents (Chromium). */
function offscreenPort(): OffscreenPort | undefined {
  const offscreen = (globalThis as { chrome?: { offscreen?: typeof chrome.offscreen } }).chrome?.offscreen;
  if (!offscreen?.createDocument) return undefined;
  const hostContexts = () =>
    chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [chrome.runtime.getURL(MSAL_HOST_PATH)] });
  return {
    exists: async () => (await hostContexts()).length > 0,
    create: () =>
      offscreen.createDocument({
        url: MSAL_HOST_PATH,
        reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
        justification: 'Hosts the Microsoft sign-in library (MSAL), which cannot run in a service worker.',
      }),
    close: () => offscreen.closeDocument(),
    send: (message) => chrome.runtime.sendMessage(message),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function browserPorts(): WorkerPorts {
  // Notifications, badge titles and error advice are words too: the worker speaks the browser's UI language.
  installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
  return {
    storage: { local: area(chrome.storage.local), session: area(chrome.storage.session) },
    restrictStorage: () => restrictToTrustedContexts(chrome.storage),
    onBrowserStart: (listener) => chrome.runtime.onStartup.addListener(listener),
    alarms: {
      repeat: (name, periodInMinutes) => void chrome.alarms.create(name, { periodInMinutes }),
      clear: async (name) => void (await chrome.alarms.clear(name)),
      onAlarm: (listener) => chrome.alarms.onAlarm.addListener((alarm) => listener(alarm.name)),
    },
    badge: {
      async show({ text, color, title }) {
        await chrome.action.setBadgeText({ text });
        await chrome.action.setBadgeBackgroundColor({ color });
        await chrome.action.setTitle({ title });
      },
    },
    notifications: {
      show: async (id, content) =>
        void (await chrome.notifications
          .create(id, {
            type: 'basic',
            iconUrl: chrome.runtime.getURL('popup/icons/icon-128.png'),
            title: content.title,
            message: content.message,
            ...(content.requireInteraction ? { requireInteraction: true } : {}),
          })
          .catch(() => undefined)),
      clear: async (id) => void (await chrome.notifications.clear(id).catch(() => undefined)),
      onClicked: (listener) => chrome.notifications.onClicked.addListener(listener),
    },
    messaging: {
      toPages: (message) => void chrome.runtime.sendMessage(message).catch(() => undefined),
      toTab: (tabId, message) => void chrome.tabs.sendMessage(tabId, message).catch(() => undefined),
      onRequest: (listener) => chrome.runtime.onMessage.addListener((message: unknown, sender, respond) => listener(message, sender, respond)),
    },
    tabs: {
      onRemoved: (listener) => chrome.tabs.onRemoved.addListener((tabId) => listener(tabId)),
      onNavigated: (listener) =>
        chrome.tabs.onUpdated.addListener((tabId, change) => {
          if (change.status === 'loading' && change.url) listener(tabId);
        }),
    },
    windows: {
      async openPopup(url, { width, height }) {
        const win = await chrome.windows.create({ url, type: 'popup', width, height, focused: true });
        return win?.tabs?.[0]?.id;
      },
    },
    extension: {
      id: chrome.runtime.id,
      // Firefox's extension origin is moz-extension://<per-profile uuid>, not the extension id: ask the browser.
      origin: schemeAndHost(chrome.runtime.getURL('')) ?? `chrome-extension://${chrome.runtime.id}`,
      url: (path) => chrome.runtime.getURL(path),
    },
    policy: {
      // Async: a browser without storage.managed fails the read (no policy) instead of throwing here.
      read: async () => chrome.storage.managed.get(null),
      onStorageChanged: (listener) => chrome.storage.onChanged.addListener((changes, area) => listener(area, Object.keys(changes))),
    },
    identity: {
      redirectUrl: () => chrome.identity.getRedirectURL(),
      launchWebAuthFlow: (url, interactive) => chrome.identity.launchWebAuthFlow({ url, interactive }),
    },
    msal: chooseMsalHost({
      offscreen: offscreenPort,
      // A DOM and web storage: what MSAL needs to acquire tokens (it refuses to run without `window`).
      hasDom: () => typeof window !== 'undefined' && typeof sessionStorage !== 'undefined',
      sleep,
      giveUpAfter: sleep,
    }),
    network,
    clock: systemClock,
  };
}
