// When and how long to wait before retrying a Graph request. Graph throttles per request (also inside a
// $batch) and says how long to wait in Retry-After (parsed in http.ts); without it we back off exponentially with
// full jitter so that many parallel workers do not retry in lock-step.
import type { HttpMethod } from './http';

export function isIdempotent(method: HttpMethod): boolean {
  return method === 'GET' || method === 'PUT' || method === 'DELETE';
}

/**
 * Whether a status is worth retrying. 429/503/504 mean Graph did not (or asks us not to assume it did) finish
 * the work and invites a retry, for any method. 500/502 and a missing response (status 0) may come after a
 * write was applied, so they are retried only for idempotent reads.
 */
export function isRetryableStatus(status: number, method: HttpMethod): boolean {
  if (status === 429 || status === 503 || status === 504) return true;
  if (status === 500 || status === 502 || status === 0) return method === 'GET';
  return false;
}

export interface RetryPolicy {
  /** Total attempts including the first (so 4 = up to 3 retries). */
  maxAttempts: number;
  /** Backoff base: the first retry waits up to this long. */
  baseDelayMs: number;
  /** Cap of one backoff wait. */
  maxDelayMs: number;
  /** A Retry-After longer than this is clamped (a broken header must not park a job for hours). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 300_000,
};

/** Full-jitter exponential backoff: uniform in [0, min(cap, base·2^retryIndex)). `retryIndex` starts at 0. */
export function backoffDelayMs(retryIndex: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryIndex));
  return Math.floor(random() * ceiling);
}

/** The wait before retry number `retryIndex`: Graph's Retry-After when given (clamped), else backoff. */
export function retryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return backoffDelayMs(retryIndex, policy, random);
}

/** One wait before a retry, reported (for "throttled, waiting N s" in the UI and for logs). */
export interface RetryNotice {
  method: HttpMethod;
  url: string;
  status: number;
  code: string;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  delayMs: number;
  /** Set when the retry concerns one item of a $batch. */
  batchItemId?: string;
}
