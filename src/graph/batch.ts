// JSON batching: the `$batch` body for up to 20 requests, its answer mapped back to the requests, and the rounds
// that send any number of requests 20 at a time and re-send the throttled ones after Graph's Retry-After.
import { graphErrorFromResponse, isRecord, retryAfterOf, headerValue, type GraphError, type HttpMethod } from './http';
import { chunk } from './queries';
import { isRetryableStatus, retryDelayMs, type RetryNotice, type RetryPolicy } from './retry';
import type { TransportResponse } from './transport';
import { toGraphError } from './errors';

/** Graph's cap on requests in one JSON batch. */
export const MAX_BATCH_REQUESTS = 20;

/** $batch calls of reads in flight at once: Graph throttles per app and tenant, a handful is polite. */
const READ_BATCH_CONCURRENCY = 4;

export interface BatchItem {
  /** Unique within its batch. */
  id: string;
  method: HttpMethod;
  /** Relative to the version root, e.g. `/users/abc`. Absolute Graph URLs are made relative. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export interface BatchRequestJson {
  requests: BatchItem[];
}

/** `https://graph.microsoft.com/v1.0/users?x` → `/users?x` (batch items take version-relative URLs). */
export function toBatchRelativeUrl(url: string): string {
  const m = /^https:\/\/[^/]+\/(?:v1\.0|beta)(\/.*)?$/i.exec(url);
  if (m !== null) return m[1] ?? '/';
  return url.startsWith('/') ? url : `/${url}`;
}

/** The `$batch` body for up to 20 items with unique ids; a body gets a Content-Type (Graph requires it). */
export function buildBatchBody(items: readonly BatchItem[]): BatchRequestJson {
  if (items.length === 0 || items.length > MAX_BATCH_REQUESTS) {
    throw new RangeError(`a batch takes 1..${MAX_BATCH_REQUESTS} requests, got ${items.length}`);
  }
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) throw new RangeError(`duplicate batch request id ${it.id}`);
    ids.add(it.id);
  }
  return {
    requests: items.map((it) => {
      const r: BatchRequestJson['requests'][number] = { id: it.id, method: it.method, url: toBatchRelativeUrl(it.url) };
      const headers = { ...(it.headers ?? {}) };
      if (it.body !== undefined && headerValue(headers, 'content-type') === undefined) headers['Content-Type'] = 'application/json';
      if (Object.keys(headers).length > 0) r.headers = headers;
      if (it.body !== undefined) r.body = it.body;
      if (it.dependsOn !== undefined && it.dependsOn.length > 0) r.dependsOn = [...it.dependsOn];
      return r;
    }),
  };
}

export interface BatchItemResult {
  id: string;
  /** The item's HTTP status; 0 when the batch response did not contain it. */
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set for any status outside 2xx. */
  error?: GraphError;
  /** From the item's own Retry-After (each item is throttled on its own). */
  retryAfterMs?: number;
}

function stringHeaders(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isRecord(v)) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/**
 * Map a `$batch` response (items in any order) back to the sent items, in the sent order. An item missing
 * from the response gets status 0 so it is treated like a request that got no answer.
 */
export function mapBatchResponse(sent: readonly BatchItem[], raw: unknown, nowMs: number): BatchItemResult[] {
  const byId = new Map<string, Record<string, unknown>>();
  const responses = isRecord(raw) && Array.isArray(raw.responses) ? raw.responses : [];
  for (const r of responses) if (isRecord(r) && (typeof r.id === 'string' || typeof r.id === 'number')) byId.set(String(r.id), r);
  return sent.map((item) => {
    const r = byId.get(item.id);
    if (r === undefined || typeof r.status !== 'number') {
      return {
        id: item.id,
        status: 0,
        headers: {},
        body: undefined,
        error: { status: 0, code: 'MissingBatchResponse', message: 'The batch response did not include this request.' },
      };
    }
    const headers = stringHeaders(r.headers);
    const result: BatchItemResult = { id: item.id, status: r.status, headers, body: r.body };
    const retryAfterMs = retryAfterOf(headers, nowMs);
    if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    if (r.status < 200 || r.status >= 300) result.error = graphErrorFromResponse(r.status, headers, r.body, nowMs);
    return result;
  });
}

/** One request of `sendBatches()`; the id is optional (assigned from the position) but must be unique if given. */
export type BatchRequest = Omit<BatchItem, 'id'> & { id?: string };

