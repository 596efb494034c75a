// The one module of the pages that touches the browser. Entry points build services here and hand them
// to components as props; nothing else imports webextension-polyfill.
import browser from 'webextension-polyfill';
import { backgroundSenderUrl, eventSchema, isFromWorker } from '../../src/messages';
import { createClient } from '../../src/messaging-client';
import { localKeys } from '../../src/storage/keys';
import type { EventSubscribe, HostAccess, KeyValueStore, OptionsServices, PopupServices, UiServices } from './platform';

export const request = createClient((m) => browser.runtime.sendMessage(m));

const workerUrl = () => backgroundSenderUrl(browser.runtime.getManifest().background, (path) => browser.runtime.getURL(path));

/** The worker's events only: extension pages also hear content scripts' runtime messages, which are ignored. */
export const subscribe: EventSubscribe = (listener) => {
  const handler = (raw: unknown, sender: browser.Runtime.MessageSender) => {
    if (!isFromWorker(sender, browser.runtime.id, workerUrl())) return undefined;
    const parsed = eventSchema.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    // Return nothing: this page never answers requests, the worker does.
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
};

export function openPage(path: string): void {
  void browser.tabs.create({ url: browser.runtime.getURL(path) });
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}

export const sessionStore: KeyValueStore = {
  async get<T>(key: string) {
    try {
      return (await browser.storage.session.get(key))[key] as T | undefined;
    } catch {
      return undefined;
    }
  },
  async set(key, value) {
    await browser.storage.session.set({ [key]: value }).catch(() => undefined);
  },
};

export const hostAccess: HostAccess = {
  async missing(patterns) {
    const granted = await Promise.all(patterns.map((p) => browser.permissions.contains({ origins: [p] }).catch(() => false)));
    return patterns.filter((_, i) => !granted[i]);
  },
  request: (patterns) => browser.permissions.request({ origins: patterns }),
  onChange(listener) {
    const handler = () => listener();
    browser.permissions.onAdded.addListener(handler);
    browser.permissions.onRemoved.addListener(handler);
    return () => {
      browser.permissions.onAdded.removeListener(handler);
      browser.permissions.onRemoved.removeListener(handler);
    };
  },
};

export function uiServices(): UiServices {
  return { request, subscribe, openPage, copyText };
}

const saveLocal = (settings: Record<string, string>) => chrome.storage.local.set({ [localKeys.settings]: settings });
const requestOrigins = (origins: string[]) => chrome.permissions.request({ origins });

export function popupServices(): PopupServices {
  return {
    ...uiServices(),
    // Straight from storage: the popup knows whether the extension is set up without waking the worker.
    readSetup: () =>
      chrome.storage.local
        .get([localKeys.settings, localKeys.policyCache])
        .then((r) => ({ policyCache: r[localKeys.policyCache] as unknown, local: r[localKeys.settings] as unknown })),
    saveLocal,
    requestOrigins,
    redirectUrl: chrome.identity.getRedirectURL(),
    cache: sessionStore,
    hostAccess,
    async activeTabId() {
      // The action popup is not a tab: the page it is about is the active tab of its window.
      const self = await browser.tabs.getCurrent();
      if (!self) {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        return tab?.id;
      }
      // Opened detached (in a tab or its own window): it is about the active tab of the last focused browser
      // window, unless that is this very page.
      const window = await chrome.windows.getLastFocused({ windowTypes: ['normal'], populate: true });
      return window.tabs?.find((t) => t.active && t.id !== self.id)?.id;
    },
  };
}

export function optionsServices(): OptionsServices {
  return {
    ...uiServices(),
    // No policy store (or no schema) makes managed.get throw: that means "no policy".
    readPolicy: () => chrome.storage.managed.get().catch(() => ({})),
    readLocal: () => chrome.storage.local.get(localKeys.settings).then((r) => r[localKeys.settings] as unknown),
    saveLocal,
    // Called synchronously from the Save handler so the permission prompt counts as part of the click.
    requestOrigins,
    hostAccess,
    redirectUrl: chrome.identity.getRedirectURL(),
  };
}
