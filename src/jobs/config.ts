// Tunables of the runner, with defaults derived from the service limits.
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { DIRECTORY_WRITE_RATE, INVITATION_RATE, type RateLimit } from './pacer';

export interface RunnerConfig {
  /** Batches (or reads) in flight at once per job. */
  concurrency: number;
  /** Requests per `$batch`; the service allows 20. */
  batchSize: number;
  /** Users per readUsersState call (`id in (...)` takes 15 by default). */
  readBatchSize: number;
  /** Shared by every job of a tenant: the limit is per tenant. */
  invitationRate: RateLimit;
  /** PATCH /users pacing (otherMails, userType). */
  writeRate: RateLimit;
  /** Sends of one step before the item fails with the last error. */
  maxAttempts: number;
  /** 429s tolerated for one step of one item before it fails (they do not count as attempts). */
  maxThrottles: number;
  backoff: BackoffPolicy;
  /** Used when a 429 carries no Retry-After. */
  defaultRetryAfterMs: number;
  /**
   * Wait before reading back a write whose outcome is unknown: directory reads are eventually
   * consistent, and reading too early could show "not applied" for a write that was.
   */
  verifyDelayMs: number;
  /** While offline, how often connectivity is re-checked (online events do not always reach a worker). */
  offlineRecheckMs: number;
  /** Consecutive failed reads before the job pauses (verification impossible, e.g. missing read scope). */
  maxReadFailures: number;
  /** Items the runner works on at once; bounds memory (chunks with active items stay resident). */
  maxActiveItems: number;
  /** Chunk cache size beyond the pinned ones. */
  maxResidentChunks: number;
}

export const DEFAULT_RUNNER_CONFIG: RunnerConfig = {
  concurrency: 3,
  batchSize: 20,
  readBatchSize: 15,
  invitationRate: INVITATION_RATE,
  writeRate: DIRECTORY_WRITE_RATE,
  maxAttempts: 5,
  maxThrottles: 30,
  backoff: DEFAULT_BACKOFF,
  defaultRetryAfterMs: 5_000,
  verifyDelayMs: 2_000,
  offlineRecheckMs: 2_000,
  maxReadFailures: 8,
  maxActiveItems: 400,
  maxResidentChunks: 8,
};

export function resolveConfig(partial: Partial<RunnerConfig> = {}): RunnerConfig {
  const config = { ...DEFAULT_RUNNER_CONFIG, ...partial };
  if (!(config.batchSize >= 1 && config.batchSize <= 20)) throw new RangeError('batchSize must be 1..20');
  if (!(config.concurrency >= 1)) throw new RangeError('concurrency must be >= 1');
  if (!(config.readBatchSize >= 1)) throw new RangeError('readBatchSize must be >= 1');
  if (!(config.maxAttempts >= 1)) throw new RangeError('maxAttempts must be >= 1');
  if (!(config.maxActiveItems >= config.batchSize)) throw new RangeError('maxActiveItems must be >= batchSize');
  return config;
}
