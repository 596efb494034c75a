// Every way a Graph call can fail, normalised to the one GraphError of the HTTP vocabulary (http.ts) — our own error,
// an SDK GraphError, a bare status and body, a network failure — plus one place that turns it into a sentence an
// admin can act on.
import { graphErrorFromResponse, GraphApiError, isGraphError, isRecord, networkError, odataError, plainGraphError, type GraphError } from './http';

/**
 * Normalise anything a Graph call may throw: our own error, a plain GraphError-shaped object, the Graph
 * SDK's GraphError (statusCode/code/requestId/body/headers), an object with status+body, or an Error without
 * a response (network).
 */
export function toGraphError(e: unknown, nowMs: number = Date.now()): GraphError {
  if (e instanceof GraphApiError) return plainGraphError(e);
  if (isGraphError(e)) return plainGraphError(e);
  if (isRecord(e) && typeof e.statusCode === 'number') {
    // The SDK's GraphError. statusCode -1 means it never got a response.
    if (e.statusCode <= 0) return networkError(typeof e.message === 'string' ? e.message : '');
    const headers = sdkHeaders(e.headers);
    const fromBody = graphErrorFromResponse(e.statusCode, headers, e.body, nowMs);
    if (typeof e.code === 'string' && e.code !== '' && fromBody.code.startsWith('HttpError')) fromBody.code = e.code;
    if (typeof e.requestId === 'string' && e.requestId !== '' && fromBody.requestId === undefined) fromBody.requestId = e.requestId;
    if (typeof e.message === 'string' && e.message !== '' && odataError(e.body).message === undefined) fromBody.message = e.message;
    return fromBody;
  }
  if (isRecord(e) && typeof e.status === 'number') {
    const headers = isRecord(e.headers) ? stringRecord(e.headers) : undefined;
    return graphErrorFromResponse(e.status, headers, e.body, nowMs);
  }
  return networkError(e);
}

