import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/jobs/backoff';
import { SlidingWindowPacer } from '../../src/jobs/pacer';
import { estimateRemainingMs } from '../../src/jobs/progress';
import { VirtualClock } from '../support/jobs/virtual-clock';

describe('SlidingWindowPacer', () => {
  it('allows `limit` per window, measured from the answer; unanswered requests hold their slot', () => {
    const clock = new VirtualClock(0);
    const pacer = new SlidingWindowPacer(clock, { limit: 150, windowMs: 5_000, marginMs: 0 });
    expect(pacer.reserve(100)).toBe(100);
    expect(pacer.reserve(100)).toBe(50); // pending reservations count too
    pacer.commit(150);
    expect(pacer.available()).toBe(0);
    clock.advance(10_000);
    // Still unanswered after any time: Graph may count them now, so they keep their slots.
    expect(pacer.available()).toBe(0);
    expect(pacer.waitFor(20)).toBe(5_000); // a guess: the caller is woken when the answers arrive
    pacer.settle(150); // answered at t = 10 s: the window runs from here
    expect(pacer.waitFor(20)).toBe(5_000);
    clock.advance(4_999);
    expect(pacer.available()).toBe(0);
    clock.advance(1);
    expect(pacer.available()).toBe(150);
  });

  it('never lets requests that travel at different speeds land in a window the service sees as full', () => {
    // Two batches sent 5 s apart; the first is slow (counted by the service late), the second fast.
    const clock = new VirtualClock(0);
    const pacer = new SlidingWindowPacer(clock, { limit: 20, windowMs: 5_000, marginMs: 0 });
    pacer.commit(pacer.reserve(20));
    clock.advance(1_500); // the slow answer arrives: the service counted them at most now
    pacer.settle(20);
    clock.advance(3_500); // 5 s after the send: a send-time pacer would allow the next batch here
    expect(pacer.available()).toBe(0);
    expect(pacer.waitFor(20)).toBe(1_500);
    clock.advance(1_500);
    expect(pacer.reserve(20)).toBe(20);
  });

  it('frees capacity batch by batch as answers age out', () => {
    const clock = new VirtualClock(0);
    const pacer = new SlidingWindowPacer(clock, { limit: 40, windowMs: 1_000, marginMs: 100 });
    pacer.commit(pacer.reserve(20));
    pacer.settle(20);
    clock.advance(300);
    pacer.commit(pacer.reserve(20));
    pacer.settle(20);
    expect(pacer.waitFor(1)).toBe(800); // first batch ages out at 0 + 1000 + 100
    clock.advance(800);
    expect(pacer.available()).toBe(20);
    expect(pacer.waitFor(40)).toBe(300);
  });

  it('release() returns reserved tokens that were not sent', () => {
    const pacer = new SlidingWindowPacer(new VirtualClock(0), { limit: 10, windowMs: 1_000, marginMs: 0 });
    expect(pacer.reserve(10)).toBe(10);
    pacer.release(10);
    expect(pacer.available()).toBe(10);
  });

  it('backOff() blocks everyone until Retry-After has passed', () => {
    const clock = new VirtualClock(0);
    const pacer = new SlidingWindowPacer(clock, { limit: 10, windowMs: 1_000, marginMs: 0 });
    pacer.backOff(2_500);
    pacer.backOff(1_000); // a shorter one does not shorten it
    expect(pacer.available()).toBe(0);
    expect(pacer.waitFor(1)).toBe(2_500);
    clock.advance(2_500);
    expect(pacer.available()).toBe(10);
  });

  it('keeps memory bounded over a long run', () => {
    const clock = new VirtualClock(0);
    const pacer = new SlidingWindowPacer(clock, { limit: 150, windowMs: 5_000, marginMs: 0 });
    for (let i = 0; i < 100_000; i++) {
      clock.advance(40);
      pacer.commit(pacer.reserve(1));
      pacer.settle(1);
    }
    expect(pacer.available()).toBeGreaterThanOrEqual(0);
    expect((pacer as unknown as { stamps: number[] }).stamps.length).toBeLessThan(3_000);
  });
});

describe('backoff', () => {
  it('grows exponentially with equal jitter and a cap', () => {
    const policy = { baseMs: 1_000, maxMs: 8_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
    expect(backoffDelay(10, policy, () => 1)).toBe(8_000);
  });
});

describe('ETA', () => {
  it('uses the pacing ceiling until enough items finished, then the observed rate (never faster than the ceiling)', () => {
    expect(estimateRemainingMs(300, 0, 0, undefined, 30)).toBe(10_000);
    expect(estimateRemainingMs(300, 10_000, 100, { since: 0, finishedAtStart: 0 }, 30)).toBe(30_000);
    expect(estimateRemainingMs(300, 1_000, 1_000, { since: 0, finishedAtStart: 0 }, 30)).toBe(10_000);
    expect(estimateRemainingMs(0, 0, 0, undefined, 30)).toBe(0);
  });
});
