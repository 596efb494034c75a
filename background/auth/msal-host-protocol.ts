// Worker ↔ offscreen MSAL host messages. Only the worker may call the host, and only the host's replies
// carry tokens: replies travel on the sendMessage response channel, which reaches the caller alone.
import { z } from '../../src/zod';
import { schemeAndHost } from '../../src/protocol/senders';

export const MSAL_HOST_TARGET = 'b2b-msal-host';

const msalConfig = z.strictObject({
  clientId: z.string().min(1),
  authority: z.url({ protocol: /^https$/ }),
  redirectUri: z.url({ protocol: /^https$/ }),
});
export type MsalHostConfig = z.infer<typeof msalConfig>;

export const msalHostRequestSchema = z.discriminatedUnion('kind', [
  /** Tokens from MSAL's cache or its refresh token; never a network iframe (it times out offscreen). */
  z.strictObject({ target: z.literal(MSAL_HOST_TARGET), kind: z.literal('silent'), config: msalConfig, scopes: z.array(z.string()), forceRefresh: z.boolean() }),
  /** Start an auth-code flow: returns the authorize URL for launchWebAuthFlow instead of navigating. */
  z.strictObject({ target: z.literal(MSAL_HOST_TARGET), kind: z.literal('begin'), config: msalConfig, scopes: z.array(z.string()), prompt: z.enum(['select_account', 'none', 'consent']), loginHint: z.string().optional() }),
  /** Finish the flow with the redirect URL launchWebAuthFlow returned. */
  z.strictObject({ target: z.literal(MSAL_HOST_TARGET), kind: z.literal('complete'), config: msalConfig, responseUrl: z.string() }),
  z.strictObject({ target: z.literal(MSAL_HOST_TARGET), kind: z.literal('signOut'), config: msalConfig }),
  z.strictObject({ target: z.literal(MSAL_HOST_TARGET), kind: z.literal('ping') }),
]);
export type MsalHostRequest = z.infer<typeof msalHostRequestSchema>;

export interface TokenGrant {
  accessToken: string;
  expiresOn: number;
  scopes: string[];
  account: { username: string; name: string; tenantId: string; objectId: string; homeAccountId: string };
}

export type MsalHostReply =
  | { ok: true; grant?: TokenGrant; authorizeUrl?: string }
  | { ok: false; errorCode: string; message: string; interactionRequired: boolean };

/**
 * Whether a message reaching the host comes from the extension's own worker: same extension, our origin, no tab,
 * and no document (pages such as the popup have a documentId; a worker has none). Offscreen documents have little
 * of the runtime API (no getManifest), so the worker is recognised by these facts rather than by its script name.
 */
export function isFromOwnWorker(sender: { id?: string; url?: string; tab?: unknown; documentId?: string }, ownId: string, ownOrigin: string): boolean {
  if (sender.id !== ownId || sender.tab || sender.documentId !== undefined) return false;
  return sender.url !== undefined && schemeAndHost(sender.url) === ownOrigin;
}