/** What sending batches needs of the client: one request with its retry rules, and its clock and policy. */
export interface BatchSender {
  request(method: HttpMethod, url: string, init: { body: unknown; idempotent: boolean }): Promise<TransportResponse>;
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
  policy: RetryPolicy;
  onRetry?: ((notice: RetryNotice) => void) | undefined;
}

/**
 * Send any number of requests as $batch calls of at most 20, returning one result per request in input
 * order. Items answered 429/503/504 (and, for GETs, 5xx/missing) are re-sent in a later batch after the
 * longest Retry-After among them (or a backoff), up to the policy's attempts; then their failure is
 * returned, not thrown. A failing outer $batch call marks all its items failed.
 */
export async function sendBatches(requests: readonly BatchRequest[], via: BatchSender): Promise<BatchItemResult[]> {
  const items: BatchItem[] = requests.map((r, i) => ({ ...r, id: r.id ?? String(i + 1) }));
  if (new Set(items.map((i) => i.id)).size !== items.length) throw new RangeError('batch request ids must be unique');
  if (items.some((i) => (i.dependsOn ?? []).length > 0) && items.length > MAX_BATCH_REQUESTS) {
    // Dependencies cannot span two $batch calls.
    throw new RangeError(`requests with dependsOn must fit in one batch of ${MAX_BATCH_REQUESTS}`);
  }
  const results: BatchItemResult[] = new Array<BatchItemResult>(items.length);
  const attempts = new Array<number>(items.length).fill(0);
  let pending = items.map((_, i) => i);
  let round = 0;
  while (pending.length > 0) {
    const retry: number[] = [];
    let waitMs = 0;
    let longest: { err: GraphError; id: string; method: HttpMethod; url: string } | undefined;
    const sendGroup = async (group: number[]): Promise<void> => {
      const inGroup = new Set(group.map((i) => items[i]?.id));
      const sent = group.map((i) => {
        const it = items[i] as BatchItem;
        // On a retry round a dependency may have succeeded earlier and not be re-sent: drop that edge.
        const dependsOn = (it.dependsOn ?? []).filter((d) => inGroup.has(d));
        return dependsOn.length > 0 ? { ...it, dependsOn } : { ...it, dependsOn: undefined };
      });
      const allReads = sent.every((s) => s.method === 'GET');
      let mapped: BatchItemResult[];
      try {
        const res = await via.request('POST', '/$batch', { body: buildBatchBody(sent), idempotent: allReads });
        mapped = mapBatchResponse(sent, res.body, via.now());
      } catch (e) {
        const err = toGraphError(e, via.now());
        mapped = sent.map((s) => ({ id: s.id, status: err.status, headers: {}, body: undefined, error: err }));
        for (const [k, i] of group.entries()) results[i] = mapped[k] as BatchItemResult;
        return;
      }
      for (const [k, i] of group.entries()) {
        const r = mapped[k] as BatchItemResult;
        const it = items[i] as BatchItem;
        attempts[i] = (attempts[i] ?? 0) + 1;
        results[i] = r;
        if (r.error !== undefined && (attempts[i] ?? 0) < via.policy.maxAttempts && isRetryableStatus(r.status, it.method)) {
          retry.push(i);
          const d = retryDelayMs(round, r.retryAfterMs, via.policy, via.random);
          if (longest === undefined || d > waitMs) longest = { err: r.error, id: it.id, method: it.method, url: it.url };
          waitMs = Math.max(waitMs, d);
        }
      }
    };
    const groups = chunk(pending, MAX_BATCH_REQUESTS);
    // Reads go a few $batch calls at a time (a 10,000-user pre-flight is 34 calls: not one after another);
    // writes stay one at a time, in order.
    const parallel = groups.every((g) => g.every((i) => items[i]?.method === 'GET')) ? READ_BATCH_CONCURRENCY : 1;
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < groups.length) await sendGroup(groups[next++] as number[]);
    };
    await Promise.all(Array.from({ length: Math.min(parallel, groups.length) }, lane));
    if (retry.length > 0 && longest !== undefined) {
      via.onRetry?.({
        method: longest.method,
        url: longest.url,
        status: longest.err.status,
        code: longest.err.code,
        attempt: round + 1,
        delayMs: waitMs,
        batchItemId: longest.id,
      });
      await via.sleep(waitMs);
    }
    pending = retry;
    round++;
  }
  return results;
}
