// The Graph layer's Transport (src/graph/transport.ts) over Node's fetch, for talking to the local
// emulator. Production uses the Graph SDK adapter (src/graph/sdk-transport.ts), which only attaches the
// token and sends; this does the same with plain fetch so the measured path is GraphApi, not the SDK.
import type { Transport, TransportRequest, TransportResponse } from '../../src/graph/transport';

export interface CountingTransport extends Transport {
  /** HTTP requests sent (a $batch is one): the client-side view of Graph round trips. */
  sent: number;
}

export function fetchTransport(token: string): CountingTransport {
  const transport: CountingTransport = {
    sent: 0,
    async send(req: TransportRequest): Promise<TransportResponse> {
      transport.sent += 1;
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const res = await fetch(req.url, { method: req.method, headers: { ...req.headers, Authorization: `Bearer ${token}` }, body });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, key) => {
        headers[key.toLowerCase()] = value;
      });
      const text = await res.text();
      let parsed: unknown = text === '' ? undefined : text;
      if (text !== '' && /json/i.test(res.headers.get('content-type') ?? '')) {
        try {
          parsed = JSON.parse(text) as unknown;
        } catch {
          parsed = text;
        }
      }
      return { status: res.status, headers, body: parsed };
    },
  };
  return transport;
}
