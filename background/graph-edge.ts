// The one place the worker builds Graph clients: the SDK transport with a token from the auth service,
// for the permission tier a task needs. Everything else talks to GraphApi (src/graph/client.ts).
import { GraphApi } from '../src/graph/client';
import type { RetryNotice } from '../src/graph/retry';
import { createSdkTransport } from '../src/graph/sdk-transport';
import type { Settings } from '../src/config';
import { graphApiRoot } from '../src/clouds';
import type { AuthService, Grant } from './auth/auth-service';
import type { Transport } from '../src/graph/transport';

function counted(transport: Transport, counter: { roundTrips: number } | undefined): Transport {
  if (!counter) return transport;
  return {
    send(req) {
      counter.roundTrips += 1;
      return transport.send(req);
    },
  };
}

export interface GraphEdgeOptions {
  onRetry?: (n: RetryNotice) => void;
  /**
   * Jobs send writes whose outcome must never be guessed: they retry nothing here (the job engine verifies
   * and paces instead), so a 503 to a $batch of invitations is not silently re-sent.
   */
  noRetries?: boolean;
  /** Counts HTTP round trips (a $batch is one), for the figures the popup and the benchmark report. */
  counter?: { roundTrips: number };
  /** The beta endpoint instead of v1.0: only for what Graph has in beta only (undo's convertExternalToInternalMemberUser). */
  beta?: boolean;
}

/** Where a Graph client gets its tokens: the auth service, or a wrapper that reports a missing sign-in its own way. */
export type TokenSource = Pick<AuthService, 'token' | 'invalidate'>;

export function graphFor(auth: TokenSource, settings: Settings, tier: Grant, options: GraphEdgeOptions = {}): GraphApi {
  return new GraphApi({
    transport: counted(createSdkTransport({ cloud: settings.cloud, getAccessToken: () => auth.token(tier) }), options.counter),
    cloud: settings.cloud,
    ...(options.beta ? { apiRoot: graphApiRoot(settings.cloud, 'beta') } : {}),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    // 401: the token was revoked or expired early; ask MSAL for a fresh one (refresh token), once.
    renewToken: async () => {
      auth.invalidate(tier);
      await auth.token(tier, { forceRefresh: true });
    },
    ...(options.onRetry ? { onRetry: options.onRetry } : {}),
    ...(options.noRetries ? { retry: { maxAttempts: 1 } } : {}),
  });
}
