// What the worker's services need from the browser, as small interfaces. browser-ports.ts builds them once from
// the real APIs at start-up; unit tests hand the services fakes (test/support/worker-fakes.ts). No browser API here.
import type { Clock, NetworkPort } from '../src/jobs';
import type { StorageAreas } from '../src/storage';
import type { MsalHost } from './auth/msal-host-client';

export interface AlarmsPort {
  /** Creates (or replaces) a repeating alarm. */
  repeat(name: string, periodInMinutes: number): void;
  clear(name: string): Promise<void>;
  onAlarm(listener: (name: string) => void): void;
}

export interface BadgeState {
  text: string;
  color: string;
  title: string;
}

export interface BadgePort {
  show(state: BadgeState): Promise<void>;
}

export interface NotificationContent {
  title: string;
  message: string;
  /** Stays until the admin acts (the sign-in notification). */
  requireInteraction?: boolean;
}

export interface NotificationsPort {
  /** Shows (or replaces) the notification with this id, with the extension's icon; failures are swallowed. */
  show(id: string, content: NotificationContent): Promise<void>;
  clear(id: string): Promise<void>;
  onClicked(listener: (id: string) => void): void;
}

/** What the browser says about who sent a runtime message (the fields of runtime.MessageSender the worker reads). */
export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

/**
 * Answers one runtime message: return true to answer later through `respond`, false to leave it unanswered (it is
 * someone else's, e.g. the offscreen MSAL host's).
 */
export type RequestListener = (message: unknown, sender: MessageSender, respond: (reply: unknown) => void) => boolean;

export interface MessagingPort {
  /** To every extension page (they hear runtime messages); nobody listening is not an error. */
  toPages(message: unknown): void;
  /** To the content scripts of one tab (they only hear messages sent to their tab). */
  toTab(tabId: number, message: unknown): void;
  /** Every runtime message sent to the worker (from pages and content scripts). */
  onRequest(listener: RequestListener): void;
}

/** The extension itself: its id and origin (Firefox's origin is a per-profile uuid, not the id), and its URLs. */
export interface ExtensionPort {
  id: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  origin: string;
  url(path: string): string;
}

export interface WindowsPort {
  /** Opens an extension page in a popup window of its own; resolves with the id of the tab it shows, if any. */
  openPopup(url: string, size: { width: number; height: number }): Promise<number | undefined>;
}

/** storage.managed (enterprise policy, read-only) and the change events of every area. */
export interface PolicyPort {
  /** The policy's values; {} where the browser has no policy store. */
  read(): Promise<unknown>;
  /** Keys changed in an area ('local', 'session', 'managed', 'sync'). */
  onStorageChanged(listener: (area: string, keys: readonly string[]) => void): void;
}

export interface IdentityPort {
  /** The redirect URI the browser's web auth flow returns to (…chromiumapp.org / …extensions.allizom.org). */
  redirectUrl(): string;
  /** Runs the authorize URL in the browser's auth window (`interactive` false: no window, or fail). Resolves with the redirect URL. */
  launchWebAuthFlow(url: string, interactive: boolean): Promise<string | undefined>;
}

export interface TabsPort {
  onRemoved(listener: (tabId: number) => void): void;
  /** A tab started loading a new URL: what its old page reported no longer applies. */
  onNavigated(listener: (tabId: number) => void): void;
}

export interface WorkerPorts {
  storage: StorageAreas;
  /** Keeps storage out of content scripts' reach where the browser can (storage-access.ts). */
  restrictStorage(): Promise<'restricted' | 'unsupported' | 'failed'>;
  /** A new browser session started (not a mere worker restart). */
  onBrowserStart(listener: () => void): void;
  alarms: AlarmsPort;
  badge: BadgePort;
  notifications: NotificationsPort;
  messaging: MessagingPort;
  tabs: TabsPort;
  windows: WindowsPort;
  extension: ExtensionPort;
  policy: PolicyPort;
  identity: IdentityPort;
  /** Where MSAL runs: the offscreen document (Chromium) or the background page itself (Firefox). */
  msal: MsalHost;
  network: NetworkPort;
  clock: Clock;
}
