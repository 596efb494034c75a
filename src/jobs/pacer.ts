// Client-side pacing so the tenant limits are respected before the service has to say 429.
// A sliding-window log (not a token bucket) because the service's rule is "N per window": a bucket
// refilled continuously would allow a burst of N right after a burst of N, i.e. 2N in one window.
import type { Clock } from './ports';

export interface RateLimit {
  /** Requests allowed in any window. */
  limit: number;
  windowMs: number;
  /** Added to the window for clock granularity (in-flight requests are already counted until answered). */
  marginMs: number;
}

/** Invitation manager: 150 requests per 5 s per tenant (all apps together). */
export const INVITATION_RATE: RateLimit = { limit: 150, windowMs: 5_000, marginMs: 50 };
/** Identity writes: 3,000 per 150 s per app and tenant. */
export const DIRECTORY_WRITE_RATE: RateLimit = { limit: 3_000, windowMs: 150_000, marginMs: 0 };

/**
 * The service counts a request when it processes it, somewhere between our send and its answer; requests
 * whose travel times differ would land closer together than we sent them. So a request occupies its slot
 * from reserve() until its answer, and its window is measured from the answer: the latest moment the
 * service can have counted it. Nothing we sent can then share a window the service sees as full.
 */
export class SlidingWindowPacer {
  /** Answer times still inside the window, oldest first. Never more than `limit` entries. */
  private stamps: number[] = [];
  private head = 0;
  /** Tokens handed out by reserve() and not yet committed (sent) or released. */
  private reserved = 0;
  /** Requests sent and not yet answered: they hold their slot until settle(). */
  private inFlight = 0;
  private blockedUntil = 0;

  constructor(
    private readonly clock: Clock,
    readonly rate: RateLimit,
  ) {
    if (!(rate.limit >= 1) || !(rate.windowMs > 0)) throw new RangeError('invalid rate limit');
  }

  private get span(): number {
    return this.rate.windowMs + this.rate.marginMs;
  }

  private prune(now: number): void {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= now - this.span) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
  }

  private inWindow(): number {
    return this.stamps.length - this.head;
  }

  /** How many requests could be reserved right now. */
  available(): number {
    const now = this.clock.now();
    if (now < this.blockedUntil) return 0;
    this.prune(now);
    return Math.max(0, this.rate.limit - this.inWindow() - this.reserved - this.inFlight);
  }

  /**
   * Milliseconds until `n` requests could be reserved (0 = now). When reservations or unanswered requests
   * stand in the way, the answer is a guess (the window): the caller is woken anyway when they settle.
   */
  waitFor(n: number): number {
    const now = this.clock.now();
    if (now < this.blockedUntil) return this.blockedUntil - now;
    this.prune(now);
    const excess = this.inWindow() + this.reserved + this.inFlight + n - this.rate.limit;
    if (excess <= 0) return 0;
    // Expiring the oldest `excess` answered requests frees enough room, unless there are fewer than that.
    const oldest = excess <= this.inWindow() ? this.stamps[this.head + excess - 1] : undefined;
    if (oldest === undefined) return this.span;
    return Math.max(1, oldest + this.span - now);
  }

  /** Takes up to `n` tokens now; returns how many were taken. */
  reserve(n: number): number {
    const take = Math.min(n, this.available());
    this.reserved += take;
    return take;
  }

  /** `n` reserved requests are being sent now: they stay counted, in flight, until settle(). */
  commit(n: number): void {
    this.reserved = Math.max(0, this.reserved - n);
    this.inFlight += n;
  }

  /** The answer (or the failure) of `n` sent requests arrived: their window starts now. */
  settle(n: number): void {
    const take = Math.min(n, this.inFlight);
    this.inFlight -= take;
    const now = this.clock.now();
    for (let i = 0; i < take; i++) this.stamps.push(now);
  }

  /** `n` committed requests did not leave after all (no token to send them with): they take no slot. */
  recall(n: number): void {
    this.inFlight = Math.max(0, this.inFlight - n);
  }

  /** Returns reserved tokens that will not be sent. */
  release(n: number): void {
    this.reserved = Math.max(0, this.reserved - n);
  }

  /** The service said 429 / Retry-After: nobody sends until then. */
  backOff(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.clock.now() + ms);
  }

  blockedFor(): number {
    return Math.max(0, this.blockedUntil - this.clock.now());
  }
}

/** The most requests a limit lets through per second, in the long run. */
export function perSecond(rate: RateLimit): number {
  return (rate.limit * 1000) / (rate.windowMs + rate.marginMs);
}

/** Each tenant's pacers, shared by every job of that tenant: the limits are per tenant, across jobs. */
export class TenantPacerPool {
  private readonly pacers = new Map<string, { invite: SlidingWindowPacer; write: SlidingWindowPacer }>();

  constructor(
    private readonly clock: Clock,
    private readonly invitationRate: RateLimit,
    private readonly writeRate: RateLimit,
  ) {}

  of(tenantId: string): { invite: SlidingWindowPacer; write: SlidingWindowPacer } {
    const key = tenantId.toLowerCase();
    let pacers = this.pacers.get(key);
    if (!pacers) {
      pacers = { invite: new SlidingWindowPacer(this.clock, this.invitationRate), write: new SlidingWindowPacer(this.clock, this.writeRate) };
      this.pacers.set(key, pacers);
    }
    return pacers;
  }
}
