// @vitest-environment happy-dom
// The one review dialog (review/ui/), mounted the way the review page and the picker mount it, against a fake worker:
// every selected user listed with the proposed email, edits validated as typed (syntax, verified domain, duplicates),
// blocked users kept out, the privileged override's two confirmations, options, the job request, progress, failures
// with a retry, and the confirm gate (visible, unobscured and focused for a while before Convert acts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Observable } from '../../content/observable';
import type { AuthView, AuthWatch } from '../../content/auth-watch';
import { mountReview, REVIEW_TAG } from '../../review/ui/mount-review';
import type { GateEnv } from '../../review/ui/confirm-gate';
import type { ReviewPlacement } from '../../src/confirm-gate';
import type { AuthStatus, BroadcastEvent, JobSummary, Operation, PreflightResult, RequestOf } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import { buildPreflight } from '../../src/preflight';
import { SelectionStore } from '../../src/selection';
import type { GraphUser } from '../../src/users';
import { fakeContentServices, type Handlers } from '../support/content-services';
import { graphUser } from '../support/graph-user';
import { untranslatedText, useLocale, usePseudoLocale } from '../support/i18n';
import { invitationLanguages } from '../../review/ui/parts/invitation-languages';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const TENANT = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
const id = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const ADMIN = id(99);

