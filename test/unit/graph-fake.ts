// A scripted Graph for GraphApi tests: records every transport request and answers from handlers, unpacking
// $batch so tests can script inner items (statuses, Retry-After, order) one by one.
import type { Transport, TransportRequest, TransportResponse } from '../../src/graph/transport';

export interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface InnerResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type Handler = (req: TransportRequest) => TransportResponse | Promise<TransportResponse>;
export type InnerHandler = (req: InnerRequest, attempt: number) => InnerResponse;

export class FakeGraph implements Transport {
  readonly requests: TransportRequest[] = [];
  readonly batches: InnerRequest[][] = [];
  /** How often each inner request url was seen (for per-item retry assertions). */
  readonly innerSeen = new Map<string, number>();
  reverseBatchOrder = true;

  constructor(
    private readonly handler: Handler = () => ({ status: 404, headers: {}, body: undefined }),
    private readonly inner: InnerHandler = () => ({ status: 404 }),
  ) {}

  async send(req: TransportRequest): Promise<TransportResponse> {
    this.requests.push(structuredClone(req));
    if (req.method === 'POST' && new URL(req.url).pathname.endsWith('/$batch')) {
      const outer = await this.handler(req);
      if (outer.status !== 0 && outer.status !== 200) return outer;
      const items = (req.body as { requests: InnerRequest[] }).requests;
      this.batches.push(items);
      const responses = items.map((it) => {
        const key = `${it.method} ${it.url}`;
        const n = (this.innerSeen.get(key) ?? 0) + 1;
        this.innerSeen.set(key, n);
        const r = this.inner(it, n);
        return { id: it.id, status: r.status, headers: r.headers ?? {}, body: r.body };
      });
      // Graph returns items in no particular order.
      if (this.reverseBatchOrder) responses.reverse();
      return { status: 200, headers: { 'content-type': 'application/json' }, body: { responses } };
    }
    return this.handler(req);
  }

  get batchCalls(): number {
    return this.requests.filter((r) => r.url.endsWith('/$batch')).length;
  }
}

export const ok = (body: unknown, headers: Record<string, string> = {}): TransportResponse => ({ status: 200, headers, body });

export function graphErrorBody(code: string, message: string) {
  return { error: { code, message, innerError: { 'request-id': 'req-1' } } };
}

/** Parses `id in ('a','b')` out of an inner users URL. */
export function idsOfFilter(url: string): string[] {
  const filter = new URL(`https://g${url}`).searchParams.get('$filter') ?? '';
  return [...filter.matchAll(/'((?:[^']|'')*)'/g)].map((m) => (m[1] ?? '').replace(/''/g, "'"));
}

export function fakeClock() {
  let t = Date.parse('2026-11-27T12:00:00Z');
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}
