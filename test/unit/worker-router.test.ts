// The worker's only door, on fake ports: every operation with a valid payload from each kind of sender the browser
// may report. The expected rules are written out here, not read from src/messages.ts, so that loosening a sender
// rule fails this test. Also: bad payloads never reach a handler, failures come back typed, and messages for the
// MSAL host are left to it.
import { describe, expect, it } from 'vitest';
import { listen, type CallContext, type Handlers } from '../../background/router';
import { SignInRequired } from '../../background/auth/auth-service';
import { GraphApiError } from '../../src/graph/http';
import type { Operation } from '../../src/messages';
import type { MessageSender } from '../../background/worker-ports';
import { EXTENSION_ID, fakePorts } from '../support/worker-fakes';

const USER = '0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
const TENANT = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
const JOB = 'job-123456';
const OWN_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** A valid payload for every operation. */
const PAYLOADS: Record<Operation, unknown> = {
  'auth/status': {},
  'auth/signIn': { tier: 'read' },
  'auth/signOut': {},
  'page/report': { recognized: true, layout: 'top' },
  'page/status': { tabId: 7 },
  'setup/check': {},
  'users/preflight': { userIds: [USER] },
  'review/open': { userIds: [USER] },
  'review/get': { ancestorOrigins: [] },
  'review/openWindow': { ancestorOrigins: ['https://entra.microsoft.com'] },
  'users/search': { query: 'ada' },
  'users/resolve': { identifiers: ['ada@contoso.example'] },
  'users/allFound': { search: 'ada' },
  'job/submit': {
    items: [{ userId: USER, userPrincipalName: 'a@contoso.example', displayName: 'A', email: 'a@fabrikam.example', addToOtherMails: false, privilegedOverride: false }],
    options: { sendInvitationMessage: false, inviteRedirectUrl: 'https://myapps.microsoft.com/', setUserTypeGuest: false },
    expectedTenantId: TENANT,
  },
  'job/list': {},
  'job/get': { jobId: JOB },
  'job/items': { jobId: JOB, offset: 0, limit: 50 },
  'job/control': { jobId: JOB, action: 'pause' },
  'job/refreshStatus': { jobId: JOB },
  'job/followUp': { jobId: JOB, userIds: [USER], action: 'setGuest' },
  'history/clear': {},
  'undo/status': {},
  'undo/setEnabled': { enabled: true },
  'undo/preview': { jobId: JOB, userIds: [USER] },
  'undo/submit': { jobId: JOB, expectedTenantId: TENANT, items: [{ userId: USER, userPrincipalName: 'a@contoso.example', password: 'Tmp-Passw0rd!' }] },
};

/** Who may call what. Content scripts run in pages we do not own: they report, open a review and ask about sign-in. */
const CONTENT_MAY = new Set<Operation>(['auth/status', 'auth/signIn', 'page/report', 'review/open', 'users/allFound']);
/** Extension pages (popup, review, picker, job page) may call everything except what only a page's content script can report. */
const PAGES_MAY_NOT = new Set<Operation>(['page/report', 'review/open', 'users/allFound']);

const SENDERS: Record<string, MessageSender> = {
  'content script in the admin center': { id: EXTENSION_ID, url: 'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers', origin: 'https://entra.microsoft.com', tab: { id: 7 }, frameId: 0 },
  'content script in the React-view frame': { id: EXTENSION_ID, url: 'https://sandbox-1.reactblade.portal.azure.net/React/Index', origin: 'https://sandbox-1.reactblade.portal.azure.net', tab: { id: 7 }, frameId: 3 },
  popup: { id: EXTENSION_ID, url: `${OWN_ORIGIN}/popup/popup.html`, origin: OWN_ORIGIN },
  'review framed in the admin center': { id: EXTENSION_ID, url: `${OWN_ORIGIN}/review/review.html`, origin: OWN_ORIGIN, tab: { id: 7 }, frameId: 9 },
  'another extension': { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/page.html', origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop' },
  'our content script on another site': { id: EXTENSION_ID, url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 8 }, frameId: 0 },
  'a page claiming our URL from another origin': { id: EXTENSION_ID, url: `${OWN_ORIGIN}/popup/popup.html`, origin: 'https://evil.example' },
};

const EXPECTED: Record<string, (op: Operation) => boolean> = {
  'content script in the admin center': (op) => CONTENT_MAY.has(op),
  'content script in the React-view frame': (op) => CONTENT_MAY.has(op),
  popup: (op) => !PAGES_MAY_NOT.has(op),
  'review framed in the admin center': (op) => !PAGES_MAY_NOT.has(op),
  'another extension': () => false,
  'our content script on another site': () => false,
  'a page claiming our URL from another origin': () => false,
};

