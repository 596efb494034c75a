// Where MSAL runs, on a fake offscreen port: one document however many callers ask at once, a document still loading
// its script is waited for (briefly), and only the extension's own worker may ask the host.
import { describe, expect, it } from 'vitest';
import { chooseMsalHost, HOST_ANSWER_LIMIT_MS, offscreenHost, type OffscreenPort } from '../../background/auth/msal-host-client';
import { isFromOwnWorker, MSAL_HOST_TARGET } from '../../background/auth/msal-host-protocol';
import { EXTENSION_ID } from '../support/worker-fakes';

const ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** An offscreen document that answers after `silentFor` messages (the script still loading), once created. */
function fakeOffscreen(options: { silentFor?: number; throwsWhileLoading?: boolean } = {}) {
  const state = { exists: false, created: 0, closed: 0, sent: [] as unknown[] };
  const port: OffscreenPort = {
    exists: async () => state.exists,
    create: async () => {
      await new Promise((r) => setTimeout(r, 5));
      state.created += 1;
      state.exists = true;
    },
    close: async () => {
      state.closed += 1;
      state.exists = false;
    },
    send: async (message) => {
      state.sent.push(message);
      if (!state.exists || state.sent.length <= (options.silentFor ?? 0)) {
        if (options.throwsWhileLoading) throw new Error('Could not establish connection. Receiving end does not exist.');
        return undefined;
      }
      return { ok: true };
    },
  };
  return { port, state };
}

const noSleep = async () => undefined;

describe('MSAL host', () => {
  it('creates one offscreen document for callers that ask at once, and addresses the host by target', async () => {
    const { port, state } = fakeOffscreen();
    const host = offscreenHost(port, noSleep);
    const replies = await Promise.all([host.ask({ kind: 'ping' }), host.ask({ kind: 'ping' }), host.ask({ kind: 'ping' })]);
    expect(replies).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(state.created).toBe(1);
    expect(state.sent[0]).toEqual({ target: MSAL_HOST_TARGET, kind: 'ping' });
  });

  it('waits for a document still loading its script, then gives up with a clear reply', async () => {
    const loading = fakeOffscreen({ silentFor: 3, throwsWhileLoading: true });
    expect(await offscreenHost(loading.port, noSleep).ask({ kind: 'ping' })).toEqual({ ok: true });
    expect(loading.state.sent).toHaveLength(4);

    const mute = fakeOffscreen({ silentFor: Infinity });
    expect(await offscreenHost(mute.port, noSleep).ask({ kind: 'ping' })).toEqual({ ok: false, errorCode: 'host_unavailable', message: 'The sign-in host did not answer.', interactionRequired: false });
    const broken = fakeOffscreen({ silentFor: Infinity, throwsWhileLoading: true });
    await expect(offscreenHost(broken.port, noSleep).ask({ kind: 'ping' })).rejects.toThrow('Receiving end does not exist');
  });

  it('closes the document only when there is one', async () => {
    const { port, state } = fakeOffscreen();
    const host = offscreenHost(port, noSleep);
    await host.close();
    expect(state.closed).toBe(0);
    await host.ask({ kind: 'ping' });
    await host.close();
    expect(state.closed).toBe(1);
  });

  it('uses the offscreen document where the browser has one, and says why sign-in cannot work where nothing fits', async () => {
    const { port, state } = fakeOffscreen();
    let looked = 0;
    const host = chooseMsalHost({ offscreen: () => (looked++, port), hasDom: () => true, sleep: noSleep });
    expect(looked).toBe(0); // chosen on first use, not at start-up
    await host.ask({ kind: 'ping' });
    await host.ask({ kind: 'ping' });
    expect(looked).toBe(1);
    expect(state.created).toBe(1);

    const nowhere = chooseMsalHost({ offscreen: () => undefined, hasDom: () => false, sleep: noSleep });
    await expect(nowhere.ask({ kind: 'ping' })).rejects.toThrow('no offscreen documents and no background page');
  });

  it('a request MSAL never answers (its token endpoint stalled) fails after the limit instead of holding every later sign-in', async () => {
    const { port } = fakeOffscreen();
    const stalled: OffscreenPort = { ...port, send: () => new Promise(() => undefined) };
    const waited: number[] = [];
    let giveUp: () => void = () => undefined;
    const host = chooseMsalHost({
      offscreen: () => stalled,
      hasDom: () => false,
      sleep: noSleep,
      giveUpAfter: (ms) => (waited.push(ms), new Promise<void>((r) => (giveUp = r))),
    });
    const reply = host.ask({ kind: 'ping' });
    await new Promise((r) => setTimeout(r, 10));
    giveUp();
    expect(await reply).toEqual({ ok: false, errorCode: 'host_timeout', message: 'The sign-in host did not answer in time. Try again.', interactionRequired: false });
    expect(waited).toEqual([HOST_ANSWER_LIMIT_MS]);

    // An answer within the limit is the answer.
    const answering = chooseMsalHost({ offscreen: () => fakeOffscreen().port, hasDom: () => false, sleep: noSleep, giveUpAfter: () => new Promise(() => undefined) });
    expect(await answering.ask({ kind: 'ping' })).toEqual({ ok: true });
  });

  it('answers only the extension’s own worker', () => {
    const worker = { id: EXTENSION_ID, url: `${ORIGIN}/service-worker-loader.js` };
    expect(isFromOwnWorker(worker, EXTENSION_ID, ORIGIN)).toBe(true);
    // The popup and every other extension page receive runtime messages too: they have a document.
    expect(isFromOwnWorker({ ...worker, url: `${ORIGIN}/popup/popup.html`, documentId: 'D1' }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isFromOwnWorker({ ...worker, tab: { id: 1 } }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isFromOwnWorker({ ...worker, id: 'another-extension' }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isFromOwnWorker({ id: EXTENSION_ID, url: 'https://entra.microsoft.com/' }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isFromOwnWorker({ id: EXTENSION_ID }, EXTENSION_ID, ORIGIN)).toBe(false);
    expect(isFromOwnWorker({ id: EXTENSION_ID, url: 'not a url' }, EXTENSION_ID, ORIGIN)).toBe(false);
  });
});
