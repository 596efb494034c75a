// The one message protocol between the extension's contexts.
// Every request names an operation; its payload is schema-checked on receipt (never trusted because it
// came from "our" content script: a compromised page can talk to a content script, not to the worker,
// but we validate anyway), and each operation states which kinds of sender may call it.
import { z } from './zod';
import type { JobStatus } from './jobs/model';
import { emailSyntaxError, describeEmailSyntaxError } from './email';
import type { GraphUser } from './users';
import type { SetupLine } from './setup-check';
import type { UndoPreview } from './undo-review';


const objectId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'not an object id');
const jobId = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a job id');
const shortText = (max: number) => z.string().max(max);
const email = z.string().min(3).max(320);
const scopeTier = z.enum(['read', 'invite', 'write']);

/** At most this many users in one job or pre-flight: bounded work, bounded storage per request. */
export const MAX_USERS_PER_JOB = 50_000;
/** At most this many users in one undo review: each gets a temporary password the admin hands over by hand. */
export const MAX_UNDO_USERS = 1_000;

/**
 * Where an invited user lands after redeeming: https only, no user name or password in it (a link that carries
 * credentials is either a mistake or a lure), and passed on in its normalised form (what the URL parser makes of
 * it), so what Graph stores is exactly what was checked.
 */
export const redirectUrlSchema = z
  .url({ protocol: /^https$/, error: 'The redirect URL must be a full https:// address.' })
  .max(2048)
  .refine((v) => {
    const u = new URL(v);
    return u.username === '' && u.password === '';
  }, 'The redirect URL may not contain a user name or password.')
  .transform((v) => new URL(v).href)
  .pipe(z.string().max(2048));

/** The one Cc address: the same syntax rules as every invited address (src/email.ts). */
export const ccRecipientSchema = z
  .string()
  .max(320)
  .superRefine((v, ctx) => {
    const problem = emailSyntaxError(v);
    if (problem) ctx.addIssue({ code: 'custom', message: describeEmailSyntaxError(problem) });
  });

export const invitationOptionsSchema = z.strictObject({
  sendInvitationMessage: z.boolean(),
  messageLanguage: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'not a language tag').max(20).optional(),
  ccRecipient: ccRecipientSchema.optional(),
  customizedMessageBody: shortText(4000).optional(),
  inviteRedirectUrl: redirectUrlSchema,
  setUserTypeGuest: z.boolean(),
  /** Object ids of the sponsors named on every invitation (Learn: at most five); the worker re-reads them. */
  sponsors: z.array(objectId).max(5).optional(),
});
export type InvitationOptions = z.infer<typeof invitationOptionsSchema>;

export const jobItemInputSchema = z.strictObject({
  userId: objectId,
  userPrincipalName: shortText(1024),
  displayName: shortText(1024),
  email,
  addToOtherMails: z.boolean(),
  /** Set the user's mail to `email` first (the documented fix for a user whose mail is empty). */
  setMail: z.boolean().optional(),
  /** The admin confirmed twice that this privileged user may be converted. */
  privilegedOverride: z.boolean(),
});
export type JobItemInput = z.infer<typeof jobItemInputSchema>;

