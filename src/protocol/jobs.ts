// The protocol of conversion jobs: the reviewed users and invitation options a review submits, the controls, and what
// the job views read back. Built from the engine's vocabulary (src/jobs/model.ts): a field the wire shares with the
// engine is typed by the engine, the job state is the engine's JobStatus, and an item's state is the engine's
// ItemStatus plus 'verifying' — so a new engine state fails type-checking until every label table has it.
import { z } from '../zod';
import { describeEmailSyntaxError, emailSyntaxError } from '../email';
import { JOB_STATUSES, type ItemStatus, type JobCounters, type JobItemInput, type JobOptions, type Sponsor } from '../jobs/model';
import { email, jobId, MAX_USERS_PER_JOB, objectId, shortText, type Proof, type Same } from './fields';

/**
 * Where an invited user lands after redeeming: https only, no user name or password in it (a link that carries
 * credentials is either a mistake or a lure), and passed on in its normalised form (what the URL parser makes of
 * it), so what Graph stores is exactly what was checked.
 */
export const redirectUrlSchema = z
  .url({ protocol: /^https$/, error: 'The redirect URL must be a full https:// address.' })
  .max(2048)
  .refine((v) => {
    const u = new URL(v);
    return u.username === '' && u.password === '';
  }, 'The redirect URL may not contain a user name or password.')
  .transform((v) => new URL(v).href)
  .pipe(z.string().max(2048));

/** The one Cc address: the same syntax rules as every invited address (src/email.ts). */
export const ccRecipientSchema = z
  .string()
  .max(320)
  .superRefine((v, ctx) => {
    const problem = emailSyntaxError(v);
    if (problem) ctx.addIssue({ code: 'custom', message: describeEmailSyntaxError(problem) });
  });

/** Each field typed by the engine's own: a wire field that drifts from the engine fails type-checking. */
type EngineTyped<T, K extends keyof T> = { [P in K]-?: z.ZodType<T[P]> };

/** The invitation's message and landing page: the engine's JobOptions fields, checked as the admin submits them. */
const messageFields = {
  sendInvitationMessage: z.boolean(),
  messageLanguage: z.string().regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'not a language tag').max(20).optional(),
  ccRecipient: ccRecipientSchema.optional(),
  customizedMessageBody: shortText(4000).optional(),
  inviteRedirectUrl: redirectUrlSchema,
} satisfies EngineTyped<JobOptions, Exclude<keyof JobOptions, 'sponsors'>>;

/**
 * The options the admin reviewed. Beside the engine's message fields: setUserTypeGuest becomes each job item's
 * setGuest, and sponsors are object ids the worker re-reads from Graph (the job keeps their names).
 */
export const invitationOptionsSchema = z.strictObject({
  ...messageFields,
  setUserTypeGuest: z.boolean(),
  /** Object ids of the sponsors named on every invitation (Learn: at most five); the worker re-reads them. */
  sponsors: z.array(objectId).max(5).optional(),
});
export type InvitationOptions = z.infer<typeof invitationOptionsSchema>;

/** Who a job item is, and where its address goes: the engine's JobItemInput fields. */
const itemFields = {
  userId: objectId,
  userPrincipalName: shortText(1024),
  displayName: shortText(1024),
  email,
  addToOtherMails: z.boolean(),
  /** Set the user's mail to `email` first (the documented fix for a user whose mail is empty). */
  setMail: z.boolean().optional(),
} satisfies EngineTyped<JobItemInput, 'userId' | 'userPrincipalName' | 'displayName' | 'email' | 'addToOtherMails' | 'setMail'>;

/** One user as the review submits it; the worker re-reads the user and makes the engine's JobItemInput from it. */
export const reviewedUserSchema = z.strictObject({
  ...itemFields,
  /** The admin confirmed twice that this privileged user may be converted. */
  privilegedOverride: z.boolean(),
});
export type ReviewedUser = z.infer<typeof reviewedUserSchema>;

/** Which items a job view lists. */
export const itemsFilterSchema = z.enum(['all', 'done', 'failed', 'blocked', 'pending', 'cancelled']);
export type ItemsFilter = z.infer<typeof itemsFilterSchema>;

export const jobRequests = {
  'job/submit': z.strictObject({
    items: z.array(reviewedUserSchema).min(1).max(MAX_USERS_PER_JOB),
    options: invitationOptionsSchema,
    /** The tenant the admin saw in the review; the worker refuses when it is not the signed-in one. */
    expectedTenantId: objectId,
    /** The admin acknowledged that the users' directory roles could not be read (pre-flight `rolesNotVerified`). */
    acknowledgeUnverifiedRoles: z.boolean().optional(),
    /** The hash of the plan the review exported (src/plan/plan.ts): the worker refuses a job that would differ. */
    planHash: z.string().regex(/^[0-9a-f]{64}$/, 'not a plan hash').optional(),
  }),
  'job/list': z.strictObject({}),
  'job/get': z.strictObject({ jobId }),
  'job/items': z.strictObject({
    jobId,
    offset: z.number().int().nonnegative(),
    limit: z.number().int().min(1).max(1000),
    filter: itemsFilterSchema.optional(),
    search: shortText(256).optional(),
  }),
  'job/control': z.strictObject({ jobId, action: z.enum(['pause', 'resume', 'cancel', 'retryFailed']) }),
  'job/refreshStatus': z.strictObject({ jobId }),
  'job/followUp': z.strictObject({
    jobId,
    userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB),
    action: z.enum(['resetRedemption', 'setGuest']),
  }),
  'history/clear': z.strictObject({}),
} as const;

