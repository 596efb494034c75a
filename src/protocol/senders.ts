// Who sent a message, from what the browser reports about it: an extension page, a content script in an admin-center
// page, the worker itself — or nobody the worker answers. Pure: the contexts' edges pass in the browser's facts.

export type SenderKind = 'content' | 'extension-page';

/**
 * Who sent a message, from what the browser tells the worker (runtime.MessageSender fields).
 * Extension pages: same extension id and our own origin. Content scripts: same extension id, inside a tab,
 * in a frame whose origin is an admin-center or React-view host.
 */
export function classifySender(
  sender: { id?: string; url?: string; origin?: string; tab?: unknown },
  ownId: string,
  isPortalOrigin: (origin: string) => boolean,
  /** The extension's own schemeAndHost() (`chrome-extension://<id>`, `moz-extension://<uuid>`). */
  ownOrigin = `chrome-extension://${ownId}`,
): SenderKind | undefined {
  if (sender.id !== ownId || !sender.url) return undefined;
  const origin = schemeAndHost(sender.url);
  if (origin === undefined) return undefined;
  // Chromium also reports the sending document's origin: when it does, both must say the same thing.
  if (sender.origin !== undefined && sender.origin !== origin) return undefined;
  if (origin === ownOrigin) return 'extension-page';
  if (sender.tab && isPortalOrigin(origin)) return 'content';
  return undefined;
}

/**
 * `scheme://host[:port]` of a URL. Not URL.origin: for a non-special scheme such as moz-extension:// some URL
 * parsers give the opaque origin "null", which would make every such URL look alike.
 */
export function schemeAndHost(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Is a runtime message from the extension's service worker? Extension pages hear every runtime.sendMessage, the
 * content scripts' included; events (job progress, sign-in changes) count only when the worker sent them: no tab,
 * no frame, our own origin, and the worker's script URL.
 */
export function isFromWorker(
  sender: { id?: string; url?: string; origin?: string; tab?: unknown; frameId?: number },
  ownId: string,
  workerUrl: string,
): boolean {
  if (sender.id !== ownId || sender.tab !== undefined || sender.url !== workerUrl) return false;
  if (sender.frameId !== undefined && sender.frameId !== -1 && sender.frameId !== 0) return false;
  return sender.origin === undefined || sender.origin === schemeAndHost(workerUrl);
}

/**
 * Is a message from one of the extension's own pages, the one at `path`? A content script hears what the extension
 * sends its tab (tabs.sendMessage): the review page shown in the extension's window tells it which users were
 * submitted. Only that page may: same extension id, our own origin (also where the browser reports the sending
 * document's), and the page's path.
 */
export function isFromOwnPage(sender: { id?: string; url?: string; origin?: string }, ownId: string, ownOrigin: string, path: string): boolean {
  if (sender.id !== ownId || !sender.url) return false;
  const origin = schemeAndHost(sender.url);
  if (origin !== ownOrigin || (sender.origin !== undefined && sender.origin !== origin)) return false;
  return new URL(sender.url).pathname === path;
}

/**
 * The URL the background reports as a message's sender: the service worker's script in Chromium; in Firefox, where
 * the background is an event page built from `background.scripts`, the page Firefox generates for it
 * (`_generated_background_page.html`), or the declared `background.page`.
 */
export function backgroundSenderUrl(
  background: { service_worker?: string; page?: string; scripts?: string[] } | undefined,
  getURL: (path: string) => string,
): string {
  if (background?.service_worker) return getURL(background.service_worker);
  if (background?.page) return getURL(background.page);
  return getURL('_generated_background_page.html');
}
