// Stopping a group of reads: when parallel reads serve one answer (the pre-flight) and one of them gives up, the others
// must not go on retrying for seconds — their answers would be dropped, and their retries spend the tenant's throttling
// budget and Chromium's back-off for the URL the admin's Retry is about to call. A stopped client sends nothing more
// and ends its waits; a request already on the wire finishes as it would.
import type { Transport } from './transport';

/** The error a stopped client's requests end with (nobody shows it: the group already failed for another reason). */
export class ReadsStopped extends Error {
  constructor() {
    super('Stopped: another read of the same group failed.');
    this.name = 'ReadsStopped';
  }
}

export function stoppableTransport(transport: Transport, signal: AbortSignal): Transport {
  return {
    send(req) {
      if (signal.aborted) return Promise.reject(new ReadsStopped());
      return transport.send(req);
    },
  };
}

export function stoppableSleep(sleep: (ms: number) => Promise<void>, signal: AbortSignal): (ms: number) => Promise<void> {
  return (ms) => {
    if (signal.aborted) return Promise.reject(new ReadsStopped());
    let onAbort: () => void = () => undefined;
    const stopped = new Promise<never>((_, fail) => {
      onAbort = () => fail(new ReadsStopped());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([sleep(ms), stopped]).finally(() => signal.removeEventListener('abort', onAbort));
  };
}
