// A fake worker for the content-script tests: records every request, answers from `handlers` (an operation without
// one fails the way the worker does for a part not built yet), and delivers broadcast events until the signal aborts.
import type { Services } from '../../content/services';
import type { BroadcastEvent, Operation } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';

export type Handlers = Partial<Record<Operation, (payload: never) => unknown>>;

/** `handlers` is read at each request, so a test may add or replace handlers after the services are made. */
export function fakeContentServices(handlers: Handlers) {
  const calls: Array<{ op: Operation; payload: unknown }> = [];
  const listeners = new Set<(e: BroadcastEvent) => void>();
  const services: Services = {
    request: (async (op: Operation, payload: unknown) => {
      calls.push({ op, payload });
      const h = handlers[op];
      if (!h) throw new RequestFailed({ code: 'failed', message: 'This part of the extension is not available yet.' });
      return h(payload as never);
    }) as Services['request'],
    onEvent: (l, signal) => {
      listeners.add(l);
      signal.addEventListener('abort', () => listeners.delete(l));
    },
    log: () => undefined,
  };
  return { services, calls, emit: (e: BroadcastEvent) => listeners.forEach((l) => l(e)) };
}