function setUp(handle: (op: Operation, payload: unknown, ctx: CallContext) => Promise<unknown> = async (op) => ({ handled: op })) {
  const ports = fakePorts();
  const calls: Array<{ op: Operation; payload: unknown; ctx: CallContext }> = [];
  const handlers = Object.fromEntries(
    (Object.keys(PAYLOADS) as Operation[]).map((op) => [
      op,
      (payload: unknown, ctx: CallContext) => {
        calls.push({ op, payload, ctx });
        return handle(op, payload, ctx);
      },
    ]),
  ) as unknown as Handlers;
  listen(handlers, ports);
  return { ports, calls };
}

describe('router', () => {
  for (const [who, sender] of Object.entries(SENDERS)) {
    it(`lets ${who} call only what it may`, async () => {
      const { ports, calls } = setUp();
      for (const op of Object.keys(PAYLOADS) as Operation[]) {
        const reply = (await ports.fire.request({ op, payload: PAYLOADS[op] }, sender)) as { ok: boolean; value?: unknown; error?: { code: string } };
        if (EXPECTED[who]!(op)) {
          expect(reply, `${who} → ${op}`).toEqual({ ok: true, value: { handled: op } });
        } else {
          expect(reply, `${who} → ${op}`).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
        }
      }
      expect(calls.map((c) => c.op)).toEqual((Object.keys(PAYLOADS) as Operation[]).filter(EXPECTED[who]!));
    });
  }

  it('never lets a content script write to the directory, whatever it sends', async () => {
    const { ports, calls } = setUp();
    for (const op of ['job/submit', 'job/control', 'job/followUp'] as const) {
      const reply = await ports.fire.request({ op, payload: PAYLOADS[op] }, SENDERS['content script in the admin center']!);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('tells the handler who called: the kind, the tab and frame, and the document’s origin', async () => {
    const { ports, calls } = setUp();
    await ports.fire.request({ op: 'page/report', payload: { recognized: false, missing: ['grid'] } }, SENDERS['content script in the React-view frame']!);
    await ports.fire.request({ op: 'job/list' }, SENDERS.popup!);
    expect(calls.map((c) => c.ctx)).toEqual([
      { kind: 'content', tabId: 7, frameId: 3, url: 'https://sandbox-1.reactblade.portal.azure.net/React/Index', origin: 'https://sandbox-1.reactblade.portal.azure.net' },
      { kind: 'extension-page', tabId: undefined, frameId: undefined, url: `${OWN_ORIGIN}/popup/popup.html`, origin: OWN_ORIGIN },
    ]);
    expect(calls[1]!.payload).toEqual({});
  });

  it('answers a bad payload or an unknown operation with bad-request, without calling any handler', async () => {
    const { ports, calls } = setUp();
    const popup = SENDERS.popup!;
    expect(await ports.fire.request({ op: 'job/get', payload: { jobId: 'x' } }, popup)).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringContaining('at jobId') } });
    expect(await ports.fire.request({ op: 'job/get', payload: { jobId: JOB, extra: 1 } }, popup)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ports.fire.request({ op: 'users/deleteAll', payload: {} }, popup)).toMatchObject({ ok: false, error: { code: 'bad-request', message: 'Unknown operation "users/deleteAll".' } });
    expect(await ports.fire.request('job/list', popup)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it('turns a handler’s failure into a typed reply: sign-in needed (with the tier), Graph’s code, or the message', async () => {
    const failures: Partial<Record<Operation, unknown>> = {
      'job/list': new SignInRequired({ problem: 'consent-required', code: 'AADSTS65001', message: 'Consent is missing.' }, 'write'),
      'job/get': new GraphApiError({ status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges.', requestId: 'r-1' }),
      'history/clear': new Error('History is busy.'),
    };
    const { ports } = setUp(async (op) => {
      throw failures[op];
    });
    const popup = SENDERS.popup!;
    expect(await ports.fire.request({ op: 'job/list' }, popup)).toEqual({ ok: false, error: { code: 'sign-in-required', message: 'Consent is missing.', graphCode: 'AADSTS65001', tier: 'write' } });
    expect(await ports.fire.request({ op: 'job/get', payload: { jobId: JOB } }, popup)).toEqual({
      ok: false,
      error: { code: 'failed', message: expect.stringContaining('(Authorization_RequestDenied, HTTP 403, request id r-1)'), graphCode: 'Authorization_RequestDenied', status: 403, requestId: 'r-1' },
    });
    expect(await ports.fire.request({ op: 'history/clear' }, popup)).toEqual({ ok: false, error: { code: 'failed', message: 'History is busy.' } });
  });

  it('leaves messages for the MSAL host unanswered', async () => {
    const { ports, calls } = setUp();
    expect(await ports.fire.request({ target: 'b2b-msal-host', kind: 'ping', op: 'job/list' }, SENDERS.popup!)).toBe('unanswered');
    expect(calls).toEqual([]);
  });
});
