// The selections waiting for review, by tab (storage.session: survives the worker's restarts, not the browser's;
// content scripts cannot read it). The rules for who may claim one are in src/review-handoff.ts.
import { claimReview, type StoredReview } from '../src/review-handoff';
import type { PendingReview } from '../src/messages';
import { t } from '../src/i18n';
import { sessionKeys } from '../src/storage';

const key = sessionKeys.review;
export const REVIEW_PAGE = 'review/review.html';

async function read(tabId: number): Promise<StoredReview | undefined> {
  return (await chrome.storage.session.get(key(tabId)))[key(tabId)] as StoredReview | undefined;
}

/** review/open: the content script of `tabId` (in a document of `openerOrigin`) hands over the admin's selection. */
export async function openReview(tabId: number, openerOrigin: string, input: { userIds: string[]; tenantHint?: string }): Promise<void> {
  const stored: StoredReview = { userIds: input.userIds, ...(input.tenantHint ? { tenantHint: input.tenantHint } : {}), placement: 'frame', openerOrigin, tabId, createdAt: Date.now() };
  await chrome.storage.session.set({ [key(tabId)]: stored });
}

/** Windows being opened: their review page may ask before windows.create has told us the new tab's id. */
const opening = new Set<Promise<unknown>>();

/** review/get: the selection for the review document that asks, judged from its tab and its ancestors. */
export async function getReview(tabId: number | undefined, ancestorOrigins: readonly string[]): Promise<PendingReview> {
  if (tabId === undefined) throw new Error(t('worker_reviewWhere'));
  if (ancestorOrigins.length === 0 && opening.size > 0) await Promise.allSettled([...opening]);
  const claim = claimReview(await read(tabId), ancestorOrigins, Date.now());
  if (!claim.ok) throw new Error(claim.reason);
  return claim.review;
}

/** review/openWindow: the framed review cannot verify it is visible, so the same selection is confirmed in our own window. */
export async function openReviewWindow(tabId: number | undefined, ancestorOrigins: readonly string[]): Promise<void> {
  const review = await getReview(tabId, ancestorOrigins);
  await openWindowFor((await read(review.tabId))!);
}

/**
 * review/open with placement 'window': the content script's browser cannot let a framed review prove it is seen
 * (Firefox), so the selection goes straight to the extension's own window — the page never frames a review.
 */
export async function openReviewInWindow(tabId: number, openerOrigin: string, input: { userIds: string[]; tenantHint?: string }): Promise<void> {
  const stored: StoredReview = { userIds: input.userIds, ...(input.tenantHint ? { tenantHint: input.tenantHint } : {}), placement: 'window', openerOrigin, tabId, createdAt: Date.now() };
  await openWindowFor(stored);
}

async function openWindowFor(stored: StoredReview): Promise<void> {
  const created = chrome.windows
    .create({ url: chrome.runtime.getURL(REVIEW_PAGE), type: 'popup', width: 1100, height: 800, focused: true })
    .then(async (win) => {
      const windowTab = win?.tabs?.[0]?.id;
      if (windowTab === undefined) throw new Error(t('worker_reviewWindowFailed'));
      await chrome.storage.session.set({ [key(windowTab)]: { ...stored, placement: 'window', createdAt: Date.now() } satisfies StoredReview });
    });
  opening.add(created);
  try {
    await created;
  } finally {
    opening.delete(created);
  }
}

export function forgetReviewsOfClosedTabs(): void {
  chrome.tabs.onRemoved.addListener((tabId) => void chrome.storage.session.remove(key(tabId)));
}
