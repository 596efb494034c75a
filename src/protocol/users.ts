// The protocol of reading users: the review's pre-flight (every selected user with the proposed external address and
// the eligibility verdict), and the picker's search and resolve. The verdict's words are the rules' own
// (src/eligibility.ts): a severity is `blocked` or `warning` from the rules to the screen, never re-spelled.
import { z } from '../zod';
import type { EligibilityStatus, Severity } from '../eligibility';
import type { GraphUser } from '../users';
import { built, MAX_USERS_PER_JOB, objectId, shortText, type Proof, type Same } from './fields';

export const userRequests = {
  'users/preflight': z.strictObject({ userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB) }),
  'users/search': z.strictObject({ query: shortText(256) }),
  'users/resolve': z.strictObject({ identifiers: z.array(shortText(1024)).min(1).max(MAX_USERS_PER_JOB) }),
  /** A content script asks for every user of the page's search ("Select all N users found"). */
  'users/allFound': z.strictObject({ search: shortText(256) }),
} as const;

export const userSummarySchema = z.strictObject({
  id: z.string(),
  displayName: z.string(),
  userPrincipalName: z.string(),
  mail: z.string().nullable(),
});
export type UserSummary = z.infer<typeof userSummarySchema>;

const severity = z.enum(['blocked', 'warning']);
const eligibilityStatus = z.enum(['eligible', 'warning', 'blocked']);
type _SeverityIsTheRules = Proof<Same<z.infer<typeof severity>, Severity>>;
type _StatusIsTheRules = Proof<Same<z.infer<typeof eligibilityStatus>, EligibilityStatus>>;

export const preflightReasonSchema = z.strictObject({
  code: z.string(),
  severity,
  message: z.string(),
  overridable: z.boolean(),
});
export type PreflightReason = z.infer<typeof preflightReasonSchema>;

export const preflightUserSchema = z.strictObject({
  ...userSummarySchema.shape,
  otherMails: z.array(z.string()),
  accountEnabled: z.boolean(),
  proposedEmail: z.string(),
  eligibility: eligibilityStatus,
  reasons: z.array(preflightReasonSchema),
  /**
   * The user as Graph returned it (src/users.ts), and the directory roles held: lets the review re-run the pure
   * eligibility rules (src/eligibility.ts) as the admin edits an email or overrides a block.
   */
  graph: built<GraphUser>('a Graph user', (u) => 'id' in u),
  roles: z.array(z.string()),
});
export type PreflightUser = z.infer<typeof preflightUserSchema>;

export const preflightResultSchema = z.strictObject({
  tenantId: z.string(),
  tenantName: z.string(),
  signedInUserId: z.string(),
  verifiedDomains: z.array(z.string()),
  defaultRedirectUrl: z.string(),
  users: z.array(preflightUserSchema),
  /** Ids asked for that Graph no longer has (deleted since selection). */
  missing: z.array(z.string()),
  /** Set when the signed-in admin holds no role that may invite (Graph would answer 403 to every user). */
  adminRoleProblem: z.string().optional(),
  /**
   * Set when Graph refused to read directory role assignments: nobody's roles were checked (an administrator would not
   * be flagged), so converting needs the admin's explicit acknowledgement. Says which role would allow the check.
   */
  rolesNotVerified: z.string().optional(),
  /** Set when PIM eligible role assignments were not read (the optional permission for them is not granted). */
  eligibleRolesNotChecked: z.string().optional(),
});
export type PreflightResult = z.infer<typeof preflightResultSchema>;

export const userReplies = {
  'users/preflight': preflightResultSchema,
  'users/search': z.array(userSummarySchema),
  'users/resolve': z.strictObject({ found: z.array(userSummarySchema), notFound: z.array(z.string()) }),
  'users/allFound': z.strictObject({ ids: z.array(z.string()) }),
} as const;
