// The protocol of handing a selection to the review (src/review-handoff.ts has the rules for who may claim it): a
// content script hands over ids only, and the review page asks for them, saying where it is shown.
import { z } from '../zod';
import { MAX_USERS_PER_JOB, objectId, shortText } from './fields';

export const reviewRequests = {
  /**
   * A content script hands over the admin's selection (ids only) and the tenant its page names; the review opens.
   * placement 'window': the content script's browser cannot let the review prove it is visible in the page (no
   * location.ancestorOrigins or no IntersectionObserver v2, e.g. Firefox), so the worker opens it in its own window.
   */
  'review/open': z.strictObject({
    userIds: z.array(objectId).min(1).max(MAX_USERS_PER_JOB),
    tenantHint: shortText(256).optional(),
    placement: z.enum(['frame', 'window']).optional(),
  }),
  /**
   * The review page asks for the selection it is to show. ancestorOrigins: its own location.ancestorOrigins
   * (empty in the extension's own window): the worker hands the selection only to a review framed by the page
   * whose content script opened it.
   */
  'review/get': z.strictObject({ ancestorOrigins: z.array(shortText(512)).max(10) }),
  /** The framed review cannot verify it is visible: the same review continues in the extension's own window. */
  'review/openWindow': z.strictObject({ ancestorOrigins: z.array(shortText(512)).min(1).max(10) }),
} as const;

/** What a review shows: the ids the admin selected, and the tenant their page named. Nothing else comes from the page. */
export const pendingReviewSchema = z.strictObject({
  userIds: z.array(z.string()),
  tenantHint: z.string().optional(),
  /** The admin-center tab the selection came from (its tenant is judged against the signed-in one). */
  tabId: z.number(),
  /** 'frame': shown in the page's dialog; 'window': in the extension's own window. */
  placement: z.enum(['frame', 'window']),
});
export type PendingReview = z.infer<typeof pendingReviewSchema>;

export const reviewReplies = {
  'review/open': z.null(),
  'review/get': pendingReviewSchema,
  'review/openWindow': z.null(),
} as const;
