// MSAL's host and the sign-in authority, as the worker's AuthService sees them through its ports: the host answers
// begin / complete / silent / signOut like msal-host.ts does (an authorize URL back, a grant for a code, tokens from
// its cache or refresh token), and the browser's auth window (identity.launchWebAuthFlow) plays the authority:
// interactive sign-ins succeed as the admin picked, silent ones only while the browser's session lasts. Every
// outcome the tests need (cancel, consent missing, refresh token revoked, another account) is a switch here.
import type { MsalHostPayload } from '../../background/auth/msal-host-client';
import type { MsalHostReply, TokenGrant } from '../../background/auth/msal-host-protocol';
import type { FakePorts } from './worker-fakes';

export interface FakeAccount {
  username: string;
  name: string;
  tenantId: string;
  objectId: string;
}

export const ADMIN: FakeAccount = { username: 'admin@contoso.example', name: 'Admin', tenantId: 'tenant-1', objectId: 'admin-id' };
export const OTHER_ADMIN: FakeAccount = { username: 'other@contoso.example', name: 'Other', tenantId: 'tenant-1', objectId: 'other-id' };

const TOKEN_LIFETIME_MS = 60 * 60_000;

export function fakeMsal(ports: FakePorts, now: () => number) {
  const state = {
    /** Who signs in when the admin is shown the authority's page. */
    signInAs: ADMIN as FakeAccount,
    /** The admin closes the auth window instead of signing in. */
    cancel: false,
    /** The tenant grants only these permission names (undefined: whatever is asked). */
    grantOnly: undefined as readonly string[] | undefined,
    /** The authority's session cookie in the browser: silent flows succeed while it lasts. */
    browserSession: undefined as FakeAccount | undefined,
    /** MSAL's cache in the host document: its account and refresh token (gone when the host closes). */
    cache: undefined as { account: FakeAccount; scopes: string[] } | undefined,
    refreshTokenRevoked: false,
    /** Tokens handed out, for "was a new one fetched?". */
    issued: 0,
    pending: new Map<string, { scopes: string[]; prompt: string }>(),
    codes: new Map<string, { account: FakeAccount; scopes: string[] }>(),
  };

  const grantFor = (account: FakeAccount, scopes: string[]): TokenGrant => {
    state.issued += 1;
    return { accessToken: `token-${state.issued}`, expiresOn: now() + TOKEN_LIFETIME_MS, scopes, account: { ...account, homeAccountId: `${account.objectId}.${account.tenantId}` } };
  };
  const granted = (scopes: string[]) => (state.grantOnly ? scopes.filter((s) => state.grantOnly!.some((g) => s.endsWith(`/${g}`) || s === g)) : scopes);

  ports.msalHost = async (request: MsalHostPayload): Promise<MsalHostReply> => {
    switch (request.kind) {
      case 'ping':
        return { ok: true };
      case 'begin': {
        const flow = `flow-${state.pending.size + state.codes.size + 1}`;
        state.pending.set(flow, { scopes: request.scopes, prompt: request.prompt });
        return { ok: true, authorizeUrl: `https://login.microsoftonline.com/contoso.example/oauth2/v2.0/authorize?state=${flow}&prompt=${request.prompt}` };
      }
      case 'complete': {
        const code = new URLSearchParams(new URL(request.responseUrl).hash.slice(1)).get('code') ?? '';
        const issued = state.codes.get(code);
        if (!issued) return { ok: false, errorCode: 'invalid_grant', message: 'AADSTS70000: the code is unknown.', interactionRequired: true };
        state.codes.delete(code);
        state.cache = { account: issued.account, scopes: issued.scopes };
        return { ok: true, grant: grantFor(issued.account, issued.scopes) };
      }
      case 'silent': {
        if (!state.cache) return { ok: false, errorCode: 'no_account', message: 'Not signed in.', interactionRequired: true };
        if (state.refreshTokenRevoked) return { ok: false, errorCode: 'invalid_grant', message: 'AADSTS50173: the refresh token was revoked.', interactionRequired: true };
        return { ok: true, grant: grantFor(state.cache.account, granted(request.scopes)) };
      }
      case 'signOut':
        state.cache = undefined;
        return { ok: true };
    }
  };

  ports.authWindow = async (url: string, interactive: boolean) => {
    const flow = new URL(url).searchParams.get('state') ?? '';
    const pending = state.pending.get(flow);
    state.pending.delete(flow);
    const redirect = ports.identity.redirectUrl();
    if (!pending) return `${redirect}#error=invalid_request&error_description=AADSTS90014`;
    if (interactive) {
      if (state.cancel) throw new Error('The user did not approve access.');
      state.browserSession = state.signInAs;
    } else if (!state.browserSession) {
      return `${redirect}#error=interaction_required&error_description=AADSTS50058%3A+A+silent+sign-in+request+was+sent+but+no+user+is+signed+in.&state=${flow}`;
    }
    const code = `code-${flow}`;
    state.codes.set(code, { account: state.browserSession, scopes: granted(pending.scopes) });
    return `${redirect}#code=${code}&state=${flow}`;
  };

  // Closing the host document drops MSAL's in-memory cache with every refresh token it held.
  const close = ports.msal.close;
  ports.msal.close = async () => {
    state.cache = undefined;
    await close();
  };

  return {
    state,
    /** The host document went away (browser restart, or signing out closed it): MSAL's cache with it. */
    hostGone() {
      state.cache = undefined;
    },
  };
}
