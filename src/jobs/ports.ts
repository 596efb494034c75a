// The engine's view of the outside world. The background implements these over chrome.storage /
// IndexedDB, the Graph layer, MSAL and navigator.onLine; tests use the in-memory fakes in test/support/jobs and
// ./memory-store. Everything the engine does that is not pure computation goes through here, including
// time, so runs are deterministic under a virtual clock.
import type { HttpMethod as GraphMethod } from '../graph/http';
import type { Reason } from './model';

/**
 * Thrown by a GraphPort call or AuthPort.renewToken when no access token can be had without the admin (the
 * sign-in session ended, consent is missing, the refresh token expired or was revoked). It promises that the
 * call sent nothing Graph executed: the engine puts the job in `waiting-for-sign-in` and re-sends nothing blindly.
 */
export class SignInNeededError extends Error {
  override name = 'SignInNeededError';
  constructor(readonly reason: Reason) {
    super(reason.message);
  }
}

/** Key/value persistence (chrome.storage.local or an IndexedDB object store). Values are JSON-safe. */
export interface JobStorePort {
  /** Values for the keys that exist; missing keys are absent from the result. */
  get(keys: readonly string[]): Promise<Record<string, unknown>>;
  /**
   * Persists all entries; resolves only once they are durable. Should be atomic (one chrome.storage.set
   * call, or one IndexedDB readwrite transaction); the engine tolerates a torn write by recounting its
   * header counters from the item chunks whenever a job is (re)opened.
   */
  set(entries: Record<string, unknown>): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

/** The engine writes only: invitations (POST) and user updates (PATCH). */
export type HttpMethod = Extract<GraphMethod, 'POST' | 'PATCH'>;

/**
 * The Graph version a `$batch` is sent to; its requests' URLs are relative to it. Learn (JSON batching): the batch URL
 * "targets the v1.0 or beta version of Microsoft Graph" — https://learn.microsoft.com/graph/json-batching. Undo jobs
 * send convertExternalToInternalMemberUser, which exists in beta only, so their batches go to /beta/$batch.
 */
export type GraphVersion = 'v1.0' | 'beta';

/** One request inside a JSON `$batch` (relative url, e.g. `/invitations`). */
export interface BatchRequest {
  id: string;
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** One inner response. `headers` names may be in any case. */
export interface BatchResponse {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** The response's Retry-After in milliseconds, parsed by the port (src/graph/http.ts): never re-read from a header. */
  retryAfterMs?: number;
}

/** What verification needs to know about a user. */
export interface UserState {
  externalUserState: string | null;
  otherMails: readonly string[];
  userType: string | null;
  mail?: string | null;
}

export interface GraphPort {
  /**
   * Sends up to 20 requests as one `POST /<version>/$batch` (v1.0 unless told otherwise; one version per batch).
   * - Resolves with the inner responses (any order). A response missing for a request id means its
   *   outcome is unknown (the engine verifies it).
   * - When the whole `$batch` was refused without being executed (e.g. outer 401 or 429), resolve with
   *   one response per request carrying that status and headers.
   * - Rejects when the outcome is unknown (network error, dropped response): the engine verifies every
   *   request of the batch before re-sending anything.
   */
  executeBatch(requests: readonly BatchRequest[], version?: GraphVersion): Promise<readonly BatchResponse[]>;
  /**
   * Reads the state of users (`GET /users?$filter=id in (...)`, split as the implementation needs).
   * The map must contain every requested id: `null` when the user does not exist. Rejecting, or
   * omitting an id, makes the engine retry the read later.
   */
  readUsersState(userIds: readonly string[]): Promise<ReadonlyMap<string, UserState | null>>;
}

export interface AuthPort {
  /**
   * Gets a fresh access token for later Graph calls. Resolves false (or rejects with SignInNeededError, which
   * says why) when that is impossible without the admin.
   */
  renewToken(): Promise<boolean>;
}

export interface NetworkPort {
  isOnline(): boolean;
  /** Subscribes to connectivity changes; returns the unsubscribe function. */
  onOnlineChange(listener: (online: boolean) => void): () => void;
}

export interface Clock {
  /** Milliseconds since the epoch (or any monotonic origin). */
  now(): number;
  /** Resolves after `ms`; rejects or resolves early (either is fine) once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
