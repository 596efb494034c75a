// The offscreen document that hosts MSAL for the Chromium worker (MSAL cannot get tokens inside a service worker:
// it needs `window`). It has no UI and talks to nobody but the worker; the MSAL work is msal-host.ts.
import { msalHostRequestSchema } from '../auth/msal-host-protocol';
import { failure, handleMsalRequest } from '../auth/msal-host';

const ownOrigin = new URL(chrome.runtime.getURL('')).origin;

/**
 * True only for the extension's service worker: same extension, our origin, and no document (pages such
 * as the popup have a documentId; a worker has none). Offscreen documents have little of chrome.runtime
 * (no getManifest), so the worker is recognised by these facts rather than by its script name.
 */
function fromOwnWorker(sender: chrome.runtime.MessageSender): boolean {
  return sender.id === chrome.runtime.id && !sender.tab && sender.documentId === undefined && new URL(sender.url ?? 'about:blank').origin === ownOrigin;
}

chrome.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
  // Only the worker may ask; every other extension page also receives runtime messages and is ignored.
  if (!fromOwnWorker(sender)) return false;
  const parsed = msalHostRequestSchema.safeParse(raw);
  if (!parsed.success) return false;
  handleMsalRequest(parsed.data).then(sendResponse, (error: unknown) => sendResponse(failure(error)));
  return true;
});

