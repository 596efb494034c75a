import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfter, retryAfterOf } from '../../src/graph/http';
import { DEFAULT_RETRY_POLICY, backoffDelayMs, isRetryableStatus, retryDelayMs } from '../../src/graph/retry';

const NOW = Date.parse('2026-11-27T12:00:00Z');

describe('Retry-After', () => {
  it('parses whole and fractional seconds', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(' 0.25 ', NOW)).toBe(250);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('parses an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Fri, 27 Nov 2026 12:00:10 GMT', NOW)).toBe(10_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 11:59:00 GMT', NOW)).toBe(0);
  });

  it('is read from headers whatever their case (a $batch item keeps Graph’s casing)', () => {
    expect(headerValue({ 'Retry-After': '2' }, 'retry-after')).toBe('2');
    expect(retryAfterOf({ 'retry-after': '2.5' }, NOW)).toBe(2500);
    expect(retryAfterOf({ 'Retry-After': '1' }, NOW)).toBe(1000);
    expect(retryAfterOf(undefined, NOW)).toBeUndefined();
  });

  it('ignores absent and garbage values', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('retryable statuses', () => {
  it('retries throttling and unavailability for every method', () => {
    for (const s of [429, 503, 504]) {
      expect(isRetryableStatus(s, 'GET')).toBe(true);
      expect(isRetryableStatus(s, 'POST')).toBe(true);
    }
  });

  it('retries 500/502 and no response only for reads', () => {
    for (const s of [500, 502, 0]) {
      expect(isRetryableStatus(s, 'GET')).toBe(true);
      expect(isRetryableStatus(s, 'POST')).toBe(false);
      expect(isRetryableStatus(s, 'PATCH')).toBe(false);
    }
    for (const s of [400, 401, 403, 404, 412, 424]) expect(isRetryableStatus(s, 'GET')).toBe(false);
  });
});

describe('backoff', () => {
  it('is full jitter under an exponential, capped ceiling', () => {
    const p = { baseDelayMs: 1000, maxDelayMs: 8000 };
    expect(backoffDelayMs(0, p, () => 0.5)).toBe(500);
    expect(backoffDelayMs(2, p, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(10, p, () => 0.999)).toBe(7992);
    expect(backoffDelayMs(3, p, () => 0)).toBe(0);
  });

  it('prefers Retry-After, clamped', () => {
    expect(retryDelayMs(0, 1500, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1500);
    expect(retryDelayMs(0, 10 * 3600_000, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(DEFAULT_RETRY_POLICY.maxRetryAfterMs);
    expect(retryDelayMs(1, undefined, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(1000);
  });
});
