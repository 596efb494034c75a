// How a selection travels from the admin-center page to the review, which is an extension page: the content script
// hands the worker the selected ids (and the tenant its page names); the review page, framed in that page's dialog
// or opened in the extension's own window, asks the worker for them. These rules decide, from what the browser
// reports (the sender's tab and origin, the review document's own location.ancestorOrigins), whether a review
// document may have the selection. Nothing here reads a URL parameter: the framer controls those.
import { cloudsForOrigin, isAdminCenterOrigin, isReactViewFrameOrigin } from './clouds';
import { t } from './i18n';
import { MAX_USERS_PER_JOB, type PendingReview } from './messages';
import { z } from './zod';

/** What the worker keeps per tab between review/open and review/get. */
export interface StoredReview {
  userIds: string[];
  tenantHint?: string;
  /** 'frame': the origin of the document whose content script opened it (the review's frame parent). */
  placement: 'frame' | 'window';
  openerOrigin: string;
  /** The admin-center tab the selection came from. */
  tabId: number;
  createdAt: number;
}

export type ReviewFrameDecision = { ok: true; placement: 'frame' | 'window' } | { ok: false; reason: string };

/**
 * May a review document with these ancestors show a selection? No ancestors: the extension's own window. Framed:
 * its parent is an admin-center top page or a React-view frame, every ancestor above is an admin center, and all are
 * in one cloud. Anything else (a page elsewhere framing the review) gets nothing.
 */
export function decideReviewFrame(ancestorOrigins: readonly string[]): ReviewFrameDecision {
  if (ancestorOrigins.length === 0) return { ok: true, placement: 'window' };
  const [parent, ...above] = ancestorOrigins as [string, ...string[]];
  if (!isAdminCenterOrigin(parent) && !isReactViewFrameOrigin(parent)) return { ok: false, reason: t('review_handoff_notAdminCenter') };
  if (above.some((o) => !isAdminCenterOrigin(o))) return { ok: false, reason: t('review_handoff_frameAbove') };
  const clouds = cloudsForOrigin(parent);
  if (!ancestorOrigins.every((o) => cloudsForOrigin(o).some((c) => clouds.includes(c)))) return { ok: false, reason: t('review_handoff_clouds') };
  return { ok: true, placement: 'frame' };
}

/** Reviews older than this are forgotten: a selection is not kept around for a frame that never came. */
export const REVIEW_TTL_MS = 30 * 60_000;

/**
 * The selection a review document may show, or why not. `stored` is what the worker kept for the requesting
 * document's tab; `ancestorOrigins` what that document reports about itself.
 */
export function claimReview(stored: StoredReview | undefined, ancestorOrigins: readonly string[], now: number): { ok: true; review: PendingReview } | { ok: false; reason: string } {
  const decision = decideReviewFrame(ancestorOrigins);
  if (!decision.ok) return decision;
  if (!stored || now - stored.createdAt > REVIEW_TTL_MS) return { ok: false, reason: t('review_handoff_nothingWaiting') };
  if (stored.placement !== decision.placement) return { ok: false, reason: t('review_handoff_notHere') };
  if (stored.placement === 'frame' && ancestorOrigins[0] !== stored.openerOrigin) return { ok: false, reason: t('review_handoff_otherPage') };
  return { ok: true, review: { userIds: [...stored.userIds], ...(stored.tenantHint ? { tenantHint: stored.tenantHint } : {}), tabId: stored.tabId, placement: stored.placement } };
}

// ---- From the review back to the page ----

const userId = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);

/**
 * What a review tells the admin-center page it came from: close its frame; let go of the users a job was submitted
 * for; make the failed users of a job the selection ("Select the failed users", with the names the control lists).
 * Nothing here writes: the page only changes what it shows and what it has selected.
 */
export const reviewPageMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ b2b: z.literal('review'), kind: z.literal('close') }),
  z.strictObject({ b2b: z.literal('review'), kind: z.literal('submitted'), userIds: z.array(userId).max(MAX_USERS_PER_JOB) }),
  z.strictObject({
    b2b: z.literal('review'),
    kind: z.literal('select'),
    users: z.array(z.strictObject({ id: userId, displayName: z.string().max(1024), userPrincipalName: z.string().max(1024) })).min(1).max(MAX_USERS_PER_JOB),
  }),
]);
export type ReviewPageMessage = z.infer<typeof reviewPageMessageSchema>;
