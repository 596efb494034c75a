// Graph's error envelope: {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}.
// The request ids are filled in by the HTTP layer (which owns them), so handlers only choose code/message.
import type { GraphResponse, JsonObject } from './model';

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const JSON_TYPE = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

/** Graph writes innerError.date without milliseconds or zone letter. */
export function innerDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function errorResponse(e: GraphError, ids: { nowMs: number; requestId: string; clientRequestId: string }): GraphResponse {
  const body: JsonObject = {
    error: {
      code: e.code,
      message: e.message,
      innerError: { date: innerDate(ids.nowMs), 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
  return { status: e.status, headers: { 'Content-Type': JSON_TYPE, ...e.headers }, body };
}

export const badRequest = (message: string, code = 'BadRequest') => new GraphError(400, code, message);
export const unsupportedQuery = (message: string) => new GraphError(400, 'Request_UnsupportedQuery', message);
export const forbidden = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
export const notFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
export const unauthorized = (message: string) => new GraphError(401, 'InvalidAuthenticationToken', message);
/**
 * Graph's Retry-After is a whole number of seconds (https://learn.microsoft.com/en-us/graph/throttling); a fault
 * may ask for a fractional one, to prove clients survive that too.
 */
export const tooManyRequests = (retryAfterSec: number, fractional = false) =>
  new GraphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': formatSeconds(retryAfterSec, fractional) });

/** Whole seconds rounded up (never 0: a client would spin); fractional keeps at most 3 decimals. */
export function formatSeconds(sec: number, fractional = false): string {
  if (!fractional) return String(Math.max(1, Math.ceil(sec)));
  const v = Math.max(0.001, Math.ceil(sec * 1000) / 1000);
  return String(Number(v.toFixed(3)));
}