const requestSchemas = {
  /** tabId (extension pages only): also judge whether that tab's admin-center page is the signed-in tenant's. */
  'auth/status': z.strictObject({ tabId: z.number().int().nonnegative().optional() }),
  'auth/signIn': z.strictObject({ tier: scopeTier }),
  'auth/signOut': z.strictObject({}),
  /** A content script says whether it recognised the All users grid (and the tenant the page reveals). */
  'page/report': z.strictObject({
    recognized: z.boolean(),
    layout: shortText(40).optional(),
    missing: z.array(shortText(80)).max(20).optional(),
    tenantHint: shortText(256).optional(),
  }),
  'page/status': z.strictObject({ tabId: z.number().int().nonnegative() }),
  /** "Check my setup": what the extension needs for the signed-in account, line by line (reads only). */
  'setup/check': z.strictObject({}),
  'users/preflight': z.strictObject({ userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB) }),
  /** A content script hands over the admin's selection (ids only) and the tenant its page names; the review opens. */
  /**
   * placement 'window': the content script's browser cannot let the review prove it is visible in the page (no
   * location.ancestorOrigins or no IntersectionObserver v2, e.g. Firefox), so the worker opens it in its own window.
   */
  'review/open': z.strictObject({
    userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB),
    tenantHint: shortText(256).optional(),
    placement: z.enum(['frame', 'window']).optional(),
  }),
  /**
   * The review page asks for the selection it is to show. ancestorOrigins: its own location.ancestorOrigins
   * (empty in the extension's own window): the worker hands the selection only to a review framed by the page
   * whose content script opened it.
   */
  'review/get': z.strictObject({ ancestorOrigins: z.array(shortText(512)).max(10) }),
  /** The framed review cannot verify it is visible: the same review continues in the extension's own window. */
  'review/openWindow': z.strictObject({ ancestorOrigins: z.array(shortText(512)).min(1).max(10) }),
  'users/search': z.strictObject({ query: shortText(256) }),
  'users/resolve': z.strictObject({ identifiers: z.array(shortText(1024)).min(1).max(MAX_USERS_PER_JOB) }),
  'users/allFound': z.strictObject({ search: shortText(256) }),
  'job/submit': z.strictObject({
    items: z.array(jobItemInputSchema).min(1).max(MAX_USERS_PER_JOB),
    options: invitationOptionsSchema,
    /** The tenant the admin saw in the review; the worker refuses when it is not the signed-in one. */
    expectedTenantId: objectId,
    /** The admin acknowledged that the users' directory roles could not be read (pre-flight `rolesNotVerified`). */
    acknowledgeUnverifiedRoles: z.boolean().optional(),
    /** The hash of the plan the review exported (src/plan/plan.ts): the worker refuses a job that would differ. */
    planHash: z.string().regex(/^[0-9a-f]{64}$/, 'not a plan hash').optional(),
  }),
  'job/list': z.strictObject({}),
  'job/get': z.strictObject({ jobId }),
  'job/items': z.strictObject({
    jobId,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(1000),
    filter: z.enum(['all', 'done', 'failed', 'blocked', 'pending', 'cancelled']).optional(),
    search: shortText(256).optional(),
  }),
  'job/control': z.strictObject({ jobId, action: z.enum(['pause', 'resume', 'cancel', 'retryFailed']) }),
  'job/refreshStatus': z.strictObject({ jobId }),
  'job/followUp': z.strictObject({
    jobId,
    userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB),
    action: z.enum(['resetRedemption', 'setGuest']),
  }),
  'history/clear': z.strictObject({}),
  /** Undo (preview): whether the feature is on, and whether its permission was granted. */
  'undo/status': z.strictObject({}),
  /** The options page turns the feature on (which asks for its permission, then only) or off. */
  'undo/setEnabled': z.strictObject({ enabled: z.boolean() }),
  /** The undo review reads the users of a conversion job it is to convert back: rules applied, nothing written. */
  'undo/preview': z.strictObject({ jobId, userIds: z.array(objectId).min(1).max(MAX_UNDO_USERS) }),
  /**
   * Convert back to internal: per user, what Learn requires — for a cloud user the new UPN and a temporary password,
   * for a synced user nothing. The worker re-reads the users and re-applies every rule before the job is created.
   */
  'undo/submit': z.strictObject({
    jobId,
    expectedTenantId: objectId,
    items: z
      .array(z.strictObject({ userId: objectId, userPrincipalName: shortText(1024).optional(), password: z.string().min(8).max(256).optional() }))
      .min(1)
      .max(MAX_UNDO_USERS),
  }),
} as const;

export type Operation = keyof typeof requestSchemas;
export type RequestOf<O extends Operation> = z.infer<(typeof requestSchemas)[O]>;

/**
 * Which contexts may call an operation. Content scripts run in pages we do not own: they get the least, and never
 * an operation that writes to the directory (job/submit with its privileged override and add-to-otherMails,
 * job/control's retry, job/followUp's reset redemption and set user type). Those come only from extension pages,
 * whose documents no page script can reach: the review, the picker, the popup.
 */
export type SenderKind = 'content' | 'extension-page';
export const allowedSenders: Record<Operation, readonly SenderKind[]> = {
  'auth/status': ['content', 'extension-page'],
  'auth/signIn': ['content', 'extension-page'],
  'auth/signOut': ['extension-page'],
  'page/report': ['content'],
  'page/status': ['extension-page'],
  'setup/check': ['extension-page'],
  'users/preflight': ['extension-page'],
  'review/open': ['content'],
  'review/get': ['extension-page'],
  'review/openWindow': ['extension-page'],
  'users/search': ['extension-page'],
  'users/resolve': ['extension-page'],
  'users/allFound': ['content'],
  'job/submit': ['extension-page'],
  'job/list': ['extension-page'],
  'job/get': ['extension-page'],
  'job/items': ['extension-page'],
  'job/control': ['extension-page'],
  'job/refreshStatus': ['extension-page'],
  'job/followUp': ['extension-page'],
  'history/clear': ['extension-page'],
  'undo/status': ['extension-page'],
  'undo/setEnabled': ['extension-page'],
  'undo/preview': ['extension-page'],
  'undo/submit': ['extension-page'],
};

