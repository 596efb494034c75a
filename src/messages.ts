// The one message protocol between the extension's contexts, assembled from its domains (src/protocol/): sign-in and
// the page (auth.ts), reading users (users.ts), the review hand-off (review.ts), jobs (jobs.ts), who sent a message
// (senders.ts). Every request names an operation; its payload is schema-checked on receipt (never trusted because it
// came from "our" content script: a compromised page can talk to a content script, not to the worker, but we validate
// anyway), and each operation states which kinds of sender may call it. Every reply and event type is inferred from
// its schema: one definition per wire type.
import { z } from './zod';
import { authReplies, authRequests } from './protocol/auth';
import { jobId, scopeTier } from './protocol/fields';
import { jobReplies, jobRequests, jobSummarySchema } from './protocol/jobs';
import { reviewReplies, reviewRequests } from './protocol/review';
import type { SenderKind } from './protocol/senders';
import { undoReplies, undoRequests } from './protocol/undo';
import { userReplies, userRequests } from './protocol/users';

export { MAX_USERS_PER_JOB } from './protocol/fields';
export { accountViewSchema, authStatusSchema, pageStatusSchema, type AccountView, type AuthStatus, type PageStatus } from './protocol/auth';
export {
  preflightReasonSchema,
  preflightResultSchema,
  preflightUserSchema,
  userSummarySchema,
  type PreflightReason,
  type PreflightResult,
  type PreflightUser,
  type UserSummary,
} from './protocol/users';
export { pendingReviewSchema, type PendingReview } from './protocol/review';
export {
  ccRecipientSchema,
  invitationOptionsSchema,
  ITEM_ROW_STATES,
  itemRowStateSchema,
  jobItemRowSchema,
  jobStatusSchema,
  jobSummaryCountersSchema,
  jobSummarySchema,
  redirectUrlSchema,
  reviewedUserSchema,
  type InvitationOptions,
  type ItemRowState,
  type ItemsFilter,
  type JobItemRow,
  type JobSummary,
  type JobSummaryCounters,
  type ReviewedUser,
} from './protocol/jobs';
export type { JobStatus } from './jobs/model';
export { MAX_UNDO_USERS, undoPreviewSchema, undoStatusSchema, type UndoStatus } from './protocol/undo';
export type { UndoPreview, UndoPreviewUser } from './undo-review';
export { backgroundSenderUrl, classifySender, isFromOwnPage, isFromWorker, schemeAndHost, type SenderKind } from './protocol/senders';

const requestSchemas = { ...authRequests, ...userRequests, ...reviewRequests, ...jobRequests, ...undoRequests } as const;

export type Operation = keyof typeof requestSchemas;
export type RequestOf<O extends Operation> = z.infer<(typeof requestSchemas)[O]>;

/** What each operation answers (produced by the worker itself: typed from these, not re-validated by the caller). */
export const replySchemas = { ...authReplies, ...userReplies, ...reviewReplies, ...jobReplies, ...undoReplies } as const satisfies Record<Operation, z.ZodType>;
export type ResponseMap = { [O in Operation]: z.infer<(typeof replySchemas)[O]> };

/**
 * Which contexts may call an operation. Content scripts run in pages we do not own: they get the least, and never
 * an operation that writes to the directory (job/submit with its privileged override and add-to-otherMails,
 * job/control's retry, job/followUp's reset redemption and set user type). Those come only from extension pages,
 * whose documents no page script can reach: the review, the picker, the popup.
 */
export const allowedSenders: Record<Operation, readonly SenderKind[]> = {
  'auth/status': ['content', 'extension-page'],
  'auth/signIn': ['content', 'extension-page'],
  'auth/signOut': ['extension-page'],
  'page/report': ['content'],
  'page/status': ['extension-page'],
  'setup/check': ['extension-page'],
  'users/preflight': ['extension-page'],
  'review/open': ['content'],
  'review/get': ['extension-page'],
  'review/openWindow': ['extension-page'],
  'users/search': ['extension-page'],
  'users/resolve': ['extension-page'],
  'users/allFound': ['content'],
  'job/submit': ['extension-page'],
  'job/list': ['extension-page'],
  'job/get': ['extension-page'],
  'job/items': ['extension-page'],
  'job/control': ['extension-page'],
  'job/refreshStatus': ['extension-page'],
  'job/followUp': ['extension-page'],
  'history/clear': ['extension-page'],
  'undo/status': ['extension-page'],
  'undo/setEnabled': ['extension-page'],
  'undo/preview': ['extension-page'],
  'undo/submit': ['extension-page'],
};

/** The operations that change the directory (or start something that does). */
export const WRITE_OPERATIONS = ['job/submit', 'job/control', 'job/followUp', 'undo/submit', 'undo/setEnabled'] as const satisfies readonly Operation[];

export interface Envelope {
  op: Operation;
  payload: unknown;
}

export type ProtocolError = {
  /** sign-in-required: the admin must sign in (again), or grant the permissions of `tier`. */
  code: 'bad-request' | 'forbidden-sender' | 'failed' | 'sign-in-required';
  message: string;
  /** Graph's own error code, shown to the admin beside the message. */
  graphCode?: string;
  status?: number;
  requestId?: string;
  tier?: z.infer<typeof scopeTier>;
};
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };

export type Parsed = { ok: true; op: Operation; payload: unknown } | { ok: false; error: ProtocolError };

/** Validate a raw message and its sender; the only door into the worker. */
export function parseRequest(raw: unknown, sender: SenderKind | undefined): Parsed {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: { code: 'bad-request', message: 'Message is not an object.' } };
  const { op, payload } = raw as { op?: unknown; payload?: unknown };
  if (typeof op !== 'string' || !Object.hasOwn(requestSchemas, op)) {
    return { ok: false, error: { code: 'bad-request', message: `Unknown operation ${JSON.stringify(String(op)).slice(0, 80)}.` } };
  }
  const operation = op as Operation;
  if (!sender || !allowedSenders[operation].includes(sender)) {
    return { ok: false, error: { code: 'forbidden-sender', message: `${operation} may not be called from ${sender ?? 'an unknown sender'}.` } };
  }
  const result = requestSchemas[operation].safeParse(payload ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { code: 'bad-request', message: `Invalid ${operation} request${where}: ${issue?.message ?? 'malformed'}.` } };
  }
  return { ok: true, op: operation, payload: result.data };
}

/** Events the worker broadcasts to extension pages and content scripts; the pages check them against this. */
export const eventSchema = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('job/progress'), jobId, summary: jobSummarySchema }),
  z.strictObject({ event: z.literal('auth/changed') }),
]);
export type BroadcastEvent = z.infer<typeof eventSchema>;
