// The engine's scaled clock (src/jobs/clock.ts) plus what another process needs to compute the same
// engine time: the real origin and the factor. The emulator runs in a child process and must throttle
// and timestamp on this very clock.
import { scaledClock, type Clock } from '../../src/jobs';

/** Wall time with sub-millisecond resolution: at k = 50, Date.now()'s 1 ms steps would be 50 engine ms. */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export interface SharedClock {
  clock: Clock;
  scale: number;
  /** The real instant at which engine time equals real time (scaledClock's origin). */
  originReal: number;
}

export function sharedScaledClock(scale: number): SharedClock {
  let originReal: number | undefined;
  // scaledClock reads realNow once at creation for its origin: capture that first reading.
  const clock = scaledClock(scale, () => {
    const t = wallNow();
    originReal ??= t;
    return t;
  });
  if (originReal === undefined) throw new Error('scaledClock did not read its origin at creation');
  return { clock, scale, originReal };
}

/** Engine time in a process that only knows the origin and the factor (same formula as scaledClock). */
export function engineNow(originReal: number, scale: number): () => number {
  return () => originReal + (wallNow() - originReal) * scale;
}
