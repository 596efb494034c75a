// The selections waiting for review, by tab (storage.session: survives the worker's restarts, not the browser's;
// content scripts cannot read it). The rules for who may claim one are in src/review-handoff.ts.
import { claimReview, type StoredReview } from '../src/review-handoff';
import type { PendingReview } from '../src/messages';
import { t } from '../src/i18n';
import { sessionKeys, type StorageArea } from '../src/storage';
import type { Clock } from '../src/jobs';
import type { ExtensionPort, TabsPort, WindowsPort } from './worker-ports';

const key = sessionKeys.review;
export const REVIEW_PAGE = 'review/review.html';
const WINDOW_SIZE = { width: 1100, height: 800 };

export interface ReviewsDeps {
  session: StorageArea;
  tabs: TabsPort;
  windows: WindowsPort;
  extension: ExtensionPort;
  clock: Pick<Clock, 'now'>;
}

type Selection = { userIds: string[]; tenantHint?: string };

export class ReviewsService {
  /** Windows being opened: their review page may ask before the window has told us the new tab's id. */
  private readonly opening = new Set<Promise<unknown>>();

  constructor(private readonly deps: ReviewsDeps) {}

  private async read(tabId: number): Promise<StoredReview | undefined> {
    return (await this.deps.session.get([key(tabId)]))[key(tabId)] as StoredReview | undefined;
  }

  private stored(tabId: number, openerOrigin: string, input: Selection, placement: StoredReview['placement']): StoredReview {
    return { userIds: input.userIds, ...(input.tenantHint ? { tenantHint: input.tenantHint } : {}), placement, openerOrigin, tabId, createdAt: this.deps.clock.now() };
  }

  /** review/open: the content script of `tabId` (in a document of `openerOrigin`) hands over the admin's selection. */
  async open(tabId: number, openerOrigin: string, input: Selection): Promise<void> {
    await this.deps.session.set({ [key(tabId)]: this.stored(tabId, openerOrigin, input, 'frame') });
  }

  /** review/get: the selection for the review document that asks, judged from its tab and its ancestors. */
  async get(tabId: number | undefined, ancestorOrigins: readonly string[]): Promise<PendingReview> {
    if (tabId === undefined) throw new Error(t('worker_reviewWhere'));
    if (ancestorOrigins.length === 0 && this.opening.size > 0) await Promise.allSettled([...this.opening]);
    const claim = claimReview(await this.read(tabId), ancestorOrigins, this.deps.clock.now());
    if (!claim.ok) throw new Error(claim.reason);
    return claim.review;
  }

  /** review/openWindow: the framed review cannot verify it is visible, so the same selection is confirmed in our own window. */
  async openWindowFor(tabId: number | undefined, ancestorOrigins: readonly string[]): Promise<void> {
    const review = await this.get(tabId, ancestorOrigins);
    await this.showInWindow((await this.read(review.tabId))!);
  }

  /**
   * review/open with placement 'window': the content script's browser cannot let a framed review prove it is seen
   * (Firefox), so the selection goes straight to the extension's own window — the page never frames a review.
   */
  async openInWindow(tabId: number, openerOrigin: string, input: Selection): Promise<void> {
    await this.showInWindow(this.stored(tabId, openerOrigin, input, 'window'));
  }

  private async showInWindow(stored: StoredReview): Promise<void> {
    const created = this.deps.windows.openPopup(this.deps.extension.url(REVIEW_PAGE), WINDOW_SIZE).then(async (windowTab) => {
      if (windowTab === undefined) throw new Error(t('worker_reviewWindowFailed'));
      await this.deps.session.set({ [key(windowTab)]: { ...stored, placement: 'window', createdAt: this.deps.clock.now() } satisfies StoredReview });
    });
    this.opening.add(created);
    try {
      await created;
    } finally {
      this.opening.delete(created);
    }
  }

  forgetClosedTabs(): void {
    this.deps.tabs.onRemoved((tabId) => void this.deps.session.remove([key(tabId)]));
  }
}
