// Where MSAL runs, chosen by what the background can do (never by browser name):
// - a background with the offscreen API (Chromium's service worker, which has no DOM) hosts MSAL in one
//   offscreen document and talks to it by runtime messages;
// - a background that is itself a page with a DOM and web storage (Firefox's event page) runs MSAL in place.
// Both answer the same requests with the same replies, so AuthService has one code path after the host.
import { t } from '../../src/i18n';
import { MSAL_HOST_TARGET, type MsalHostReply, type MsalHostRequest } from './msal-host-protocol';

type Payload = MsalHostRequest extends infer R ? (R extends MsalHostRequest ? Omit<R, 'target'> : never) : never;

interface MsalHost {
  ask(request: Payload): Promise<MsalHostReply>;
  close(): Promise<void>;
}

const HOST_PATH = 'background/offscreen/offscreen.html';

/** MSAL in the one offscreen document (Chromium). */
function offscreenHost(offscreen: typeof chrome.offscreen): MsalHost {
  let creating: Promise<void> | undefined;
  const hostContexts = () =>
    chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [chrome.runtime.getURL(HOST_PATH)] });

  const ensureHost = async () => {
    if ((await hostContexts()).length > 0) return;
    // Only one offscreen document may exist; concurrent callers share one creation.
    creating ??= offscreen
      .createDocument({
        url: HOST_PATH,
        reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
        justification: 'Hosts the Microsoft sign-in library (MSAL), which cannot run in a service worker.',
      })
      .finally(() => (creating = undefined));
    await creating;
  };

  return {
    async ask(request) {
      await ensureHost();
      const message = { target: MSAL_HOST_TARGET, ...request };
      // The document may still be loading its script right after creation: retry briefly until it answers.
      for (let attempt = 0; ; attempt++) {
        try {
          const reply = (await chrome.runtime.sendMessage(message)) as MsalHostReply | undefined;
          if (reply) return reply;
        } catch (error) {
          if (attempt >= 20) throw error;
        }
        if (attempt >= 20) return { ok: false, errorCode: 'host_unavailable', message: t('worker_signInHostSilent'), interactionRequired: false };
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      if ((await hostContexts()).length > 0) await offscreen.closeDocument();
    },
  };
}

/**
 * MSAL in the background page itself (Firefox). Loaded on first use, so a background that never needs it
 * (and a service worker, where import() is not allowed) does not evaluate MSAL at start-up.
 */
function inPageHost(): MsalHost {
  const load = () => import('./msal-host');
  return {
    async ask(request) {
      const { handleMsalRequest, failure } = await load();
      return handleMsalRequest({ target: MSAL_HOST_TARGET, ...request } as MsalHostRequest).catch(failure);
    },
    async close() {
      // Signing out already cleared MSAL's cache in this page; nothing else outlives it.
    },
  };
}

/** A DOM and web storage: what MSAL needs to acquire tokens (it refuses to run without `window`). */
const backgroundHasDom = () => typeof window !== 'undefined' && typeof sessionStorage !== 'undefined';

let chosen: MsalHost | undefined;
function host(): MsalHost {
  if (chosen) return chosen;
  const offscreen = (globalThis as { chrome?: { offscreen?: typeof chrome.offscreen } }).chrome?.offscreen;
  if (offscreen?.createDocument) chosen = offscreenHost(offscreen);
  else if (backgroundHasDom()) chosen = inPageHost();
  else throw new Error(t('worker_noSignInHost'));
  return chosen;
}

export function askMsalHost(request: Payload): Promise<MsalHostReply> {
  return host().ask(request);
}

export function closeMsalHost(): Promise<void> {
  return host().close();
}
