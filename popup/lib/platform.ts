// What the UI needs from the browser, as plain interfaces. Components receive these as props, so unit tests
// pass fakes and never import webextension-polyfill (which throws outside an extension).
import type { BroadcastEvent } from '../../src/messages';
import type { RequestFn } from '../../src/messaging-client';

export type { RequestFn };

export type EventSubscribe = (listener: (event: BroadcastEvent) => void) => () => void;

/** A small key-value store (chrome.storage.session in the extension, a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
}

export interface UiServices {
  request: RequestFn;
  subscribe: EventSubscribe;
  /** Opens an extension page (path relative to the extension root, e.g. `popup/picker.html`) in a new tab. */
  openPage: (path: string) => void;
  copyText: (text: string) => Promise<void>;
}

/** The browser's host permissions (permissions.contains / request / onAdded / onRemoved). */
export interface HostAccess {
  /** The patterns among these that the browser has not granted. */
  missing: (patterns: string[]) => Promise<string[]>;
  /** Must be called synchronously inside a click handler (user gesture); resolves true when granted. */
  request: (patterns: string[]) => Promise<boolean>;
  /** Calls back when host access is granted or revoked; returns the unsubscribe function. */
  onChange: (listener: () => void) => () => void;
}

/** What the first run needs: the stored settings (read without the worker), saving a client id, the redirect URI. */
export interface SetupServices {
  /** storage.local's settings and the worker's cached policy, in one read. */
  readSetup: () => Promise<{ policyCache: unknown; local: unknown }>;
  saveLocal: (settings: Record<string, string>) => Promise<void>;
  /** As OptionsServices.requestOrigins: call synchronously in the click handler. */
  requestOrigins: (origins: string[]) => Promise<boolean>;
  /** This browser's sign-in redirect URL (identity.getRedirectURL()). */
  redirectUrl: string;
}

export interface PopupServices extends UiServices, SetupServices {
  hostAccess: HostAccess;
  cache: KeyValueStore;
  /** The tab the popup was opened over (undefined when unknown, e.g. opened as a page). */
  activeTabId: () => Promise<number | undefined>;
}

export interface OptionsServices extends UiServices {
  readPolicy: () => Promise<unknown>;
  readLocal: () => Promise<unknown>;
  saveLocal: (settings: Record<string, string>) => Promise<void>;
  /**
   * Ask for optional host access. Must be called synchronously inside the click/submit handler (the browser
   * requires a user gesture); resolves true when granted.
   */
  requestOrigins: (origins: string[]) => Promise<boolean>;
  hostAccess: HostAccess;
  /** This browser's sign-in redirect URL (identity.getRedirectURL()). */
  redirectUrl: string;
}
