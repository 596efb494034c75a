// The worker's side of the offscreen MSAL host: makes sure the one offscreen document exists, then asks it.
import { MSAL_HOST_TARGET, type MsalHostReply, type MsalHostRequest } from './msal-host-protocol';

const HOST_PATH = 'background/offscreen/offscreen.html';
let creating: Promise<void> | undefined;

async function ensureHost(): Promise<void> {
  const url = chrome.runtime.getURL(HOST_PATH);
  const existing = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (existing.length > 0) return;
  // Only one offscreen document may exist; concurrent callers share one creation.
  creating ??= chrome.offscreen
    .createDocument({
      url: HOST_PATH,
      reasons: [chrome.offscreen.Reason.LOCAL_STORAGE],
      justification: 'Hosts the Microsoft sign-in library (MSAL), which cannot run in a service worker.',
    })
    .finally(() => (creating = undefined));
  await creating;
}

type Payload = MsalHostRequest extends infer R ? (R extends MsalHostRequest ? Omit<R, 'target'> : never) : never;

export async function askMsalHost(request: Payload): Promise<MsalHostReply> {
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
    if (attempt >= 20) return { ok: false, errorCode: 'host_unavailable', message: 'The sign-in host did not answer.', interactionRequired: false };
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closeMsalHost(): Promise<void> {
  const url = chrome.runtime.getURL(HOST_PATH);
  const existing = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT], documentUrls: [url] });
  if (existing.length > 0) await chrome.offscreen.closeDocument();
}
