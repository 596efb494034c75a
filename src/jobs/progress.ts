// Progress snapshots for the UI and the badge, computed from the header counters only (O(1), no item scan).
import { unfinished, type JobHeader, type JobStatus, type Reason } from './model';

export interface JobProgress {
  jobId: string;
  status: JobStatus;
  total: number;
  queued: number;
  /** Items with a step under way (addingEmail, inviting, settingType, convertingToInternal). */
  running: number;
  done: number;
  failed: number;
  blocked: number;
  cancelled: number;
  /** Writes whose outcome is not known yet (will be verified before any re-send). */
  unknown: number;
  /** Users known converted (invitation applied), whatever their final status. */
  converted: number;
  /** Cancelled users with nothing applied ("not started"). */
  notStarted: number;
  /** Users in requests sent and not yet answered in this run: what a pause or cancel still waits for. */
  inFlight: number;
  remaining: number;
  startedAt?: number;
  updatedAt: number;
  /** Estimated milliseconds left; only while the job can move (running), from the pacer's rate and this run's. */
  etaMs?: number;
  pauseReason?: Reason;
}

/** What the current run session has observed, for the rate estimate. */
export interface RateSample {
  since: number;
  finishedAtStart: number;
}

export function finishedCount(header: JobHeader): number {
  const c = header.counters;
  return c.done + c.failed + c.blocked + c.cancelled;
}

/**
 * ETA from the rate observed in this session, but never faster than the pacing ceiling (a burst of quick
 * failures would otherwise promise the impossible). Before enough items finished, the ceiling alone.
 */
export function estimateRemainingMs(remaining: number, now: number, finished: number, sample: RateSample | undefined, ceilingPerSecond: number): number | undefined {
  if (remaining === 0) return 0;
  const floorMs = ceilingPerSecond > 0 ? (remaining / ceilingPerSecond) * 1000 : undefined;
  if (!sample) return floorMs;
  const doneInSession = finished - sample.finishedAtStart;
  const elapsed = now - sample.since;
  if (doneInSession < 20 || elapsed <= 0) return floorMs;
  const observedMs = (remaining / doneInSession) * elapsed;
  return floorMs === undefined ? observedMs : Math.max(observedMs, floorMs);
}

export function progressOf(header: JobHeader, now: number, sample?: RateSample, ceilingPerSecond = 30, inFlight = 0): JobProgress {
  const c = header.counters;
  const finished = finishedCount(header);
  const remaining = Math.max(0, header.total - finished);
  const progress: JobProgress = {
    jobId: header.id,
    status: header.status,
    total: header.total,
    queued: c.queued,
    running: unfinished(c) - c.queued,
    done: c.done,
    failed: c.failed,
    blocked: c.blocked,
    cancelled: c.cancelled,
    unknown: c.unknown,
    converted: c.converted,
    notStarted: c.notStarted,
    inFlight,
    remaining,
    updatedAt: header.updatedAt,
  };
  if (header.startedAt !== undefined) progress.startedAt = header.startedAt;
  if (header.pauseReason) progress.pauseReason = { ...header.pauseReason };
  // Paused, offline, waiting for sign-in or cancelling: no time left to promise.
  if (header.status === 'running') {
    const eta = estimateRemainingMs(remaining, now, finished, sample, ceilingPerSecond);
    if (eta !== undefined) progress.etaMs = Math.round(eta);
  }
  return progress;
}