function stringRecord(r: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/** The SDK keeps fetch's Headers object; read it without depending on the DOM type being present. */
function sdkHeaders(h: unknown): Record<string, string> | undefined {
  if (isRecord(h) && typeof h.forEach === 'function') {
    const out: Record<string, string> = {};
    (h.forEach as (cb: (value: string, key: string) => void) => void)((value, key) => {
      out[key.toLowerCase()] = value;
    });
    return out;
  }
  return isRecord(h) ? stringRecord(h) : undefined;
}

// ---- Admin-facing descriptions --------------------------------------------------------------------------

/** What went wrong, as a category the UI can branch on (and describeGraphError words). */
export type GraphErrorKind =
  | 'network'
  | 'authentication'
  | 'missingConsent'
  | 'missingRole'
  | 'throttled'
  | 'emailNotOnUser'
  | 'verifiedDomain'
  | 'syncedUser'
  | 'convertedBefore'
  | 'invitedUserMissing'
  | 'notFound'
  | 'dependencyFailed'
  | 'serviceUnavailable'
  | 'badRequest'
  | 'other';

function has(e: GraphError, ...needles: string[]): boolean {
  const m = e.message.toLowerCase();
  return needles.some((n) => m.includes(n));
}

export function classifyGraphError(e: GraphError): GraphErrorKind {
  if (e.status === 0 || e.code === 'NetworkError') return 'network';
  if (e.status === 401 || e.code === 'InvalidAuthenticationToken') return 'authentication';
  if (e.status === 429 || e.code === 'TooManyRequests') return 'throttled';
  if (e.status === 412) return 'convertedBefore';
  if (e.status === 424) return 'dependencyFailed';
  if (e.status === 403 || e.code === 'Authorization_RequestDenied') {
    // Graph words a missing delegated scope differently from a missing directory role.
    return has(e, 'scope', 'consent', 'permission') && !has(e, 'insufficient privileges') ? 'missingConsent' : 'missingRole';
  }
  if (has(e, "doesn't match any emails", 'does not match any emails')) return 'emailNotOnUser';
  if (has(e, 'verified domain')) return 'verifiedDomain';
  if (has(e, 'already exists in the directory as objectid')) return 'invitedUserMissing';
  if (has(e, 'on-premises', 'on premises', 'onpremises', 'invalid request input')) return 'syncedUser';
  if (e.status === 404 || e.code === 'Request_ResourceNotFound') return 'notFound';
  if (e.status >= 500) return 'serviceUnavailable';
  if (e.status === 400) return 'badRequest';
  return 'other';
}

function seconds(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

const DESCRIBE_EN: Readonly<Record<GraphErrorKind, (e: GraphError) => string>> = {
  network: () => 'Microsoft Graph could not be reached. Check your network connection; if this was a write, re-check the user before retrying, because it may have been applied.',
  authentication: () => 'Your sign-in has expired or was rejected. Sign in again and retry.',
  missingConsent: () => 'The extension has not been granted the permission this step needs. Grant consent when prompted (or ask an administrator who can consent for the organization), then retry. Check my setup (in the extension options) shows which permission is missing.',
  // Graph answers a missing role and (often) a missing scope with the same "Insufficient privileges", so name both.
  missingRole: () =>
    'Microsoft Entra refused this for lack of permission. Your account may lack the directory role for this step (converting users needs Guest Inviter, User Administrator or Directory Writers; editing users needs User Administrator; resetting redemption needs Helpdesk Administrator or User Administrator), or the extension may lack consent for it. Some tenants also want write permission (User.ReadWrite.All) to convert an existing user (the documentation leaves this open): sign in with write permission and retry failed. Check my setup (in the extension options) shows which role or permission is missing.',
  throttled: (e) => `Microsoft Graph is throttling requests${e.retryAfterMs !== undefined ? `; it asked to wait ${seconds(e.retryAfterMs)}` : ''}. The remaining users will be retried automatically.`,
  emailNotOnUser: () => "The invited email address is not on the user object. Add it to the user's email or other emails (the extension can add it to other emails with write permission), then retry.",
  verifiedDomain: () => "The user's email address is in a verified domain of this tenant. Change it to the user's external address to convert them.",
  syncedUser: () => 'Microsoft Entra rejected the request as invalid. This usually means the user is synchronized from on-premises Active Directory, which cannot be converted here.',
  convertedBefore: () => 'This user was converted from external to internal before, and Microsoft Entra refuses to invite them again (412 Precondition Failed).',
  invitedUserMissing: () => 'Microsoft Entra treated this as a new invitation because the request did not name the existing user. This is a defect in the extension; please report it.',
  notFound: () => 'The user no longer exists in the directory (it may have been deleted since it was selected).',
  dependencyFailed: () => 'This step was skipped because an earlier step for the same user failed.',
  serviceUnavailable: () => 'Microsoft Graph is temporarily unavailable. Retry in a few minutes.',
  badRequest: (e) => `Microsoft Entra rejected the request: ${e.message}`,
  other: (e) => `Microsoft Graph returned an error: ${e.message}`,
};

/** The actionable sentence alone, for places that show Graph's code and request id in their own columns. */
export function adviceForGraphError(e: GraphError): string {
  return DESCRIBE_EN[classifyGraphError(e)](e);
}

/**
 * One actionable sentence for the admin, always followed by Graph's code (and status/request id) so the
 * exact failure stays searchable. Only English is written yet; `locale` is accepted so callers need not
 * change when translations arrive.
 */
export function describeGraphError(error: unknown, _locale?: string): string {
  const e = isGraphError(error) ? error : toGraphError(error);
  const sentence = adviceForGraphError(e);
  const detail = [e.code, e.status > 0 ? `HTTP ${e.status}` : undefined, e.requestId !== undefined ? `request id ${e.requestId}` : undefined]
    .filter((x): x is string => x !== undefined)
    .join(', ');
  return `${sentence} (${detail})`;
}