/** The operations that change the directory (or start something that does). */
export const WRITE_OPERATIONS = ['job/submit', 'job/control', 'job/followUp', 'undo/submit', 'undo/setEnabled'] as const satisfies readonly Operation[];

export interface Envelope {
  op: Operation;
  payload: unknown;
}

export type ProtocolError = {
  /** sign-in-required: the admin must sign in (again), or grant the permissions of `tier`. */
  code: 'bad-request' | 'forbidden-sender' | 'failed' | 'sign-in-required';
  message: string;
  /** Graph's own error code, shown to the admin beside the message. */
  graphCode?: string;
  status?: number;
  requestId?: string;
  tier?: z.infer<typeof scopeTier>;
};
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export type Parsed = { ok: true; op: Operation; payload: unknown } | { ok: false; error: ProtocolError };

/** Validate a raw message and its sender; the only door into the worker. */
export function parseRequest(raw: unknown, sender: SenderKind | undefined): Parsed {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: { code: 'bad-request', message: 'Message is not an object.' } };
  const { op, payload } = raw as { op?: unknown; payload?: unknown };
  if (typeof op !== 'string' || !Object.hasOwn(requestSchemas, op)) {
    return { ok: false, error: { code: 'bad-request', message: `Unknown operation ${JSON.stringify(String(op)).slice(0, 80)}.` } };
  }
  const operation = op as Operation;
  if (!sender || !allowedSenders[operation].includes(sender)) {
    return { ok: false, error: { code: 'forbidden-sender', message: `${operation} may not be called from ${sender ?? 'an unknown sender'}.` } };
  }
  const result = requestSchemas[operation].safeParse(payload ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'bad-request', message: `Invalid ${operation} request${where}: ${issue?.message ?? 'malformed'}.` } };
  }
  return { ok: true, op: operation, payload: result.data };
}

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

// ---- Replies (produced by the worker itself; typed, not re-validated) ----

export type { UndoPreview, UndoPreviewUser } from './undo-review';

export interface AccountView {
  username: string;
  name: string;
  tenantId: string;
  objectId: string;
}

export interface AuthStatus {
  configured: boolean;
  /** A sentence telling the admin what to fix in the settings, when not configured. */
  configProblem?: string;
  signedIn: boolean;
  account?: AccountView;
  /**
   * Signed in, but no token has been obtained in this browser session (e.g. after a browser restart the
   * authority's session cookie was gone) or the last attempt needed the admin: "signed in as X — session ended".
   */
  sessionEnded?: boolean;
  cloud: string;
  configuredTenant: string;
  grantedTiers: Array<z.infer<typeof scopeTier>>;
  /** Display name of the signed-in tenant, once read from Graph. */
  tenantName?: string;
  /** Tenant the current admin-center page belongs to, when the page revealed it. */
  pageTenant?: string;
  /** Set when the signed-in tenant differs from the page's: shown before any write. */
  tenantMismatch?: string;
}

export interface PageStatus {
  recognized: boolean | null;
  layout?: string;
  missing?: string[];
}

export interface UserSummary {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
}

export type Eligibility = 'eligible' | 'warning' | 'blocked';

export interface PreflightReason {
  code: string;
  severity: 'block' | 'warn';
  message: string;
  overridable: boolean;
}

export interface PreflightUser extends UserSummary {
  otherMails: string[];
  accountEnabled: boolean;
  proposedEmail: string;
  eligibility: Eligibility;
  reasons: PreflightReason[];
  /** The user as Graph returned it, and the directory roles held: lets the review re-run the pure
   *  eligibility rules (src/eligibility.ts) as the admin edits an email or overrides a block. */
  graph: GraphUser;
  roles: string[];
}