function user(n: number, extra: Partial<GraphUser> = {}): GraphUser {
  return graphUser(id(n), { displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@fabrikam.example`, ...extra });
}

// 1 eligible · 2 hostile name, eligible · 3 synced (blocked) · 4 Global Administrator (overridable) · 5 no external
// address (blocked until one is typed) · 6 disabled (warning) · 7 external address only in otherMails · 8 deleted
const USERS = [
  user(1),
  user(2, { displayName: '<img src=x onerror="window.pwned=1">' }),
  user(3, { onPremisesSyncEnabled: true, onPremisesUserPrincipalName: 'user3@corp.local' }),
  user(4),
  user(5, { mail: 'user5@contoso.com' }),
  user(6, { accountEnabled: false }),
  user(7, { mail: null, otherMails: ['user7@partner.example'] }),
];
const SELECTED = [1, 2, 3, 4, 5, 6, 7, 8].map(id);

/** adminRoles: the signed-in admin's directory roles (none: the pre-flight says they may not invite). */
function preflight(adminRoles: string[] = []): PreflightResult {
  return buildPreflight({
    tenantId: TENANT,
    tenantName: 'Contoso',
    signedInUserId: ADMIN,
    verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
    requestedIds: SELECTED,
    users: new Map(USERS.map((u) => [u.id, u])),
    roles: new Map([
      [id(4), [GA]],
      ...(adminRoles.length > 0 ? [[ADMIN, adminRoles] as [string, string[]]] : []),
    ]),
  });
}

const STATUS: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Admin', tenantId: TENANT, objectId: ADMIN },
  cloud: 'Global',
  configuredTenant: 'contoso.onmicrosoft.com',
  grantedTiers: ['read', 'invite'],
};

let controller: AbortController;
let closed: boolean;
let calls: Array<{ op: Operation; payload: unknown }>;
let emit: (e: BroadcastEvent) => void;
let handlers: Handlers;
let store: SelectionStore;

/** The browser's reports to the gate, driven by the test: visibility (IntersectionObserver v2), focus, time. */
let clock: number;
let reportVisible: ((visible: boolean) => void) | undefined;
let canVerify: boolean;
const gateEnv: GateEnv = {
  win: window,
  now: () => clock,
  watchVisibility(_el, onChange) {
    if (!canVerify) return undefined;
    reportVisible = onChange;
    onChange(true);
    return () => (reportVisible = undefined);
  },
};
let continued: number;

async function open(status: AuthStatus = STATUS, placement: ReviewPlacement = 'frame') {
  const { services, ...fake } = fakeContentServices(handlers);
  ({ calls, emit } = fake);
  const auth: AuthWatch = { view: new Observable<AuthView>({ state: 'ready', status }), refresh: async () => undefined };
  const mounted = mountReview(document, {
    ids: store.ids(),
    services,
    auth,
    requireTrusted: false,
    placement,
    gateEnv,
    pollMs: 30,
    onClose: () => {
      closed = true;
      mounted.unmount();
    },
    onSubmitted: (ids) => store.deselectMany(ids),
    onContinueInWindow: async () => void continued++,
  });
  controller.signal.addEventListener('abort', () => mounted.unmount());
  await focusWhenWatching();
}

/**
 * Once the dialog watches (its effects ran: it has moved the focus into itself), the window gets the focus; it has
 * had it, and been fully visible, for longer than the settle time by the time the test reads it. (Effects run after
 * a frame, later on a busy machine: a fixed wait would race them.)
 */
async function focusWhenWatching() {
  await vi.waitFor(() => expect(root()?.activeElement?.getAttribute('role')).toBe('dialog'));
  window.dispatchEvent(new Event('focus'));
  clock = 10_000;
}

const root = () => document.querySelector(REVIEW_TAG)?.shadowRoot ?? null;
const $ = <T extends Element = HTMLElement>(sel: string) => root()?.querySelector<T>(sel) ?? null;
const $$ = <T extends Element = HTMLElement>(sel: string) => Array.from(root()?.querySelectorAll<T>(sel) ?? []);
const row = (n: number) => $(`tr[data-user-id="${id(n)}"]`);
const emailInput = (n: number) => row(n)!.querySelector<HTMLInputElement>('input[type="email"]')!;
const includeBox = (n: number) => row(n)!.querySelector<HTMLInputElement>('input[type="checkbox"]')!;
const confirmButton = () => $<HTMLButtonElement>('button[data-b2b="confirm"]')!;
function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const loaded = () => vi.waitFor(() => expect($('[data-b2b="review-list"]')).not.toBeNull());

beforeEach(() => {
  document.body.replaceChildren();
  controller = new AbortController();
  closed = false;
  clock = 0;
  canVerify = true;
  continued = 0;
  reportVisible = undefined;
  store = new SelectionStore();
  store.selectMany(SELECTED);
  handlers = { 'users/preflight': () => preflight() };
});
afterEach(() => controller.abort());

describe('the review dialog', () => {
  it('is a modal dialog that reads the selection through the pre-flight, and lists every selected user', async () => {
    handlers['users/preflight'] = () => new Promise((done) => setTimeout(() => done(preflight()), 60));
    await open();
    expect($('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true');
    expect($('[data-b2b="loading"]')?.textContent).toContain('8 selected users');
    await loaded();
    expect(calls.find((c) => c.op === 'users/preflight')?.payload).toEqual({ userIds: SELECTED });
    expect($$('tr[data-b2b="review-row"]').map((r) => r.getAttribute('data-user-id'))).toEqual(SELECTED.slice(0, 7));
    expect(emailInput(1).value).toBe('user1@fabrikam.example');
    expect(emailInput(7).value).toBe('user7@partner.example');
    expect(emailInput(5).value).toBe('');
    expect($('[data-b2b="missing"]')?.textContent).toContain(id(8));
    expect($('[data-b2b="summary"]')?.textContent).toBe('4 of 8 selected users will be converted to external users in Contoso.');
    expect($('[data-b2b="summary"]')?.getAttribute('title')).toBe(TENANT);
    // User 5 has no external address: "Needs an email", counted as such (not as blocked).
    expect($('[data-b2b="counts"]')?.textContent).toMatch(/^2 blocked · 1 needs an email · 0 excluded · 1 no longer exists\./);
    expect(confirmButton().textContent).toBe('Convert 4 users');
    expect(confirmButton().disabled).toBe(false);
  });

  it('renders hostile names as text', async () => {
    await open();
    await loaded();
    expect(root()!.querySelector('img')).toBeNull();
    expect(row(2)!.querySelector('.name')!.textContent).toBe('<img src=x onerror="window.pwned=1">');
  });

  it('shows each blocked category with its reason, and a blocked user cannot be included nor their email edited', async () => {
    await open();
    await loaded();
    expect(row(3)!.getAttribute('data-status')).toBe('blocked');
    expect(emailInput(3).readOnly).toBe(true);
    expect(emailInput(1).readOnly).toBe(false);
    // The privileged user's address is read-only until the override is confirmed twice.
    expect(emailInput(4).readOnly).toBe(true);
    expect(row(3)!.querySelector('[data-code="synced"]')?.textContent).toMatch(/synchronized from on-premises/);
    expect(includeBox(3).disabled).toBe(true);
    expect(includeBox(3).checked).toBe(false);
    expect(row(4)!.querySelector('[data-code="privilegedRole"]')?.textContent).toMatch(/Global Administrator/);
    expect(row(6)!.getAttribute('data-status')).toBe('warning');
    expect(row(6)!.querySelector('[data-code="accountDisabled"]')).not.toBeNull();
    expect(row(7)!.querySelector('[data-code="emailNotOnUser"]')).toBeNull(); // otherMails holds it
  });

  it('validates edits as typed: syntax, verified domain, duplicates; the confirm button waits for a fix', async () => {
    await open();
    await loaded();
    type(emailInput(1), 'user1@');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="email-error"]')?.getAttribute('data-code')).toBe('syntax'));
    expect(emailInput(1).getAttribute('aria-invalid')).toBe('true');
    expect(confirmButton().disabled).toBe(true);
    expect($('#b2b-confirm-why')?.textContent).toMatch(/Fix the email address of 1 user/);

    type(emailInput(1), 'user1@contoso.com');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="email-error"]')?.getAttribute('data-code')).toBe('verifiedDomain'));

    type(emailInput(1), 'USER2@fabrikam.example');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="email-error"]')?.getAttribute('data-code')).toBe('duplicate'));
    expect(row(2)!.querySelector('[data-b2b="email-error"]')?.getAttribute('data-code')).toBe('duplicate');

    type(emailInput(1), 'someone.else@fabrikam.example');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="email-error"]')).toBeNull());
    expect(row(2)!.querySelector('[data-b2b="email-error"]')).toBeNull();
    // Not on the user object: the fix is offered, and it needs the write tier.
    expect(row(1)!.querySelector('[data-b2b="add-other-mails"]')).not.toBeNull();
    expect(confirmButton().disabled).toBe(false);
  });

  it('a user without an external address "needs an email" (amber, one reason) and is included once one is typed', async () => {
    await open();
    await loaded();
    expect(row(5)!.getAttribute('data-status')).toBe('needsEmail');
    expect(row(5)!.querySelector('.pill')?.textContent).toBe('Needs an email');
    expect(row(5)!.querySelector('.pill')?.className).toBe('pill warning');
    // One reason for the address in the field: its only address is in a verified domain (not also "none was found").
    expect(Array.from(row(5)!.querySelectorAll('.reason')).map((r) => r.getAttribute('data-code'))).toEqual(['emailInVerifiedDomain']);
    expect(row(5)!.querySelector('[data-code="emailInVerifiedDomain"]')?.textContent).toMatch(/user5@contoso\.com is in a verified domain/);
    expect(emailInput(5).readOnly).toBe(false);
    expect(includeBox(5).checked).toBe(false);
    expect(includeBox(5).disabled).toBe(false);
    type(emailInput(5), 'user5');
    await vi.waitFor(() => expect(row(5)!.querySelector('[data-b2b="email-error"]')?.getAttribute('data-code')).toBe('syntax'));
    expect(includeBox(5).checked).toBe(true);
    expect(confirmButton().disabled).toBe(true);
    type(emailInput(5), 'user5@partner.example');
    await vi.waitFor(() => expect(includeBox(5).checked).toBe(true));
    expect(confirmButton().textContent).toBe('Convert 5 users');
  });

  it('a privileged user is converted only after two separate confirmations', async () => {
    await open();
    await loaded();
    row(4)!.querySelector<HTMLButtonElement>('[data-b2b="override"]')!.click();
    await vi.waitFor(() => expect(row(4)!.querySelector('[data-b2b="override-confirm"]')).not.toBeNull());
    expect(row(4)!.getAttribute('data-status')).toBe('blocked');
    expect(includeBox(4).checked).toBe(false);
    row(4)!.querySelector<HTMLButtonElement>('[data-b2b="override-confirm"]')!.click();
    await vi.waitFor(() => expect(row(4)!.getAttribute('data-status')).toBe('warning'));
    expect(includeBox(4).checked).toBe(true);
    expect(row(4)!.querySelector('[data-code="privilegedRoleOverridden"]')).not.toBeNull();
  });

  it('confirming sends exactly the eligible users with the chosen options, then shows live progress', async () => {
    let submitted: RequestOf<'job/submit'> | undefined;
    const summary = (done: number, finished = false): JobSummary => ({
      id: 'job-123456',
      createdAt: 1,
      tenantId: TENANT,
      ranBy: 'admin@contoso.com',
      state: finished ? 'completed' : 'running',
      counters: { total: 5, done, failed: 0, blocked: 0, cancelled: 0, remaining: 5 - done },
      ...(finished ? { finishedAt: 2 } : {}),
    });
    handlers['job/submit'] = (p: RequestOf<'job/submit'>) => {
      submitted = p;
      return { jobId: 'job-123456' };
    };
    handlers['job/get'] = () => summary(1);
    handlers['auth/signIn'] = () => ({ ...STATUS, grantedTiers: ['read', 'invite', 'write'] });
    await open();
    await loaded();
    includeBox(6).click(); // the admin leaves the disabled account out
    row(4)!.querySelector<HTMLButtonElement>('[data-b2b="override"]')!.click();
    await vi.waitFor(() => expect(row(4)!.querySelector('[data-b2b="override-confirm"]')).not.toBeNull());
    row(4)!.querySelector<HTMLButtonElement>('[data-b2b="override-confirm"]')!.click();
    type(emailInput(1), 'first.last@partner.example');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="add-other-mails"]')).not.toBeNull());
    row(1)!.querySelector<HTMLInputElement>('[data-b2b="add-other-mails"]')!.click();
    $<HTMLInputElement>('[data-b2b="send-invitation"]')!.click();
    await vi.waitFor(() => expect($('textarea')).not.toBeNull());
    type($<HTMLTextAreaElement>('textarea')!, 'Welcome back as a partner.');
    $<HTMLInputElement>('[data-b2b="set-guest"]')!.click();
    await vi.waitFor(() => expect(confirmButton().textContent).toBe('Convert 4 users'));
    expect(calls.some((c) => c.op === 'job/submit')).toBe(false); // nothing written before the click
    confirmButton().click();

    await vi.waitFor(() => expect($('[data-b2b="progress"]')).not.toBeNull());
    // The otherMails fix needs the write tier, which had not been granted: sign-in came first.
    expect(calls.filter((c) => c.op === 'auth/signIn' || c.op === 'job/submit').map((c) => c.op)).toEqual(['auth/signIn', 'job/submit']);
    expect(calls.find((c) => c.op === 'auth/signIn')?.payload).toEqual({ tier: 'write' });
    expect(submitted).toEqual({
      expectedTenantId: TENANT,
      options: {
        sendInvitationMessage: true,
        customizedMessageBody: 'Welcome back as a partner.',
        // The invitation email's language defaults to the admin's (the English catalogue here).
        messageLanguage: 'en-US',
        inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
        setUserTypeGuest: true,
        // The signed-in admin is the default sponsor.
        sponsors: [ADMIN],
      },
      items: [
        { userId: id(1), userPrincipalName: 'user1@contoso.com', displayName: 'User 1', email: 'first.last@partner.example', addToOtherMails: true, privilegedOverride: false },
        { userId: id(2), userPrincipalName: 'user2@contoso.com', displayName: '<img src=x onerror="window.pwned=1">', email: 'user2@fabrikam.example', addToOtherMails: false, privilegedOverride: false },
        { userId: id(4), userPrincipalName: 'user4@contoso.com', displayName: 'User 4', email: 'user4@fabrikam.example', addToOtherMails: false, privilegedOverride: true },
        { userId: id(7), userPrincipalName: 'user7@contoso.com', displayName: 'User 7', email: 'user7@partner.example', addToOtherMails: false, privilegedOverride: false },
      ],
    });
    // The submitted users leave the selection; the others stay.
    expect(store.ids().sort()).toEqual([id(3), id(5), id(6), id(8)].sort());

    await vi.waitFor(() => expect($('[data-b2b="progress"]')?.textContent).toBe('Converting: 1 converted, 0 failed, 0 blocked, 4 remaining.'));
    expect($('#b2b-review-summary')?.textContent).toBe('Converting 5 users in Contoso.');
    emit({ event: 'job/progress', jobId: 'job-123456', summary: summary(5, true) });
    // Once it is over: the past tense, in the success tone; nothing failed, so nothing to retry or select.
    await vi.waitFor(() => expect($('[data-b2b="result"]')?.textContent).toBe('Converted 5 users'));
    expect($('[data-b2b="result"]')?.getAttribute('data-tone')).toBe('success');
    expect($('[data-b2b="retry-failed"]')).toBeNull();
    expect($('[data-b2b="select-failed"]')).toBeNull();

    // Closing does not stop the job.
    const close = $$<HTMLButtonElement>('footer button').find((b) => b.textContent === 'Close')!;
    close.click();
    expect(closed).toBe(true);
    expect(document.querySelector(REVIEW_TAG)).toBeNull();
    expect(calls.some((c) => c.op === 'job/control')).toBe(false);
  });

  it('checks the invitation options', async () => {
    await open();
    await loaded();
    const redirect = $<HTMLInputElement>('[data-b2b="redirect-url"]')!;
    expect(redirect.value).toBe(`https://myapps.microsoft.com/?tenantid=${TENANT}`);
    expect($<HTMLInputElement>('[data-b2b="send-invitation"]')!.checked).toBe(false);
    type(redirect, 'http://myapps.microsoft.com/');
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(true));
    expect($('#b2b-opt-inviteRedirectUrl')?.textContent).toMatch(/https:/);
    type(redirect, 'https://contoso.sharepoint.com/');
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
  });

  it('a pre-flight failure shows Graph’s code and a retry; nothing is converted', async () => {
    let failures = 1;
    handlers['users/preflight'] = () => {
      if (failures-- > 0) throw new RequestFailed({ code: 'failed', message: 'The service is busy.', graphCode: 'serviceNotAvailable', status: 503 });
      return preflight();
    };
    await open();
    await vi.waitFor(() => expect($('[data-b2b="preflight-error"]')).not.toBeNull());
    expect($('[data-b2b="graph-code"]')?.textContent).toBe('serviceNotAvailable');
    expect($('[data-b2b="preflight-error"]')?.textContent).toMatch(/Nothing was converted/);
    $<HTMLButtonElement>('[data-b2b="retry"]')!.click();
    await loaded();
    expect(calls.filter((c) => c.op === 'users/preflight')).toHaveLength(2);
    expect(calls.some((c) => c.op === 'job/submit')).toBe(false);
  });

  it('warns about a tenant mismatch before anything is written, and does not confirm', async () => {
    await open({ ...STATUS, tenantMismatch: 'You are signed in to tenant A, but this page belongs to tenant B.' });
    await loaded();
    expect($('[data-b2b="tenant-mismatch"]')?.textContent).toMatch(/tenant B/);
    expect(confirmButton().disabled).toBe(true);
    expect($('#b2b-confirm-why')?.textContent).toMatch(/another tenant/);
    confirmButton().click();
    expect(calls.some((c) => c.op === 'job/submit' || c.op === 'auth/signIn')).toBe(false);
  });

  it('shows the signed-in admin’s role problem as a warning before confirming', async () => {
    await open();
    await loaded();
    const warning = $('[data-b2b="admin-role-problem"]');
    expect(warning?.getAttribute('role')).toBe('alert');
    expect(warning?.textContent).toContain(preflight().adminRoleProblem);
    expect(warning?.textContent).toMatch(/none of the roles that may convert users/);
    // Above the list, so it is read before the confirm button is reached.
    expect(warning!.compareDocumentPosition($('[data-b2b="review-list"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(confirmButton().textContent).toBe('Convert 4 users');
  });

  it('says nothing about roles when the admin may invite', async () => {
    handlers['users/preflight'] = () => preflight([USER_ADMIN]);
    await open();
    await loaded();
    expect($('[data-b2b="admin-role-problem"]')).toBeNull();
  });

  it('Esc, the close button and Cancel ask "Discard changes?" once something was changed; keep editing loses nothing', async () => {
    await open();
    await loaded();
    const dialog = $('[role="dialog"]')!;
    const prompt = () => $('[data-b2b="discard-prompt"]');
    type(emailInput(1), 'first.last@partner.example');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="add-other-mails"]')).not.toBeNull());
    emailInput(1).focus();
    emailInput(1).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(prompt()).not.toBeNull());
    expect(closed).toBe(false);
    expect(prompt()!.getAttribute('role')).toBe('alertdialog');
    expect(prompt()!.textContent).toMatch(/^Discard changes\?/);
    // The safe answer has the focus: Esc again keeps editing, and the focus goes back to the field.
    expect(root()!.activeElement?.getAttribute('data-b2b')).toBe('keep-editing');
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(prompt()).toBeNull());
    await vi.waitFor(() => expect(root()!.activeElement).toBe(emailInput(1)));
    expect(emailInput(1).value).toBe('first.last@partner.example');
    // The close button asks too; Discard closes.
    $<HTMLButtonElement>('button.close')!.click();
    await vi.waitFor(() => expect(prompt()).not.toBeNull());
    $<HTMLButtonElement>('[data-b2b="keep-editing"]')!.click();
    await vi.waitFor(() => expect(prompt()).toBeNull());
    $$<HTMLButtonElement>('footer button').find((b) => b.textContent === 'Cancel')!.click();
    await vi.waitFor(() => expect(prompt()).not.toBeNull());
    $<HTMLButtonElement>('[data-b2b="discard"]')!.click();
    expect(closed).toBe(true);
    expect(calls.some((c) => c.op === 'job/submit')).toBe(false);
  });

  it('Esc closes it and focus stays inside while open (Tab wraps)', async () => {
    await open();
    await loaded();
    const dialog = $('[role="dialog"]')!;
    const focusables = $$<HTMLElement>('button:not([disabled]), input:not([disabled]), select, textarea');
    const last = focusables[focusables.length - 1]!;
    last.focus();
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true }));
    expect(root()!.activeElement).toBe(focusables[0]);
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(closed).toBe(true);
    expect(document.querySelector(REVIEW_TAG)).toBeNull();
  });
});

