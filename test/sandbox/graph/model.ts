// Shapes shared by the Graph emulator's modules: one logical Graph request/response (a top-level HTTP
// request or one item of a $batch), the fault settings, and what the emulator records for tests.
import type { TokenClaims } from '../tokens';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One logical request: a top-level HTTP request or one inner $batch item (path is absolute, e.g. /v1.0/users). */
export interface GraphRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body; undefined when there was none. `invalidJson` marks a body that did not parse. */
  body: Json | undefined;
  invalidJson?: boolean;
  /** True for an inner $batch item (faults and logging treat it as part of its outer request). */
  inBatch: boolean;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body?: Json;
}

/** Who called: the verified token's claims. */
export interface Caller {
  claims: TokenClaims;
  oid: string;
  scopes: Set<string>;
}

export interface ThrottleFault {
  /** Throttle matching requests until this clock time (ms). With everyNth, only until then. */
  untilMs?: number;
  /** Throttle every Nth matching request (1 = all). */
  everyNth?: number;
  retryAfterSec: number;
  /** Send Retry-After with decimals (Graph sends whole seconds; this proves clients cope anyway). */
  fractionalRetryAfter?: boolean;
  /** Regular expression source matched against the request path (e.g. "/invitations$"). Absent: every
   *  non-$batch request; the outer $batch itself is only throttled when the pattern matches "$batch". */
  paths?: string;
}

export interface Fail5xxFault {
  status: 500 | 502 | 503 | 504;
  /** How many matching requests fail before the fault is used up. */
  count: number;
  /** Regular expression source matched against the path; absent: every non-$batch request. */
  path?: string;
}

export interface DropAfterApplyFault {
  /** How many HTTP responses are dropped (a batch counts once). */
  count: number;
  /** Regular expression source matched against the path; absent: every non-GET request. */
  path?: string;
}

export interface GraphFaults {
  /** Delay before every HTTP response, once per round trip (batch items add none). */
  latencyMs: number;
  throttle?: ThrottleFault;
  fail5xx?: Fail5xxFault;
  dropAfterApply?: DropAfterApplyFault;
  /** Tokens issued (iat) before this clock time (ms) are answered as expired. */
  expireTokensBefore?: number;
  /** Refuse the invitation of these users (a per-user failure that retrying does not cure, until cleared). */
  rejectInvitations?: RejectInvitationsFault;
}

export interface RejectInvitationsFault {
  userIds: string[];
  status: number;
  code: string;
  message: string;
}

export interface InvitationRecord {
  id: string;
  /** Object id of the invited user (an existing user, or the guest created for a new address). */
  userId: string;
  /** Clock time (ms) when the invitation took effect. */
  at: number;
  /** The request body exactly as received. */
  request: Json;
  /** The 201 body returned. */
  response: JsonObject;
  status: 'PendingAcceptance' | 'Completed';
  /** The caller's object id. */
  invitedBy: string;
  viaBatch: boolean;
  /** True when sendInvitationMessage asked for an email (the sandbox only records it). */
  messageSent: boolean;
}

export interface LoggedInnerRequest {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Json | undefined;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: Json | undefined;
}

export interface LoggedRequest {
  seq: number;
  /** Clock time (ms) when the request arrived. */
  time: number;
  method: string;
  /** Path and query, e.g. "/v1.0/users?$top=999". */
  path: string;
  /** Request headers without authorization (lower-cased names). */
  headers: Record<string, string>;
  /** The signed-in user's object id when the token verified. */
  oid?: string;
  body: Json | undefined;
  /** null when the response was dropped (socket destroyed after the write). */
  status: number | null;
  responseBody: Json | undefined;
  inner?: LoggedInnerRequest[];
}