// ---- What job views read back ----------------------------------------------------------------------------------

/** The engine's job status, as every view and label table knows it (src/job-state.ts). */
export const jobStatusSchema = z.enum(JOB_STATUSES);

/**
 * An item's state in a job view: the engine's status, or 'verifying' while a write's outcome is unknown (it is read
 * back from Graph before anything is re-sent).
 */
export const ITEM_ROW_STATES = ['queued', 'addingEmail', 'inviting', 'settingType', 'convertingToInternal', 'done', 'failed', 'blocked', 'cancelled', 'verifying'] as const;
export type ItemRowState = (typeof ITEM_ROW_STATES)[number];
type _EveryEngineStatus = Proof<Same<ItemRowState, ItemStatus | 'verifying'>>;
export const itemRowStateSchema = z.enum(ITEM_ROW_STATES);

// Counts as the worker computes them; replies are typed by these, and events checked against them.
const count = z.number();
/** Counts the engine keeps per job (src/jobs/model.ts JobCounters), under the engine's names. */
const engineCounts = {
  done: count,
  failed: count,
  blocked: count,
  cancelled: count,
} satisfies EngineTyped<JobCounters, 'done' | 'failed' | 'blocked' | 'cancelled'>;
/** Counts a summary may leave out (a view computes them from the others when absent). */
const optionalEngineCounts = {
  /** Users whose invitation is applied (they are external users now), whatever their final state. */
  converted: count.optional(),
  /** Cancelled users that nothing was written for. */
  notStarted: count.optional(),
} satisfies EngineTyped<Partial<JobCounters>, 'converted' | 'notStarted'>;

export const jobSummaryCountersSchema = z.strictObject({
  total: count,
  ...engineCounts,
  ...optionalEngineCounts,
  /** Users not yet at an end state. */
  remaining: count,
  /** Users whose write was sent but whose outcome is not known yet (the engine's `unknown`): read back first. */
  verifying: count.optional(),
});
export type JobSummaryCounters = z.infer<typeof jobSummaryCountersSchema>;

const sponsorSchema = z.strictObject({ id: z.string(), displayName: z.string() });
type _SponsorIsTheEngines = Proof<Same<z.infer<typeof sponsorSchema>, Sponsor>>;

export const jobSummarySchema = z.strictObject({
  id: z.string(),
  createdAt: z.number(),
  finishedAt: z.number().optional(),
  tenantId: z.string(),
  ranBy: z.string(),
  /** The engine's job status: every UI label table is exhaustive over it. */
  state: jobStatusSchema,
  counters: jobSummaryCountersSchema,
  etaMs: z.number().optional(),
  /** Users in requests already sent and not answered yet: what a pause or cancel still waits for. */
  inFlight: count.optional(),
  /** Why the engine paused the job by itself (e.g. the sign-in could not be renewed), with Graph's code. */
  pauseReason: z.string().optional(),
  /** Sponsors named on the job's invitations (names as Graph had them when the job was submitted). */
  sponsors: z.array(sponsorSchema).optional(),
  /** Hash of the plan the job writes: the same as the exported plan's when the job was made from it. */
  planHash: z.string().optional(),
  /** A Convert back to internal job (preview), of the users of conversion job `undoOf`. */
  kind: z.literal('undo').optional(),
  undoOf: z.string().optional(),
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

/** One user of a job as the job views list it: who, the result with Graph's error, the invitation state. */
export const jobItemRowSchema = z.strictObject({
  ...({
    userId: z.string(),
    userPrincipalName: z.string(),
    displayName: z.string(),
    email: z.string(),
  } satisfies EngineTyped<JobItemInput, 'userId' | 'userPrincipalName' | 'displayName' | 'email'>),
  state: itemRowStateSchema,
  errorCode: z.string().optional(),
  /** The admin-facing advice for Graph's answers; the engine's own reasons as written. */
  errorMessage: z.string().optional(),
  requestId: z.string().optional(),
  updatedAt: z.number().optional(),
  externalUserState: z.string().nullable().optional(),
  externalUserStateChangeDateTime: z.string().nullable().optional(),
  /** Only while the invitation is pending: whoever holds it can redeem it. */
  inviteRedeemUrl: z.string().optional(),
  /** Undo jobs: the UPN the user signs in with once converted back (absent for a synced user). */
  newUserPrincipalName: z.string().optional(),
});
export type JobItemRow = z.infer<typeof jobItemRowSchema>;

export const jobReplies = {
  'job/submit': z.strictObject({ jobId: z.string() }),
  'job/list': z.array(jobSummarySchema),
  'job/get': jobSummarySchema,
  'job/items': z.strictObject({ total: count, items: z.array(jobItemRowSchema) }),
  'job/control': jobSummarySchema,
  'job/refreshStatus': z.strictObject({ roundTrips: count, items: count }),
  'job/followUp': z.strictObject({
    jobId: z.string(),
    succeeded: count,
    failed: z.array(z.strictObject({ userId: z.string(), code: z.string(), message: z.string() })),
  }),
  'history/clear': z.null(),
} as const;
