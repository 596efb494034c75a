// The one seam between the Graph layer and the network. Production uses the SDK adapter
// (sdk-transport.ts); tests use a scripted fake. Keeping it this small is what makes the SDK swappable.

import type { HttpMethod } from './http';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL, e.g. `https://graph.microsoft.com/v1.0/users?$select=id`. */
  url: string;
  /** Header names as given; the transport adds Authorization. */
  headers: Record<string, string>;
  /** JSON-serialisable body (the transport serialises it); undefined for none. */
  body?: unknown;
}

export interface TransportResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
  body: unknown;
}

/** Sends one HTTP request. Resolves for every HTTP status; rejects only when no response arrived. */
export interface Transport {
  send(req: TransportRequest): Promise<TransportResponse>;
}
