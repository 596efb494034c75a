// The protocol of sign-in and of the admin-center page: what the popup, the review and the content scripts ask the
// worker about the signed-in account, what a content script reports about its page, and "Check my setup".
import { z } from '../zod';
import type { SetupLine } from '../setup-check';
import { built, scopeTier, shortText, tabId } from './fields';

export const authRequests = {
  /** tabId (extension pages only): also judge whether that tab's admin-center page is the signed-in tenant's. */
  'auth/status': z.strictObject({ tabId: tabId.optional() }),
  'auth/signIn': z.strictObject({ tier: scopeTier }),
  'auth/signOut': z.strictObject({}),
  /** A content script says whether it recognised the All users grid (and the tenant the page reveals). */
  'page/report': z.strictObject({
    recognized: z.boolean(),
    layout: shortText(40).optional(),
    missing: z.array(shortText(80)).max(20).optional(),
    tenantHint: shortText(256).optional(),
  }),
  'page/status': z.strictObject({ tabId }),
  /** "Check my setup": what the extension needs for the signed-in account, line by line (reads only). */
  'setup/check': z.strictObject({}),
} as const;

export const accountViewSchema = z.strictObject({
  username: z.string(),
  name: z.string(),
  tenantId: z.string(),
  objectId: z.string(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

export const authStatusSchema = z.strictObject({
  configured: z.boolean(),
  /** A sentence telling the admin what to fix in the settings, when not configured. */
  configProblem: z.string().optional(),
  signedIn: z.boolean(),
  account: accountViewSchema.optional(),
  /**
   * Signed in, but no token has been obtained in this browser session (e.g. after a browser restart the
   * authority's session cookie was gone) or the last attempt needed the admin: "signed in as X — session ended".
   */
  sessionEnded: z.boolean().optional(),
  cloud: z.string(),
  configuredTenant: z.string(),
  grantedTiers: z.array(scopeTier),
  /** Display name of the signed-in tenant, once read from Graph. */
  tenantName: z.string().optional(),
  /** Tenant the current admin-center page belongs to, when the page revealed it. */
  pageTenant: z.string().optional(),
  /** Set when the signed-in tenant differs from the page's: shown before any write. */
  tenantMismatch: z.string().optional(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

export const pageStatusSchema = z.strictObject({
  recognized: z.boolean().nullable(),
  layout: z.string().optional(),
  missing: z.array(z.string()).optional(),
});
export type PageStatus = z.infer<typeof pageStatusSchema>;

export const authReplies = {
  'auth/status': authStatusSchema,
  'auth/signIn': authStatusSchema,
  'auth/signOut': authStatusSchema,
  'page/report': z.null(),
  'page/status': pageStatusSchema,
  /** The lines as src/setup-check.ts writes them. */
  'setup/check': z.strictObject({ lines: z.array(built<SetupLine>('a setup line', (l) => 'id' in l && 'state' in l)) }),
} as const;
