// MSAL itself, wherever it is hosted: the Chromium offscreen document (background/offscreen/) or, where the
// background is a page with a DOM (Firefox's event page), the background itself (msal-host-client.ts chooses).
// It never navigates: the authorize URL goes back to the caller, which runs identity.launchWebAuthFlow and
// hands the redirect URL back to finish the flow.
import {
  CacheLookupPolicy,
  InteractionRequiredAuthError,
  PublicClientApplication,
  type AccountInfo,
  type AuthenticationResult,
} from '@azure/msal-browser';
import {
  type MsalHostConfig,
  type MsalHostReply,
  type MsalHostRequest,
  type TokenGrant,
} from './msal-host-protocol';

let app: { key: string; pca: PublicClientApplication } | undefined;
let pendingAuthorizeUrl: ((url: string) => void) | undefined;

/** One MSAL instance per configuration; a changed client id or authority starts a clean one. */
async function msal(config: MsalHostConfig): Promise<PublicClientApplication> {
  const key = JSON.stringify(config);
  if (app?.key === key) return app.pca;
  const pca = new PublicClientApplication({
    auth: {
      clientId: config.clientId,
      authority: config.authority,
      redirectUri: config.redirectUri,
      // Capture the authorize URL instead of navigating this document away.
      onRedirectNavigate: (url) => {
        pendingAuthorizeUrl?.(url);
        return false;
      },
    },
    // sessionStorage: the redirect flow needs a web storage (memoryStorage refuses redirects), and
    // localStorage would buy nothing: MSAL encrypts it with a key kept in a Secure cookie, which Chromium drops
    // on chrome-extension:// pages, so no cache outlives this document either way. The offscreen document
    // outlives worker restarts; after a browser restart (or, in Firefox, after the event page was unloaded) the
    // worker renews through launchWebAuthFlow (prompt=none).
    cache: { cacheLocation: 'sessionStorage' },
  });
  await pca.initialize();
  app = { key, pca };
  return pca;
}

function toGrant(result: AuthenticationResult): TokenGrant {
  const account = result.account;
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000,
    scopes: result.scopes,
    account: {
      username: account?.username ?? '',
      name: account?.name ?? '',
      tenantId: result.tenantId || account?.tenantId || '',
      objectId: result.uniqueId || account?.localAccountId || '',
      homeAccountId: account?.homeAccountId ?? '',
    },
  };
}

export function failure(error: unknown): MsalHostReply {
  const e = error as { errorCode?: string; message?: string; errorMessage?: string };
  return {
    ok: false,
    errorCode: e?.errorCode ?? 'unknown_error',
    message: e?.errorMessage || e?.message || String(error),
    interactionRequired: error instanceof InteractionRequiredAuthError || e?.errorCode === 'no_account',
  };
}

/** Runs one request against MSAL. Only the worker's own code may call this (see the hosts). */
export async function handleMsalRequest(request: MsalHostRequest): Promise<MsalHostReply> {
  if (request.kind === 'ping') return { ok: true };
  const pca = await msal(request.config);
  switch (request.kind) {
    case 'silent': {
      const account: AccountInfo | undefined = pca.getAllAccounts()[0];
      if (!account) return { ok: false, errorCode: 'no_account', message: 'Not signed in.', interactionRequired: true };
      const result = await pca.acquireTokenSilent({
        account,
        scopes: request.scopes,
        forceRefresh: request.forceRefresh,
        // Never fall back to a hidden iframe: it times out in an offscreen document.
        cacheLookupPolicy: request.forceRefresh ? CacheLookupPolicy.RefreshToken : CacheLookupPolicy.AccessTokenAndRefreshToken,
      });
      return { ok: true, grant: toGrant(result) };
    }
    case 'begin': {
      // A flow that never came back (window closed, error redirect) leaves MSAL's "interaction in progress"
      // flag in sessionStorage, and MSAL offers no call to clear it. The worker runs one flow at a time, so
      // a flag seen here can only be such a leftover.
      sessionStorage.removeItem('msal.interaction.status');
      const captured = new Promise<string>((resolve) => (pendingAuthorizeUrl = resolve));
      await pca.acquireTokenRedirect({
        scopes: request.scopes,
        prompt: request.prompt,
        ...(request.loginHint ? { loginHint: request.loginHint } : {}),
      });
      const authorizeUrl = await captured;
      pendingAuthorizeUrl = undefined;
      return { ok: true, authorizeUrl };
    }
    case 'complete': {
      const hash = new URL(request.responseUrl).hash;
      const result = await pca.handleRedirectPromise({ hash, navigateToLoginRequestUrl: false });
      if (!result) return { ok: false, errorCode: 'no_result', message: 'The sign-in did not return a result.', interactionRequired: true };
      // Keep exactly one account: the one just signed in.
      for (const other of pca.getAllAccounts()) {
        if (other.homeAccountId !== result.account?.homeAccountId) await pca.clearCache({ account: other });
      }
      pca.setActiveAccount(result.account);
      return { ok: true, grant: toGrant(result) };
    }
    case 'signOut': {
      await pca.clearCache();
      app = undefined;
      return { ok: true };
    }
  }
}
