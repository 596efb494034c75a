// The review page's Services (content/services.ts): typed requests to the worker, and the worker's events only; and
// the two things it does itself: open an extension page, and tell the admin-center tab it came from what to select.
// An extension page hears every runtime.sendMessage, including those of content scripts running in pages we do not
// own; progress and sign-in events count only when the worker sent them, and only in the shape the protocol allows.
import browser from 'webextension-polyfill';
import { backgroundSenderUrl, eventSchema, isFromWorker } from '../src/messages';
import { createClient } from '../src/messaging-client';
import type { Services } from '../content/services';

export function workerScriptUrl(): string {
  return backgroundSenderUrl(browser.runtime.getManifest().background, (path) => browser.runtime.getURL(path));
}

/** Opens one of the extension's pages (e.g. a job's page) in a new tab. */
export async function openExtensionPage(path: string): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL(path) });
}

/** A message for the content script of the admin-center tab a review came from (it checks the sender is the review). */
export async function sendToTab(tabId: number, message: unknown): Promise<void> {
  await browser.tabs.sendMessage(tabId, message);
}

export function createWorkerOnlyServices(): Services {
  const workerUrl = workerScriptUrl();
  return {
    request: createClient((m) => browser.runtime.sendMessage(m)),
    onEvent(listener, signal) {
      const onMessage = (raw: unknown, sender: browser.Runtime.MessageSender): undefined => {
        if (!isFromWorker(sender, browser.runtime.id, workerUrl)) return undefined;
        const parsed = eventSchema.safeParse(raw);
        if (parsed.success) listener(parsed.data);
        return undefined;
      };
      browser.runtime.onMessage.addListener(onMessage);
      signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
    },
    log(message, detail) {
      console.debug(`[B2B Convert] ${message}`, detail ?? '');
    },
  };
}
