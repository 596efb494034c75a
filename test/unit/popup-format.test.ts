import { describe, expect, it } from 'vitest';
import type { JobSummary } from '../../src/messages';
import {
  describeCounters,
  estimateRemainingMs,
  formatAgo,
  formatTimeLeft,
  isActiveJob,
  isPaused,
  isWaitingForSignIn,
  itemStateLabel,
  jobStateLabel,
  liveProgressText,
  pickRunningJob,
  progressFraction,
  toIso,
  splitFirstSentence,
  domainOf,
} from '../../popup/lib/format';
import { pageLabel } from '../../popup/lib/filters';
import { readCache, toCache, upsertJob } from '../../popup/lib/jobs';

const counters = (o: Partial<JobSummary['counters']> = {}) => ({ total: 500, done: 110, failed: 10, blocked: 0, cancelled: 0, remaining: 380, ...o });
const job = (o: Partial<JobSummary> = {}): JobSummary => ({
  id: 'job-000001',
  createdAt: 1_000_000,
  tenantId: 't',
  ranBy: 'admin@contoso.com',
  state: 'running',
  counters: counters(),
  ...o,
});

describe('progress and time left', () => {
  it('describes the counters', () => {
    expect(describeCounters(counters())).toBe('120 of 500 processed: 110 done, 10 failed, 380 remaining');
    expect(describeCounters(counters({ total: 2000, done: 1500, blocked: 3, cancelled: 2, remaining: 485 }))).toBe(
      '1,515 of 2,000 processed: 1,500 done, 10 failed, 3 blocked, 2 cancelled, 485 remaining',
    );
    // After a restart: writes sent before it are "verifying" until read back, not "remaining" as if never sent.
    expect(describeCounters(counters({ done: 15, failed: 0, verifying: 45, remaining: 485 }))).toBe('15 of 500 processed: 15 done, 0 failed, 45 verifying, 485 remaining');
  });

  it('computes the fraction processed, clamped', () => {
    expect(progressFraction(counters())).toBeCloseTo(0.24);
    expect(progressFraction(counters({ total: 0 }))).toBe(0);
  });

  it('shows the worker\'s estimate only while the job can move; never extrapolates a standing job', () => {
    expect(estimateRemainingMs(job({ etaMs: 42_000 }))).toBe(42_000);
    // No worker estimate: nothing is made up from the time since the job was created.
    expect(estimateRemainingMs(job())).toBeUndefined();
    for (const state of ['paused', 'paused-offline', 'waiting-for-sign-in', 'cancelling'] as const) {
      expect(estimateRemainingMs(job({ state, etaMs: 42_000 })), state).toBeUndefined();
    }
    expect(estimateRemainingMs(job({ etaMs: 42_000, counters: counters({ remaining: 0 }) }))).toBeUndefined();
  });

  it('formats time left in words', () => {
    expect(formatTimeLeft(undefined)).toBe('Estimating time left…');
    expect(formatTimeLeft(59_000)).toBe('Less than a minute left');
    expect(formatTimeLeft(190_000)).toBe('About 3 min left');
    expect(formatTimeLeft(3_600_000)).toBe('About 1 h left');
    expect(formatTimeLeft(3_900_000)).toBe('About 1 h 5 min left');
  });

  it('formats ages', () => {
    expect(formatAgo(0, 10_000)).toBe('just now');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 3_600_000)).toBe('3 h ago');
  });

  it('announces progress coarsely', () => {
    expect(liveProgressText(job())).toBe('Running: 20% processed, 10 failed.');
    expect(liveProgressText(job({ counters: counters({ done: 120 }) }))).toBe('Running: 20% processed, 10 failed.');
  });

  it('formats ISO times and paging', () => {
    expect(toIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(toIso(undefined)).toBe('');
    expect(toIso('garbage')).toBe('');
    expect(pageLabel(0, 50, 1234)).toBe('1–50 of 1,234');
    expect(pageLabel(1200, 34, 1234)).toBe('1,201–1,234 of 1,234');
    expect(pageLabel(0, 0, 0)).toBe('0 of 0');
  });
});

describe('job list', () => {
  it('finds the newest active job', () => {
    const jobs = [job({ id: 'a', createdAt: 1, state: 'paused' }), job({ id: 'b', createdAt: 3, state: 'completed', finishedAt: 4 }), job({ id: 'c', createdAt: 2 })];
    expect(pickRunningJob(jobs)?.id).toBe('c');
    expect(isActiveJob(job({ state: 'cancelled' }))).toBe(false);
    expect(isActiveJob(job({ state: 'completed' }))).toBe(false);
    expect(isActiveJob(job({ state: 'paused-offline' }))).toBe(true);
    expect(isPaused(job({ state: 'paused-offline' }))).toBe(true);
    expect(jobStateLabel('paused-offline')).toBe('Paused (offline)');
    expect(jobStateLabel('waiting-for-sign-in')).toBe('Waiting for sign-in');
    expect(isWaitingForSignIn(job({ state: 'waiting-for-sign-in' }))).toBe(true);
    expect(isPaused(job({ state: 'waiting-for-sign-in' }))).toBe(false);
    expect(itemStateLabel('inviting')).toBe('Inviting');
    expect(itemStateLabel('done')).toBe('Converted');
    expect(isActiveJob(job({ state: 'running', finishedAt: 5 }))).toBe(false);
  });

  it('upserts by id, newest first', () => {
    const list = upsertJob([job({ id: 'a', createdAt: 1 }), job({ id: 'b', createdAt: 2 })], job({ id: 'a', createdAt: 1, state: 'paused' }));
    expect(list.map((j) => [j.id, j.state])).toEqual([
      ['b', 'running'],
      ['a', 'paused'],
    ]);
  });

  it('round-trips the cache and ignores junk', () => {
    const jobs = Array.from({ length: 30 }, (_, i) => job({ id: `job-${String(i).padStart(6, '0')}` }));
    const c = toCache(undefined, jobs, 5);
    expect(c.jobs).toHaveLength(20);
    expect(readCache(JSON.parse(JSON.stringify(c)))?.jobs).toHaveLength(20);
    expect(readCache('nope')).toBeUndefined();
    expect(readCache({ savedAt: 1, jobs: [{ bogus: true }], auth: 'x' })).toEqual({ savedAt: 1, jobs: [] });
  });
});

describe('long messages', () => {
  it('split into the first sentence and the rest', () => {
    expect(splitFirstSentence('One. Two three. Four?')).toEqual({ first: 'One.', rest: 'Two three. Four?' });
    expect(splitFirstSentence('No end')).toEqual({ first: 'No end', rest: '' });
    expect(splitFirstSentence('  Ends here.  ')).toEqual({ first: 'Ends here.', rest: '' });
    expect(splitFirstSentence('Version 1.0 is fine')).toEqual({ first: 'Version 1.0 is fine', rest: '' });
  });

  it('name the domain of a UPN, a guest admin’s included', () => {
    expect(domainOf('admin@contoso.com')).toBe('contoso.com');
    expect(domainOf('ada_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe('contoso.onmicrosoft.com');
    expect(domainOf('no-at')).toBe('');
  });
});
