// The engine's ports for the bench: the production GraphPort (src/jobs-graph-port.ts, the one the worker
// runs) over the bench's GraphApi, a token that never needs renewing, and a network that is always up.
import type { GraphApi } from '../../src/graph/client';
import type { AuthPort, GraphPort, NetworkPort } from '../../src/jobs';
import { jobsGraphPort } from '../../src/jobs-graph-port';

export function graphPort(graph: GraphApi): GraphPort {
  return jobsGraphPort(async () => graph);
}

/** The token the bench signs is valid for the whole run; a renewal request means something is wrong. */
export const staticAuth: AuthPort = {
  renewToken: () => Promise.resolve(false),
};

/** The bench machine is always online. */
export const alwaysOnline: NetworkPort = {
  isOnline: () => true,
  onOnlineChange: () => () => undefined,
};
