// Who may call what, from what the browser reports about the sender: every operation that writes to the directory is
// refused from a content script (whatever its payload), each still schema-checked from an extension page; events
// count only when the worker sent them; the worker's own check of what it writes (redirect URL, cc).
import { describe, expect, it } from 'vitest';
import { isAdminCenterOrigin, isReactViewFrameOrigin } from '../../src/clouds';
import { allowedSenders, classifySender, eventSchema, isFromOwnPage, isFromWorker, parseRequest, WRITE_OPERATIONS, type Operation } from '../../src/messages';

const OWN = 'ggklaglfgknobpkjjlbjjbdohkadcjbf';
const isPortal = (o: string) => isAdminCenterOrigin(o) || isReactViewFrameOrigin(o);
const USER = '0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
const TENANT = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
const item = (extra = {}) => ({ userId: USER, userPrincipalName: 'a@contoso.com', displayName: 'A', email: 'a@fabrikam.example', addToOtherMails: false, privilegedOverride: false, ...extra });
const options = (extra = {}) => ({ sendInvitationMessage: false, inviteRedirectUrl: 'https://myapps.microsoft.com/', setUserTypeGuest: false, ...extra });

/** Every write the worker knows, in the shapes a hostile content script would send. */
const WRITES: Array<[string, Operation, unknown]> = [
  ['job/submit', 'job/submit', { items: [item()], options: options(), expectedTenantId: TENANT }],
  ['job/submit with the privileged override', 'job/submit', { items: [item({ privilegedOverride: true })], options: options(), expectedTenantId: TENANT }],
  ['job/submit adding the email to otherMails', 'job/submit', { items: [item({ addToOtherMails: true, email: 'attacker@evil.example' })], options: options(), expectedTenantId: TENANT }],
  ['job/submit setting the user type', 'job/submit', { items: [item()], options: options({ setUserTypeGuest: true }), expectedTenantId: TENANT }],
  ['retry failed', 'job/control', { jobId: 'job-123456', action: 'retryFailed' }],
  ['reset redemption', 'job/followUp', { jobId: 'job-123456', userIds: [USER], action: 'resetRedemption' }],
  ['set user type', 'job/followUp', { jobId: 'job-123456', userIds: [USER], action: 'setGuest' }],
];

