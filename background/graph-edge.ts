// The one place the worker builds Graph clients: the SDK transport with a token from the auth service,
// for the permission tier a task needs. Everything else talks to GraphApi (src/graph/client.ts).
import { GraphApi, type RetryNotice } from '../src/graph/client';
import { createSdkTransport } from '../src/graph/sdk-transport';
import type { Settings } from '../src/config';
import type { ScopeTier } from '../src/scopes';
import type { AuthService } from './auth/auth-service';

export function graphFor(auth: AuthService, settings: Settings, tier: ScopeTier, onRetry?: (n: RetryNotice) => void): GraphApi {
  return new GraphApi({
    transport: createSdkTransport({ cloud: settings.cloud, getAccessToken: () => auth.token(tier) }),
    cloud: settings.cloud,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
    // 401: the token was revoked or expired early; ask MSAL for a fresh one (refresh token), once.
    renewToken: async () => {
      auth.invalidate(tier);
      await auth.token(tier, { forceRefresh: true });
    },
    ...(onRetry ? { onRetry } : {}),
  });
}
