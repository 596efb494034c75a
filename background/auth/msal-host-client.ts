// Where MSAL runs, chosen by what the background can do (never by browser name):
// - a background with the offscreen API (Chromium's service worker, which has no DOM) hosts MSAL in one
//   offscreen document and talks to it by runtime messages;
// - a background that is itself a page with a DOM and web storage (Firefox's event page) runs MSAL in place.
// Both answer the same requests with the same replies, so AuthService has one code path after the host.
// The browser's offscreen and messaging calls come in through OffscreenPort (built in browser-ports.ts).
import { MSAL_HOST_TARGET, type MsalHostReply, type MsalHostRequest } from './msal-host-protocol';
import { t } from '../../src/i18n';

export type MsalHostPayload = MsalHostRequest extends infer R ? (R extends MsalHostRequest ? Omit<R, 'target'> : never) : never;

export interface MsalHost {
  ask(request: MsalHostPayload): Promise<MsalHostReply>;
  close(): Promise<void>;
}

export const MSAL_HOST_PATH = 'background/offscreen/offscreen.html';

/** The browser's offscreen documents, as the MSAL host needs them. */
export interface OffscreenPort {
  /** Whether the host document exists now. */
  exists(): Promise<boolean>;
  create(): Promise<void>;
  close(): Promise<void>;
  /** A runtime message to the extension's pages (the host answers; nobody answering resolves undefined). */
  send(message: unknown): Promise<unknown>;
}

/** How long to wait for a just-created document to answer: it may still be loading its script. */
const ANSWER_TRIES = 20;
const ANSWER_PAUSE_MS = 50;

/** MSAL in the one offscreen document (Chromium). */
export function offscreenHost(offscreen: OffscreenPort, sleep: (ms: number) => Promise<void>): MsalHost {
  let creating: Promise<void> | undefined;
  const ensureHost = async () => {
    if (await offscreen.exists()) return;
    // Only one offscreen document may exist; concurrent callers share one creation.
    creating ??= offscreen.create().finally(() => (creating = undefined));
    await creating;
  };

  return {
    async ask(request) {
      await ensureHost();
      const message = { target: MSAL_HOST_TARGET, ...request };
      // The document may still be loading its script right after creation: retry briefly until it answers.
      for (let attempt = 0; ; attempt++) {
        try {
          const reply = (await offscreen.send(message)) as MsalHostReply | undefined;
          if (reply) return reply;
        } catch (error) {
          if (attempt >= ANSWER_TRIES) throw error;
        }
        if (attempt >= ANSWER_TRIES) return { ok: false, errorCode: 'host_unavailable', message: t('worker_signInHostSilent'), interactionRequired: false };
        await sleep(ANSWER_PAUSE_MS);
      }
    },
    async close() {
      if (await offscreen.exists()) await offscreen.close();
    },
  };
}

/**
 * MSAL in the background page itself (Firefox). Loaded on first use, so a background that never needs it
 * (and a service worker, where import() is not allowed) does not evaluate MSAL at start-up.
 */
export function inPageHost(): MsalHost {
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

/** A host that cannot be: every request fails with the reason (a background with neither offscreen nor DOM). */
function noHost(): MsalHost {
  const message = t('worker_noSignInHost');
  return {
    ask: () => Promise.reject(new Error(message)),
    close: () => Promise.reject(new Error(message)),
  };
}

/**
 * How long one request to MSAL may take. MSAL's own network calls (the token endpoint, for a refresh) have no time
 * limit, and sign-ins queue behind each other: one request that never returns would hold every later sign-in and
 * every job waiting for a token. A request that outlives this is answered as failed, and the admin can try again.
 */
export const HOST_ANSWER_LIMIT_MS = 60_000;

/**
 * The host for this background, chosen on first use: the offscreen document where the browser offers one, else the
 * background page itself when it has a DOM and web storage (what MSAL needs: it refuses to run without `window`).
 * `giveUpAfter(ms)` resolves when a request has waited `ms` (the real clock); without it requests are not limited.
 */
export function chooseMsalHost(env: {
  offscreen: () => OffscreenPort | undefined;
  hasDom: () => boolean;
  sleep: (ms: number) => Promise<void>;
  giveUpAfter?: (ms: number) => Promise<void>;
}): MsalHost {
  let chosen: MsalHost | undefined;
  const host = (): MsalHost => {
    if (chosen) return chosen;
    const offscreen = env.offscreen();
    chosen = offscreen ? offscreenHost(offscreen, env.sleep) : env.hasDom() ? inPageHost() : noHost();
    return chosen;
  };
  const limited = (answer: Promise<MsalHostReply>): Promise<MsalHostReply> => {
    if (!env.giveUpAfter) return answer;
    const late = env.giveUpAfter(HOST_ANSWER_LIMIT_MS).then(
      (): MsalHostReply => ({ ok: false, errorCode: 'host_timeout', message: t('worker_signInHostTimedOut'), interactionRequired: false }),
    );
    return Promise.race([answer, late]);
  };
  return {
    ask: (request) => limited(host().ask(request)),
    close: () => host().close(),
  };
}
