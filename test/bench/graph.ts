// GraphApi (src/graph/client.ts) pointed at the emulator, with the engine's clock for its waits.
// apiRoot is http://127.0.0.1:<port>/v1.0, so GraphApi would refuse to follow an @odata.nextLink (the
// emulator writes them on graph.microsoft.com): fine here, since $batch writes and `id in` reads of 15
// never page, and a refused link would show as a failed read, not pass silently.
import { GraphApi } from '../../src/graph/client';
import type { Clock } from '../../src/jobs';
import type { EmulatorServer } from './emulator-server';
import { fetchTransport, type CountingTransport } from './fetch-transport';

export interface BenchGraph {
  graph: GraphApi;
  transport: CountingTransport;
}

/**
 * `retries: false` is how the background builds the jobs' client (graph-edge.ts `noRetries`): the engine
 * paces, verifies and retries by itself, so the Graph layer must not re-send a write on its own.
 */
export function benchGraph(server: EmulatorServer, clock: Clock, retries: boolean): BenchGraph {
  const transport = fetchTransport(server.token);
  const graph = new GraphApi({
    transport,
    apiRoot: server.apiRoot,
    sleep: (ms) => clock.sleep(ms),
    now: () => clock.now(),
    ...(retries ? {} : { retry: { maxAttempts: 1 } }),
  });
  return { graph, transport };
}