export interface PreflightResult {
  tenantId: string;
  tenantName: string;
  signedInUserId: string;
  verifiedDomains: string[];
  defaultRedirectUrl: string;
  users: PreflightUser[];
  /** Ids asked for that Graph no longer has (deleted since selection). */
  missing: string[];
  /** Set when the signed-in admin holds no role that may invite (Graph would answer 403 to every user). */
  adminRoleProblem?: string;
  /**
   * Set when Graph refused to read directory role assignments: nobody's roles were checked (an administrator would not
   * be flagged), so converting needs the admin's explicit acknowledgement. Says which role would allow the check.
   */
  rolesNotVerified?: string;
  /** Set when PIM eligible role assignments were not read (the optional permission for them is not granted). */
  eligibleRolesNotChecked?: string;
}

/** What a review shows: the ids the admin selected, and the tenant their page named. Nothing else comes from the page. */
export interface PendingReview {
  userIds: string[];
  tenantHint?: string;
  /** The admin-center tab the selection came from (its tenant is judged against the signed-in one). */
  tabId: number;
  /** 'frame': shown in the page's dialog; 'window': in the extension's own window. */
  placement: 'frame' | 'window';
}

export interface JobCounters {
  total: number;
  done: number;
  failed: number;
  blocked: number;
  cancelled: number;
  remaining: number;
  /** Users whose write was sent but whose outcome is not known yet: read back from Graph before anything else. */
  verifying?: number;
  /** Users whose invitation is applied (they are external users now), whatever their final state. */
  converted?: number;
  /** Cancelled users that nothing was written for. */
  notStarted?: number;
}

export interface JobSummary {
  id: string;
  createdAt: number;
  finishedAt?: number;
  tenantId: string;
  ranBy: string;
  /** The engine's job status: every UI label table is exhaustive over it. */
  state: JobStatus;
  counters: JobCounters;
  etaMs?: number;
  /** Users in requests already sent and not answered yet: what a pause or cancel still waits for. */
  inFlight?: number;
  /** Why the engine paused the job by itself (e.g. the sign-in could not be renewed), with Graph's code. */
  pauseReason?: string;
  /** Sponsors named on the job's invitations (names as Graph had them when the job was submitted). */
  sponsors?: Array<{ id: string; displayName: string }>;
  /** Hash of the plan the job writes: the same as the exported plan's when the job was made from it. */
  planHash?: string;
  /** A Convert back to internal job (preview), of the users of conversion job `undoOf`. */
  kind?: 'undo';
  undoOf?: string;
}

export interface JobItemView {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  email: string;
  state: string;
  errorCode?: string;
  errorMessage?: string;
  requestId?: string;
  updatedAt?: number;
  externalUserState?: string | null;
  externalUserStateChangeDateTime?: string | null;
  inviteRedeemUrl?: string;
  /** Undo jobs: the UPN the user signs in with once converted back (absent for a synced user). */
  newUserPrincipalName?: string;
}

export interface ResponseMap {
  'auth/status': AuthStatus;
  'auth/signIn': AuthStatus;
  'auth/signOut': AuthStatus;
  'page/report': null;
  'page/status': PageStatus;
  'setup/check': { lines: SetupLine[] };
  'users/preflight': PreflightResult;
  'review/open': null;
  'review/get': PendingReview;
  'review/openWindow': null;
  'users/search': UserSummary[];
  'users/resolve': { found: UserSummary[]; notFound: string[] };
  'users/allFound': { ids: string[] };
  'job/submit': { jobId: string };
  'job/list': JobSummary[];
  'job/get': JobSummary;
  'job/items': { total: number; items: JobItemView[] };
  'job/control': JobSummary;
  'job/refreshStatus': { roundTrips: number; items: number };
  'job/followUp': { jobId: string; succeeded: number; failed: Array<{ userId: string; code: string; message: string }> };
  'history/clear': null;
  'undo/status': UndoStatus;
  'undo/setEnabled': UndoStatus;
  'undo/preview': UndoPreview;
  'undo/submit': { jobId: string };
}

export interface UndoStatus {
  /** The admin turned Convert back to internal on (options page). */
  enabled: boolean;
  /** The signed-in account's grant carries the undo permission. */
  granted: boolean;
}

/** Events the worker broadcasts to extension pages and content scripts. */
export const eventSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('job/progress'), jobId, summary: z.custom<JobSummary>((v) => typeof v === 'object' && v !== null) }),
  z.strictObject({ event: z.literal('auth/changed') }),
]);
export type BroadcastEvent = z.infer<typeof eventSchema>;
