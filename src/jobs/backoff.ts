// Retry timing: exponential backoff with jitter for transient errors. The service's Retry-After arrives parsed, as a
// number (BatchResponse.retryAfterMs, from src/graph/http.ts).

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/**
 * Delay before attempt `attempt + 1` after `attempt` failed sends. "Equal jitter": half fixed, half random,
 * so retries of a whole batch spread out but never come back immediately.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
