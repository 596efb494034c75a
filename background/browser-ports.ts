// The one module of the worker that touches the browser's extension APIs for its services: it adapts chrome.*
// to the ports in worker-ports.ts, once, at start-up. (Sign-in's identity and offscreen calls still live in
// auth/; settings, reviews and the router are next.)
import { installMessageSource, messageSourceFrom } from '../src/i18n';
import { systemClock, type NetworkPort } from '../src/jobs';
import type { StorageArea } from '../src/storage';
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
    },
    tabs: {
      onRemoved: (listener) => chrome.tabs.onRemoved.addListener((tabId) => listener(tabId)),
      onNavigated: (listener) =>
        chrome.tabs.onUpdated.addListener((tabId, change) => {
          if (change.status === 'loading' && change.url) listener(tabId);
        }),
    },
    network,
    clock: systemClock,
  };
}