const contentSender = { id: OWN, url: 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true', origin: 'https://sandbox-1.reactblade.portal.azure.net', tab: { id: 7 }, frameId: 3 };
const topContentSender = { id: OWN, url: 'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers', origin: 'https://entra.microsoft.com', tab: { id: 7 }, frameId: 0 };
/** The review page framed in the admin center: an extension document inside the tab. */
const framedReview = { id: OWN, url: `chrome-extension://${OWN}/review/review.html`, origin: `chrome-extension://${OWN}`, tab: { id: 7 }, frameId: 9 };

describe('sender rules', () => {
  it('classifies from what the browser reports', () => {
    expect(classifySender(contentSender, OWN, isPortal)).toBe('content');
    expect(classifySender(topContentSender, OWN, isPortal)).toBe('content');
    expect(classifySender(framedReview, OWN, isPortal)).toBe('extension-page');
    expect(classifySender({ ...contentSender, id: 'another-extension' }, OWN, isPortal)).toBeUndefined();
    expect(classifySender({ ...contentSender, url: 'https://evil.example/', origin: 'https://evil.example' }, OWN, isPortal)).toBeUndefined();
    // url and origin must agree: a portal URL with some other origin is nobody we know.
    expect(classifySender({ ...contentSender, origin: `chrome-extension://${OWN}` }, OWN, isPortal)).toBeUndefined();
    expect(classifySender({ ...framedReview, origin: 'https://entra.microsoft.com' }, OWN, isPortal)).toBeUndefined();
  });

  it.each(WRITES)('refuses %s from a content script (grid frame and top page), whatever the payload', (_name, op, payload) => {
    for (const sender of [contentSender, topContentSender]) {
      const parsed = parseRequest({ op, payload }, classifySender(sender, OWN, isPortal));
      expect(parsed).toEqual({ ok: false, error: { code: 'forbidden-sender', message: `${op} may not be called from content.` } });
    }
  });

  it.each(WRITES)('accepts %s from an extension page, schema-checked', (_name, op, payload) => {
    expect(parseRequest({ op, payload }, classifySender(framedReview, OWN, isPortal))).toMatchObject({ ok: true, op });
    // The same operation with a malformed payload is refused by its schema.
    expect(parseRequest({ op, payload: { ...(payload as object), extra: 1 } }, 'extension-page')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('lists every write operation as extension-page only', () => {
    for (const op of WRITE_OPERATIONS) expect(allowedSenders[op]).toEqual(['extension-page']);
  });

  it('leaves content scripts only what the in-page control needs: no Graph reads of user data, no job access', () => {
    const forContent = (Object.keys(allowedSenders) as Operation[]).filter((op) => allowedSenders[op].includes('content')).sort();
    expect(forContent).toEqual(['auth/signIn', 'auth/status', 'page/report', 'review/open', 'users/allFound']);
  });

  it('review/open carries ids and the tenant only', () => {
    expect(parseRequest({ op: 'review/open', payload: { userIds: [USER], tenantHint: 'contoso.com' } }, 'content')).toMatchObject({ ok: true });
    expect(parseRequest({ op: 'review/open', payload: { userIds: [USER], email: 'attacker@evil.example' } }, 'content')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(parseRequest({ op: 'review/open', payload: { userIds: ['not-an-id'] } }, 'content')).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describe('events reach extension pages from the worker only', () => {
  const WORKER = `chrome-extension://${OWN}/service-worker-loader.js`;
  const summary = { id: 'job-123456', createdAt: 1, tenantId: 't', ranBy: 'admin@contoso.example', state: 'running', counters: { total: 2, done: 1, failed: 0, blocked: 0, cancelled: 0, remaining: 1 } };
  const progress = { event: 'job/progress', jobId: 'job-123456', summary };

  it('accepts the worker (as Chromium reports it: id and script URL, no tab, no frame)', () => {
    expect(isFromWorker({ id: OWN, url: WORKER }, OWN, WORKER)).toBe(true);
    expect(eventSchema.safeParse(progress).success).toBe(true);
  });

  it('ignores a content script, even one that sends a well-formed progress event', () => {
    expect(isFromWorker(contentSender, OWN, WORKER)).toBe(false);
    expect(isFromWorker(topContentSender, OWN, WORKER)).toBe(false);
    // A content script cannot pass for the worker by naming its URL: the browser reports the tab and frame.
    expect(isFromWorker({ ...contentSender, url: WORKER }, OWN, WORKER)).toBe(false);
  });

  it('ignores other extension pages and other extensions', () => {
    expect(isFromWorker(framedReview, OWN, WORKER)).toBe(false);
    expect(isFromWorker({ id: OWN, url: `chrome-extension://${OWN}/popup/popup.html`, origin: `chrome-extension://${OWN}` }, OWN, WORKER)).toBe(false);
    expect(isFromWorker({ id: 'other', url: WORKER }, OWN, WORKER)).toBe(false);
  });

  it('schema-checks events: unknown events and extra fields are dropped', () => {
    expect(eventSchema.safeParse({ event: 'job/progress', jobId: 'job-123456' }).success).toBe(false);
    expect(eventSchema.safeParse({ event: 'job/submitted', jobId: 'job-123456' }).success).toBe(false);
    expect(eventSchema.safeParse({ event: 'auth/changed', token: 'x' }).success).toBe(false);
  });
});

describe('the review page in the extension\'s window talks to the content script of its tab', () => {
  const ORIGIN = `chrome-extension://${OWN}`;
  const PATH = '/review/review.html';
  const reviewWindow = { id: OWN, url: `${ORIGIN}/review/review.html?session=abc#theme=dark`, origin: ORIGIN };

  it('is heard only from our own review page', () => {
    expect(isFromOwnPage(reviewWindow, OWN, ORIGIN, PATH)).toBe(true);
    // Firefox: moz-extension://<per-profile uuid>, and no origin reported.
    const moz = 'moz-extension://5d0e7c7a-7b9e-4d7e-9f5e-0a1b2c3d4e5f';
    expect(isFromOwnPage({ id: OWN, url: `${moz}/review/review.html` }, OWN, moz, PATH)).toBe(true);
  });

  it('not from another of our pages, the worker, a content script, a page at the same path, or another extension', () => {
    expect(isFromOwnPage({ ...reviewWindow, url: `${ORIGIN}/popup/popup.html` }, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage({ id: OWN, url: `${ORIGIN}/service-worker-loader.js`, origin: ORIGIN }, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage(contentSender, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage({ ...topContentSender, url: 'https://entra.microsoft.com/review/review.html' }, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage({ ...reviewWindow, id: 'another-extension' }, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage({ ...reviewWindow, url: `chrome-extension://another-extension${PATH}`, origin: 'chrome-extension://another-extension' }, OWN, ORIGIN, PATH)).toBe(false);
    // The URL and the document's origin the browser reports must agree.
    expect(isFromOwnPage({ ...reviewWindow, origin: 'https://entra.microsoft.com' }, OWN, ORIGIN, PATH)).toBe(false);
    expect(isFromOwnPage({ id: OWN }, OWN, ORIGIN, PATH)).toBe(false);
  });
});

describe('what the worker writes is checked on receipt', () => {
  const submit = (o: object) => parseRequest({ op: 'job/submit', payload: { items: [item()], options: options(o), expectedTenantId: TENANT } }, 'extension-page');
  const optionsOf = (o: object) => {
    const r = submit(o);
    return r.ok ? (r.payload as { options: { inviteRedirectUrl: string; ccRecipient?: string } }).options : undefined;
  };

  it('redirect URL: https only, no user name or password, passed on normalised', () => {
    expect(submit({ inviteRedirectUrl: 'http://myapps.microsoft.com/' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/https/) } });
    expect(submit({ inviteRedirectUrl: 'javascript:alert(1)' })).toMatchObject({ ok: false });
    expect(submit({ inviteRedirectUrl: 'https://user:pass@evil.example/' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/user name or password/) } });
    expect(submit({ inviteRedirectUrl: 'https://admin@myapps.microsoft.com/' })).toMatchObject({ ok: false });
    expect(optionsOf({ inviteRedirectUrl: 'HTTPS://MyApps.Microsoft.COM:443/./a/../?tenantid=x' })?.inviteRedirectUrl).toBe('https://myapps.microsoft.com/?tenantid=x');
  });

  it('cc: the same address syntax as every invited address', () => {
    expect(optionsOf({ sendInvitationMessage: true, ccRecipient: 'it@contoso.com' })?.ccRecipient).toBe('it@contoso.com');
    for (const bad of ['not an address', 'a@b', 'a,b@contoso.com', 'a@contoso.com\nBcc: x@evil.example', '<a@contoso.com>']) {
      expect(submit({ sendInvitationMessage: true, ccRecipient: bad })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
  });
});
