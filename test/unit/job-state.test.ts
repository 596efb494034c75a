import { describe, expect, it } from 'vitest';
import { badgeState, jobOutcomeText, jobStateText } from '../../src/job-state';
import { jobSummary } from '../support/job-summary';

const job = jobSummary;

describe('job state wording', () => {
  it('says "Pausing — N requests in flight" until the answers are in, then "Paused"', () => {
    expect(jobStateText(job({ state: 'paused', inFlight: 20 }))).toEqual({ label: 'Pausing — 20 requests in flight', tone: 'warning' });
    expect(jobStateText(job({ state: 'paused', inFlight: 1 })).label).toBe('Pausing — 1 request in flight');
    expect(jobStateText(job({ state: 'paused' })).label).toBe('Paused');
    expect(jobStateText(job({ state: 'cancelling', inFlight: 3 })).label).toBe('Cancelling — 3 requests in flight');
  });

  it('a finished job with failures says how many, in the danger tone', () => {
    expect(jobStateText(job({ state: 'completed', counters: { done: 49, failed: 1, remaining: 0 } }))).toEqual({ label: 'Finished with 1 failed', tone: 'danger' });
    expect(jobStateText(job({ state: 'completed', counters: { done: 50, remaining: 0 } }))).toEqual({ label: 'Finished', tone: 'success' });
  });

  it('the outcome of a cancel separates "converted before the cancel" from "not started"', () => {
    const cancelled = job({ state: 'cancelled', counters: { done: 12, converted: 13, cancelled: 38, notStarted: 37, failed: 0, remaining: 0 } });
    expect(jobOutcomeText(cancelled)).toBe('13 users converted before the cancel, 37 not started, 1 stopped part-way');
    expect(jobOutcomeText(job({ state: 'cancelled', counters: { done: 1, converted: 1, cancelled: 49, notStarted: 49, remaining: 0 } }))).toBe(
      '1 user converted before the cancel, 49 not started',
    );
  });

  it('a finished outcome names failures and blocked users; an unfinished one what is left', () => {
    expect(jobOutcomeText(job({ state: 'completed', counters: { done: 47, converted: 47, failed: 2, blocked: 1, remaining: 0 } }))).toBe('47 of 50 users converted, 2 failed, 1 blocked');
    expect(jobOutcomeText(job({ counters: { done: 10, verifying: 5, remaining: 40 } }))).toBe('10 of 50 users converted, 5 verifying, 40 left');
  });

  it('plurals and numbers from the catalogue', () => {
    expect(jobOutcomeText(job({ state: 'completed', counters: { total: 1, done: 1, converted: 1, remaining: 0 } }))).toBe('1 of 1 user converted');
    expect(jobOutcomeText(job({ counters: { total: 1200, done: 0, remaining: 1200 } }))).toBe('0 of 1,200 users converted, 1,200 left');
  });
});

describe('toolbar badge', () => {
  it('shows the failures of the newest finished job in danger, with the state in the title', () => {
    const badge = badgeState([job({ state: 'completed', createdAt: 2, counters: { done: 47, converted: 47, failed: 3, remaining: 0 } }), job({ state: 'completed', createdAt: 1, counters: { done: 50, remaining: 0 } })]);
    expect(badge).toEqual({ text: '3', tone: 'danger', title: 'B2B Convert for Entra: Finished with 3 failed — 47 of 50 users converted, 3 failed' });
  });

  it('is empty once the newest job went well, "!" while a job waits for sign-in, the users left while running', () => {
    expect(badgeState([job({ state: 'completed', counters: { done: 50, remaining: 0 } })]).text).toBe('');
    expect(badgeState([job({ state: 'waiting-for-sign-in', counters: { remaining: 1 } })])).toMatchObject({ text: '!', tone: 'warning', title: 'B2B Convert for Entra: sign in to continue converting 1 user' });
    expect(badgeState([job({ state: 'paused', inFlight: 20, counters: { remaining: 1200 } })])).toMatchObject({
      text: '1.2k',
      tone: 'informative',
      title: 'B2B Convert for Entra: Pausing — 20 requests in flight — 1,200 users left',
    });
  });
});
