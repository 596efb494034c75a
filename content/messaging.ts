// The real Services: runtime messaging through webextension-polyfill. Kept to this one edge module.
import browser from 'webextension-polyfill';
import { eventSchema } from '../src/messages';
import { createClient } from '../src/messaging-client';
import type { Services } from './services';

export function createBrowserServices(): Services {
  return {
    request: createClient((m) => browser.runtime.sendMessage(m)),
    onEvent(listener, signal) {
      const onMessage = (raw: unknown): undefined => {
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
