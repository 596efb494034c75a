// Every way a Graph call can fail, normalised to the one GraphError of the HTTP vocabulary (http.ts) — our own error,
// an SDK GraphError, a bare status and body, a network failure — plus one place that turns it into a sentence an
// admin can act on.
import { t, tn } from '../i18n';
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

// The advice in the catalogue's language (error_graph_*); Graph's own message is quoted verbatim where shown.
const DESCRIBE: Readonly<Record<GraphErrorKind, (e: GraphError) => string>> = {
  network: () => t('error_graph_network'),
  authentication: () => t('error_graph_authentication'),
  missingConsent: () => t('error_graph_missingConsent', { check: t('setup_title') }),
  // Graph answers a missing role and (often) a missing scope with the same "Insufficient privileges", so name both.
  missingRole: () => t('error_graph_missingRole', { check: t('setup_title') }),
  throttled: (e) =>
    e.retryAfterMs !== undefined ? tn('error_graph_throttledWait', Math.max(1, Math.ceil(e.retryAfterMs / 1000))) : t('error_graph_throttled'),
  emailNotOnUser: () => t('error_graph_emailNotOnUser'),
  verifiedDomain: () => t('error_graph_verifiedDomain'),
  syncedUser: () => t('error_graph_syncedUser'),
  convertedBefore: () => t('error_graph_convertedBefore'),
  invitedUserMissing: () => t('error_graph_invitedUserMissing'),
  notFound: () => t('error_graph_notFound'),
  dependencyFailed: () => t('error_graph_dependencyFailed'),
  serviceUnavailable: () => t('error_graph_serviceUnavailable'),
  badRequest: (e) => t('error_graph_badRequest', { message: e.message }),
  other: (e) => t('error_graph_unclassified', { message: e.message }),
};

/** The actionable sentence alone, for places that show Graph's code and request id in their own columns. */
export function adviceForGraphError(e: GraphError): string {
  return DESCRIBE[classifyGraphError(e)](e);
}

/**
 * One actionable sentence for the admin, always followed by Graph's code (and status/request id) so the
 * exact failure stays searchable. The sentence is in the catalogue's language (src/i18n); `_locale` is kept for
 * callers that passed one before, and is not used.
 */
export function describeGraphError(error: unknown, _locale?: string): string {
  const e = isGraphError(error) ? error : toGraphError(error);
  const sentence = adviceForGraphError(e);
  const detail = [e.code, e.status > 0 ? `HTTP ${e.status}` : undefined, e.requestId !== undefined ? t('error_graph_requestId', { id: e.requestId }) : undefined]
    .filter((x): x is string => x !== undefined)
    .join(', ');
  return `${sentence} (${detail})`;
}
