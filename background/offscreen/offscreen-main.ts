// The offscreen document that hosts MSAL for the Chromium worker (MSAL cannot get tokens inside a service worker:
// it needs `window`). It has no UI and talks to nobody but the worker; the MSAL work is msal-host.ts, the rule for
// who may ask is msal-host-protocol.ts. This is its own context's edge — the one module of the offscreen document
// that touches chrome.*, as browser-ports.ts is the worker's.
import { isFromOwnWorker, msalHostRequestSchema } from '../auth/msal-host-protocol';
import { failure, handleMsalRequest } from '../auth/msal-host';
import { schemeAndHost } from '../../src/protocol/senders';

const ownOrigin = schemeAndHost(chrome.runtime.getURL('')) ?? '';

chrome.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => {
  // Only the worker may ask; every other extension page also receives runtime messages and is ignored.
  if (!isFromOwnWorker(sender, chrome.runtime.id, ownOrigin)) return false;
  const parsed = msalHostRequestSchema.safeParse(raw);
  if (!parsed.success) return false;
  handleMsalRequest(parsed.data).then(sendResponse, (error: unknown) => sendResponse(failure(error)));
  return true;
});
