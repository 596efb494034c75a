// HTTP as Microsoft Graph speaks it, in one vocabulary for the Graph layer and the job engine: methods, header
// lookup, what a status says, Retry-After as a number of milliseconds, and one shape for every way a Graph call can
// fail (HTTP error, no response, failed $batch item), keeping Graph's own error code so support can search for it.
// Parsed once, where the response is read: nothing downstream re-reads a header string.
import { t } from '../i18n';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Case-insensitive header lookup (a $batch item's headers keep Graph's casing; fetch's are lower-cased). */
export function headerValue(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * `Retry-After` → milliseconds from now. Accepts delta-seconds (Graph sends fractional values too) and
 * HTTP-dates. Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  // Only a date-looking value is treated as a date: Date.parse accepts plain numbers like "-1" too.
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The response's Retry-After, parsed. */
export function retryAfterOf(headers: Readonly<Record<string, string>> | undefined, nowMs: number): number | undefined {
  return parseRetryAfter(headerValue(headers, 'retry-after'), nowMs);
}

export interface GraphError {
  /** HTTP status; 0 when no response arrived. */
  status: number;
  /** Graph's error code (e.g. Authorization_RequestDenied), or NetworkError / HttpError<status> when it gave none. */
  code: string;
  message: string;
  requestId?: string;
  /** How long Graph asked to wait before trying again (Retry-After), in milliseconds. */
  retryAfterMs?: number;
}

/** Thrown by GraphApi; carries the normalised error so callers never parse messages. */
export class GraphApiError extends Error implements GraphError {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(e: GraphError) {
    super(e.message);
    this.name = 'GraphApiError';
    this.status = e.status;
    this.code = e.code;
    if (e.requestId !== undefined) this.requestId = e.requestId;
    if (e.retryAfterMs !== undefined) this.retryAfterMs = e.retryAfterMs;
  }

  toJSON(): GraphError {
    return plainGraphError(this);
  }
}

export function plainGraphError(e: GraphError): GraphError {
  const out: GraphError = { status: e.status, code: e.code, message: e.message };
  if (e.requestId !== undefined) out.requestId = e.requestId;
  if (e.retryAfterMs !== undefined) out.retryAfterMs = e.retryAfterMs;
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isGraphError(v: unknown): v is GraphError {
  return isRecord(v) && typeof v.status === 'number' && typeof v.code === 'string' && typeof v.message === 'string';
}

function parseMaybeJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** `{ error: { code, message, innerError: { request-id } } }` → its parts (Graph's OData error shape). */
export function odataError(body: unknown): { code?: string; message?: string; requestId?: string } {
  const parsed = parseMaybeJson(body);
  if (!isRecord(parsed) || !isRecord(parsed.error)) return {};
  const err = parsed.error;
  const inner = isRecord(err.innerError) ? err.innerError : isRecord(err.innererror) ? err.innererror : undefined;
  const requestId = inner === undefined ? undefined : inner['request-id'] ?? inner.requestId;
  const out: { code?: string; message?: string; requestId?: string } = {};
  if (typeof err.code === 'string' && err.code !== '') out.code = err.code;
  if (typeof err.message === 'string') out.message = err.message;
  if (typeof requestId === 'string') out.requestId = requestId;
  return out;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  424: 'Failed dependency',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Normalise an HTTP error response (top-level or one $batch item). */
export function graphErrorFromResponse(
  status: number,
  headers: Readonly<Record<string, string>> | undefined,
  body: unknown,
  nowMs: number = Date.now(),
): GraphError {
  const od = odataError(body);
  const out: GraphError = {
    status,
    code: od.code ?? (status === 429 ? 'TooManyRequests' : `HttpError${status}`),
    message: od.message ?? (typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 500) : STATUS_TEXT[status] ?? `HTTP ${status}`),
  };
  const requestId = headerValue(headers, 'request-id') ?? od.requestId ?? headerValue(headers, 'client-request-id');
  if (requestId !== undefined) out.requestId = requestId;
  const retryAfterMs = retryAfterOf(headers, nowMs);
  if (retryAfterMs !== undefined) out.retryAfterMs = retryAfterMs;
  return out;
}

/** No response at all (DNS, TLS, offline, aborted): status 0. */
export function networkError(cause: unknown): GraphError {
  const detail = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : '';
  return { status: 0, code: 'NetworkError', message: detail === '' ? t('error_graph_noResponse') : detail };
}
