// Real clocks. `scaledClock` lets a benchmark run the engine faster than real time: the engine sees
// virtual milliseconds (so pacing and Retry-After keep their meaning) while waits are divided by `factor`.
import type { Clock } from './ports';

export function scaledClock(factor = 1, realNow: () => number = () => Date.now()): Clock {
  if (!(factor > 0)) throw new RangeError('clock factor must be > 0');
  const origin = realNow();
  return {
    now: () => origin + (realNow() - origin) * factor,
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        if (signal?.aborted || ms <= 0) return resolve();
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms / factor);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}

export const systemClock: Clock = scaledClock(1);