describe('the result of the job', () => {
  const JOB = 'job-123456';
  const FAILED = [1, 2].map(id);
  const finished = (failed: number, extra: Partial<JobSummary> = {}): JobSummary => ({
    id: JOB,
    createdAt: 1,
    finishedAt: 2,
    tenantId: TENANT,
    ranBy: 'admin@contoso.com',
    state: 'completed',
    counters: { total: 5, done: 5 - failed, failed, blocked: 0, cancelled: 0, remaining: 0 },
    ...extra,
  });
  let selected: Array<{ id: string; displayName: string; userPrincipalName: string }> | undefined;
  let viewed: string[];
  let job: JobSummary;

  async function openResult(opts: { select?: boolean } = {}) {
    const { services, ...fake } = fakeContentServices(handlers);
    ({ calls, emit } = fake);
    const auth: AuthWatch = { view: new Observable<AuthView>({ state: 'ready', status: STATUS }), refresh: async () => undefined };
    const mounted = mountReview(document, {
      ids: store.ids(),
      services,
      auth,
      requireTrusted: false,
      placement: 'frame',
      gateEnv,
      pollMs: 30,
      onClose: () => {
        closed = true;
        mounted.unmount();
      },
      onSubmitted: () => undefined,
      ...(opts.select === false ? {} : { onSelectUsers: (users) => void (selected = users) }),
      onViewResults: (jobId) => void viewed.push(jobId),
    });
    controller.signal.addEventListener('abort', () => mounted.unmount());
    await focusWhenWatching();
    await loaded();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    confirmButton().click();
    await vi.waitFor(() => expect($('[data-b2b="result"]')).not.toBeNull());
  }

  beforeEach(() => {
    selected = undefined;
    viewed = [];
    job = finished(2);
    handlers['job/submit'] = () => ({ jobId: JOB });
    handlers['job/get'] = () => job;
    handlers['job/items'] = (q: RequestOf<'job/items'>) => {
      expect(q.filter).toBe('failed');
      const items = job.counters.failed === 0 ? [] : FAILED.map((u, i) => ({
        userId: u,
        userPrincipalName: `user${i + 1}@contoso.com`,
        displayName: `User ${i + 1}`,
        email: `user${i + 1}@fabrikam.example`,
        state: 'failed',
        errorCode: 'Authorization_RequestDenied',
        errorMessage: 'Microsoft Entra refused this for lack of permission.',
        requestId: `req-${i + 1}`,
      }));
      return { total: items.length, items: items.slice(q.offset, q.offset + q.limit) };
    };
  });

  it('says what happened in the past tense, lists the failed users with the advice and Graph’s code', async () => {
    await openResult();
    expect($('[data-b2b="result"]')?.textContent).toBe('Converted 3 of 5 — 2 failed');
    expect($('[data-b2b="result"]')?.getAttribute('data-tone')).toBe('danger');
    expect($('[role="dialog"]')?.getAttribute('aria-describedby')).toBe($('[data-b2b="result"]')?.id);
    await vi.waitFor(() => expect($$('[data-b2b="failed-users"] li')).toHaveLength(2));
    expect($('[data-b2b="failed-users"] h3')?.textContent).toBe('2 users failed');
    const first = $$('[data-b2b="failed-users"] li')[0]!;
    expect(first.getAttribute('data-user-id')).toBe(id(1));
    expect(first.textContent).toContain('User 1');
    expect(first.textContent).toContain('lack of permission');
    expect(first.querySelector('[data-b2b="graph-code"]')?.textContent).toBe('Authorization_RequestDenied');
    // No longer "Converting…", and nothing to cancel.
    expect(root()!.textContent).not.toMatch(/Converting|Cancel remaining/);
    const view = $<HTMLButtonElement>('[data-b2b="view-results"]')!;
    expect(view.textContent).toBe('View results');
    view.click();
    expect(viewed).toEqual([JOB]);
  });

  it('Retry failed is confirmed in the dialog first (the gate applies), then retried from here', async () => {
    handlers['job/control'] = (c: RequestOf<'job/control'>) => {
      expect(c).toEqual({ jobId: JOB, action: 'retryFailed' });
      job = { ...finished(0), finishedAt: undefined, state: 'running', counters: { total: 5, done: 3, failed: 0, blocked: 0, cancelled: 0, remaining: 2 } };
      return job;
    };
    await openResult();
    $<HTMLButtonElement>('[data-b2b="retry-failed"]')!.click();
    await vi.waitFor(() => expect($('[data-b2b="retry-prompt"]')).not.toBeNull());
    expect($('[data-b2b="retry-prompt"]')!.getAttribute('role')).toBe('alertdialog');
    expect($('#b2b-retry-title')?.textContent).toBe('Retry 2 failed users?');
    expect(calls.some((c) => c.op === 'job/control')).toBe(false);
    // Covered by a decoy: the confirm button does nothing.
    reportVisible!(false);
    await vi.waitFor(() => expect($<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.disabled).toBe(true));
    $<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.click();
    expect(calls.some((c) => c.op === 'job/control')).toBe(false);
    clock += 5_000;
    reportVisible!(true);
    clock += 1_000;
    reportVisible!(true);
    await vi.waitFor(() => expect($<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.disabled).toBe(false));
    expect($('[data-b2b="retry-confirm"]')!.textContent).toBe('Retry 2 users');
    $<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.click();
    await vi.waitFor(() => expect(calls.filter((c) => c.op === 'job/control')).toHaveLength(1));
    // Running again: the progress, not the result; then the new end.
    await vi.waitFor(() => expect($('[data-b2b="progress"]')?.textContent).toMatch(/^Converting: 3 converted/));
    job = finished(0);
    await vi.waitFor(() => expect($('[data-b2b="result"]')?.textContent).toBe('Converted 5 users'));
  });

  it('Esc in the retry prompt cancels it; nothing is sent', async () => {
    await openResult();
    $<HTMLButtonElement>('[data-b2b="retry-failed"]')!.click();
    await vi.waitFor(() => expect($('[data-b2b="retry-prompt"]')).not.toBeNull());
    $('[role="dialog"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect($('[data-b2b="retry-prompt"]')).toBeNull());
    expect(closed).toBe(false);
    expect(calls.some((c) => c.op === 'job/control')).toBe(false);
  });

  it('a retry that needs a sign-in says so, with Graph’s words, and offers the sign-in', async () => {
    handlers['job/control'] = () => {
      throw new RequestFailed({ code: 'sign-in-required', message: 'Sign in again to continue.', tier: 'invite' });
    };
    await openResult();
    $<HTMLButtonElement>('[data-b2b="retry-failed"]')!.click();
    // The prompt is a new confirmation: its clock starts when it appears, so the click that opened it (or a second
    // one on the same spot) cannot confirm it.
    await vi.waitFor(() => expect($<HTMLButtonElement>('[data-b2b="retry-confirm"]')?.disabled).toBe(true));
    $<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.click();
    expect(calls.some((c) => c.op === 'job/control')).toBe(false);
    clock += 1_000;
    reportVisible!(true);
    await vi.waitFor(() => expect($<HTMLButtonElement>('[data-b2b="retry-confirm"]')?.disabled).toBe(false));
    $<HTMLButtonElement>('[data-b2b="retry-confirm"]')!.click();
    await vi.waitFor(() => expect($('[data-b2b="result-error"]')?.textContent).toMatch(/^The retry was not started\. Sign in again/));
    expect($$<HTMLButtonElement>('[data-b2b="result-error"] button').map((b) => b.textContent)).toEqual(['Sign in']);
  });

  it('Select the failed users hands exactly them (with their names) to the page', async () => {
    await openResult();
    const select = $<HTMLButtonElement>('[data-b2b="select-failed"]')!;
    expect(select.textContent).toBe('Select the failed users');
    select.click();
    await vi.waitFor(() => expect(selected).toBeDefined());
    expect(selected).toEqual([
      { id: id(1), displayName: 'User 1', userPrincipalName: 'user1@contoso.com' },
      { id: id(2), displayName: 'User 2', userPrincipalName: 'user2@contoso.com' },
    ]);
  });

  it('without a list to select in (the picker), it is not offered', async () => {
    await openResult({ select: false });
    expect($('[data-b2b="select-failed"]')).toBeNull();
    expect($('[data-b2b="retry-failed"]')).not.toBeNull();
  });
});

describe('every word from the catalogue (issue 12)', () => {
  /** What the test itself supplied: names, addresses, ids, the tenant; and the languages' own names. */
  const data = () => [
    ...USERS.flatMap((u) => [u.displayName, u.userPrincipalName, u.mail ?? '', ...u.otherMails, u.id]),
    ...SELECTED,
    TENANT,
    'Contoso',
    'admin@contoso.com',
    ...invitationLanguages().map(([, label]) => label),
    $('[data-b2b="plan-hash"]')?.textContent ?? '',
  ].filter((d): d is string => typeof d === 'string' && d !== '');

  it('the review, with a privileged override asked for and the invitation options open', async () => {
    usePseudoLocale();
    await open();
    await loaded();
    row(4)!.querySelector<HTMLButtonElement>('[data-b2b="override"]')!.click();
    $<HTMLInputElement>('[data-b2b="send-invitation"]')!.click();
    await vi.waitFor(() => expect($('textarea')).not.toBeNull());
    type(emailInput(1), 'user1@');
    await vi.waitFor(() => expect(row(1)!.querySelector('[data-b2b="email-error"]')).not.toBeNull());
    expect(untranslatedText(root()!.querySelector('.b2b-root')!, data())).toEqual([]);
    $<HTMLButtonElement>('button.close')!.click();
    await vi.waitFor(() => expect($('[data-b2b="discard-prompt"]')).not.toBeNull());
    expect(untranslatedText(root()!.querySelector('.b2b-root')!, data())).toEqual([]);
  });

  it('in German and French: the words, the plurals and the numbers of the catalogue', async () => {
    useLocale('de');
    await open();
    await loaded();
    expect(confirmButton().textContent).toBe('4 Benutzer umwandeln');
    expect(row(5)!.querySelector('.pill')?.textContent).toBe('E-Mail-Adresse fehlt');
    expect($('[data-b2b="counts"]')?.textContent).toMatch(/^2 blockiert · 1 braucht eine E-Mail-Adresse · 0 ausgeschlossen/);
    controller.abort();
    document.body.replaceChildren();
    controller = new AbortController();
    useLocale('fr');
    await open();
    await loaded();
    expect(confirmButton().textContent).toBe('Convertir 4 utilisateurs');
    expect($('[data-b2b="summary"]')?.textContent).toBe('Conversion en utilisateurs externes dans Contoso : 4 sur 8 utilisateurs sélectionnés.');
  });

  it('the result of a job with a failure, and the retry prompt', async () => {
    usePseudoLocale();
    const JOB = 'job-123456';
    const job: JobSummary = { id: JOB, createdAt: 1, finishedAt: 2, tenantId: TENANT, ranBy: 'a', state: 'completed', counters: { total: 4, done: 3, failed: 1, blocked: 0, cancelled: 0, remaining: 0 } };
    handlers['job/submit'] = () => ({ jobId: JOB });
    handlers['job/get'] = () => job;
    // The advice is the worker's (translated there); here it is data.
    const advice = 'Advice from the worker.';
    handlers['job/items'] = () => ({ total: 1, items: [{ userId: id(1), userPrincipalName: 'user1@contoso.com', displayName: 'User 1', email: 'user1@fabrikam.example', state: 'failed', errorCode: 'Authorization_RequestDenied', errorMessage: advice, requestId: 'req-1' }] });
    await open();
    await loaded();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    confirmButton().click();
    await vi.waitFor(() => expect($('[data-b2b="failed-users"] li')).not.toBeNull());
    const supplied = [...data(), advice, 'Authorization_RequestDenied', 'req-1', 'HTTP'];
    expect(untranslatedText(root()!.querySelector('.b2b-root')!, supplied)).toEqual([]);
    $<HTMLButtonElement>('[data-b2b="retry-failed"]')!.click();
    await vi.waitFor(() => expect($('[data-b2b="retry-prompt"]')).not.toBeNull());
    expect(untranslatedText(root()!.querySelector('.b2b-root')!, supplied)).toEqual([]);
  });
});

describe('the confirm gate (clickjacking)', () => {
  const submitCalls = () => calls.filter((c) => c.op === 'job/submit').length;
  const rerender = async () => {
    // Any state change re-renders: the admin ticks a row twice.
    includeBox(1).click();
    includeBox(1).click();
    await Promise.resolve();
  };
  beforeEach(() => {
    handlers['job/submit'] = () => ({ jobId: 'job-123456' });
    handlers['job/get'] = () => ({ id: 'job-123456', createdAt: 1, tenantId: TENANT, ranBy: 'a', state: 'running', counters: { total: 4, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 4 } });
  });

  it('a decoy laid over the dialog keeps Convert disabled, and a click then converts nothing', async () => {
    await open();
    await loaded();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    reportVisible!(false); // something now covers the dialog (IntersectionObserver v2: isVisible false)
    confirmButton().click(); // even before the re-render, the click is judged at its moment
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(true));
    expect($('#b2b-confirm-why')?.textContent).toMatch(/fully visible/);
    confirmButton().click();
    await Promise.resolve();
    expect(submitCalls()).toBe(0);
  });

  it('after the dialog is uncovered, Convert waits for the settle time before it acts', async () => {
    await open();
    await loaded();
    reportVisible!(false);
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(true));
    clock += 5_000;
    reportVisible!(true);
    await rerender();
    expect(confirmButton().disabled).toBe(true);
    confirmButton().click();
    expect(submitCalls()).toBe(0);
    clock += 700;
    await rerender();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    confirmButton().click();
    await vi.waitFor(() => expect(submitCalls()).toBe(1));
  });

  it('a focus the page moved cannot confirm: after losing the focus, Convert waits again', async () => {
    await open();
    await loaded();
    window.dispatchEvent(new Event('blur'));
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(true));
    expect($('#b2b-confirm-why')?.textContent).toMatch(/has the focus/);
    window.dispatchEvent(new Event('focus')); // e.g. the page focused our frame just before a key press
    await rerender();
    confirmButton().click();
    expect(submitCalls()).toBe(0);
    expect(confirmButton().disabled).toBe(true);
  });

  it('where visibility cannot be verified, the framed review does not confirm and offers the extension window', async () => {
    canVerify = false;
    await open();
    await loaded();
    expect(confirmButton().disabled).toBe(true);
    expect($('#b2b-confirm-why')?.textContent).toMatch(/extension’s own window/);
    const button = $<HTMLButtonElement>('[data-b2b="continue-in-window"]')!;
    expect(button.textContent).toBe('Continue in the extension’s window');
    button.click();
    expect(continued).toBe(1);
    expect(submitCalls()).toBe(0);
  });

  it('in the extension’s own window or the picker, a shown and focused document confirms (no page can cover it)', async () => {
    canVerify = false;
    await open(STATUS, 'window');
    await loaded();
    await vi.waitFor(() => expect(confirmButton().disabled).toBe(false));
    expect($('[data-b2b="continue-in-window"]')).toBeNull();
  });
});
