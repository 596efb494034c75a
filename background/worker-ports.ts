// What the worker's services need from the browser, as small interfaces. browser-ports.ts builds them once from
// the real APIs at start-up; unit tests hand the services fakes (test/support/worker-fakes.ts). No browser API here.
import type { Clock, NetworkPort } from '../src/jobs';
import type { StorageAreas } from '../src/storage';

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

export interface MessagingPort {
  /** To every extension page (they hear runtime messages); nobody listening is not an error. */
  toPages(message: unknown): void;
  /** To the content scripts of one tab (they only hear messages sent to their tab). */
  toTab(tabId: number, message: unknown): void;
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
  network: NetworkPort;
  clock: Clock;
}
