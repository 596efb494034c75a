// The review page's Services (content/services.ts): typed requests to the worker, and the worker's events only.
// An extension page hears every runtime.sendMessage, including those of content scripts running in pages we do not
// own; progress and sign-in events count only when the worker sent them, and only in the shape the protocol allows.
import browser from 'webextension-polyfill';
import { eventSchema, isFromWorker } from '../src/messages';
import { createClient } from '../src/messaging-client';
import type { Services } from '../content/services';

export function workerScriptUrl(): string {
  return chrome.runtime.getURL(chrome.runtime.getManifest().background?.service_worker ?? '');
}

export function createWorkerOnlyServices(): Services {
  const workerUrl = workerScriptUrl();
  return {
    request: createClient((m) => browser.runtime.sendMessage(m)),
    onEvent(listener, signal) {
      const onMessage = (raw: unknown, sender: browser.Runtime.MessageSender): undefined => {
        if (!isFromWorker(sender, chrome.runtime.id, workerUrl)) return undefined;
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
