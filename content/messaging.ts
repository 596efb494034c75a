// The real Services: runtime messaging through webextension-polyfill, and the review window's messages. Kept to
// this one edge module.
import browser from 'webextension-polyfill';
import { eventSchema, isFromOwnPage, schemeAndHost } from '../src/messages';
import { createClient } from '../src/messaging-client';
import type { Services } from './services';

/** The review page's path (review/review.html, web-accessible with a dynamic URL: only the path is fixed). */
const REVIEW_PAGE_PATH = '/review/review.html';

/**
 * Messages the review page sends this tab when it is shown in the extension's own window (tabs.sendMessage): only
 * from our own extension's review document (isFromOwnPage); no page and no other extension can send a message
 * with our id.
 */
export function reviewWindowMessages(listener: (raw: unknown) => void, signal: AbortSignal): void {
  const ownOrigin = schemeAndHost(browser.runtime.getURL('')) ?? '';
  const onMessage = (raw: unknown, sender: browser.Runtime.MessageSender): undefined => {
    if (isFromOwnPage(sender, browser.runtime.id, ownOrigin, REVIEW_PAGE_PATH)) listener(raw);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}

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
