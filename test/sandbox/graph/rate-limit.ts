// Sliding-window limiter for the invitation manager (150 requests per 5 s per tenant by default). Time
// comes from the emulator clock, so a test can shrink the window or drive a fake clock instead of waiting.
export class SlidingWindowLimiter {
  private stamps: number[] = [];

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Admits one request at `now`, or says how long until the oldest request leaves the window. */
  take(now: number): { ok: true } | { ok: false; retryAfterSec: number } {
    while (this.stamps.length > 0 && (this.stamps[0] as number) <= now - this.windowMs) this.stamps.shift();
    if (this.stamps.length < this.max) {
      this.stamps.push(now);
      return { ok: true };
    }
    const oldest = this.stamps[0] as number;
    return { ok: false, retryAfterSec: (oldest + this.windowMs - now) / 1000 };
  }

  reset(): void {
    this.stamps = [];
  }
}
