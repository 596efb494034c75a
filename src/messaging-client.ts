// Typed calls into the worker. The transport (runtime.sendMessage) is injected by each context's edge,
// so this stays free of browser APIs and is unit-testable.
import { t } from './i18n';
import type { Operation, Reply, RequestOf, ResponseMap, ProtocolError } from './messages';

export type Transport = (message: { op: Operation; payload: unknown }) => Promise<unknown>;

/** A failed call, carrying the worker's error (with Graph's code when Graph was the cause). */
export class RequestFailed extends Error {
  constructor(readonly error: ProtocolError) {
    super(error.message);
    this.name = 'RequestFailed';
  }
}

export function createClient(send: Transport) {
  return async function request<O extends Operation>(op: O, payload: RequestOf<O>): Promise<ResponseMap[O]> {
    const reply = (await send({ op, payload })) as Reply<ResponseMap[O]> | undefined;
    if (!reply || typeof reply !== 'object' || !('ok' in reply)) {
      throw new RequestFailed({ code: 'failed', message: t('error_noAnswer') });
    }
    if (!reply.ok) throw new RequestFailed(reply.error);
    return reply.value;
  };
}

export type RequestFn = ReturnType<typeof createClient>;
