// Opens the review: hands the worker the selected ids (and the tenant the page names), then shows the review page
// (review/review.html, an extension document) in a frame laid over this document. The content script holds nothing
// the conversion depends on: the review reads the users from Graph itself, keeps the admin's edits where no page
// script can reach them, and submits through the worker, which takes writes from extension pages only.
// The frame's host lives on the document's body (not in the command bar, whose focus handling and clipping belong
// to the portal). Closing it never stops a job.
import { t } from '../src/i18n';
import { MAX_USERS_PER_JOB } from '../src/messages';
import { reviewPageMessageSchema, type ReviewPageMessage } from '../src/review-handoff';
import type { SelectionStore } from '../src/selection';
import { Observable } from './observable';
import { describeFailure, type Services } from './services';
import { readHostTheme } from './ui/host-theme';
import { containEvents, createShadowHost } from './ui/shadow-host';

export const REVIEW_HOST_TAG = 'b2b-convert-review-frame';

export interface ReviewDeps {
  doc: Document;
  store: SelectionStore;
  services: Services;
  /**
   * The review page's URL (runtime.getURL: a per-session address, as the resource is use_dynamic_url) and the origin
   * its document really has (the extension's own), which its messages carry.
   */
  reviewPage: { url: string; origin: string; framed?: boolean };
  /** The tenant the page names, when it does. */
  tenantHint: () => string | undefined;
  /**
   * Messages from the review shown in the extension's own window (runtime messages from the review page only; the
   * framed review posts to this document instead). Absent in unit tests of the framed review.
   */
  windowReviewMessages?: (listener: (raw: unknown) => void, signal: AbortSignal) => void;
}

export interface Review {
  open(): Promise<void>;
  close(): void;
  isOpen(): boolean;
  /** Why the review could not be opened (shown beside the control); '' when nothing is wrong. */
  problem: Observable<string>;
}

const FRAME_CSS = `
:host { all: initial; }
iframe { position: fixed; inset: 0; width: 100vw; height: 100vh; border: 0; margin: 0; padding: 0; z-index: 2147483000; background: transparent; color-scheme: normal; display: block; }
.viewport { position: fixed; inset: 0; pointer-events: none; opacity: 0; }
`;

/**
 * Keeps the review frame on the part of this document's viewport that the admin can actually see. The grid lives in
 * a frame the portal sizes and may scroll partly out of the window; the review only lets Convert act while it is
 * fully visible, so a dialog laid over the whole frame could end up unconfirmable. An IntersectionObserver on a
 * viewport-sized sentinel reports the visible part (clipped by every ancestor frame and the window).
 */
function fitToVisibleViewport(sentinel: HTMLElement, frame: HTMLIFrameElement, signal: AbortSignal): void {
  const view = sentinel.ownerDocument.defaultView;
  if (!view || typeof view.IntersectionObserver !== 'function') return;
  const steps = Array.from({ length: 21 }, (_, i) => i / 20);
  const observer = new view.IntersectionObserver(
    (entries) => {
      const entry = entries.at(-1);
      if (!entry) return;
      const r = entry.intersectionRect;
      // Nothing visible (or not measurable): keep the whole viewport rather than a zero-size frame.
      if (r.width < 1 || r.height < 1) {
        frame.style.removeProperty('top');
        frame.style.removeProperty('left');
        frame.style.removeProperty('width');
        frame.style.removeProperty('height');
        return;
      }
      frame.style.setProperty('top', `${Math.round(r.top)}px`);
      frame.style.setProperty('left', `${Math.round(r.left)}px`);
      frame.style.setProperty('width', `${Math.round(r.width)}px`);
      frame.style.setProperty('height', `${Math.round(r.height)}px`);
    },
    { threshold: steps },
  );
  observer.observe(sentinel);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

/** The element that really has focus, looking into shadow roots (our own button lives in one). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export function createReview(deps: ReviewDeps, signal: AbortSignal): Review {
  let current: { host: HTMLElement; frame: HTMLIFrameElement; close: () => void } | undefined;
  const problem = new Observable('');
  const reviewOrigin = deps.reviewPage.origin;

  /** What the review asks of this page, checked against the schema; nothing it asks writes anything. */
  const fromReview = (raw: unknown, close: () => void) => {
    const parsed = reviewPageMessageSchema.safeParse(raw);
    if (!parsed.success) return;
    const m: ReviewPageMessage = parsed.data;
    if (m.kind === 'close') close();
    if (m.kind === 'submitted') deps.store.deselectMany(m.userIds);
    if (m.kind === 'select') deps.store.replaceWith(m.users);
  };
  deps.windowReviewMessages?.((raw) => fromReview(raw, () => undefined), signal);

  const mountFrame = () => {
    const { doc } = deps;
    const opener = deepActiveElement(doc);
    const { host, root } = createShadowHost(doc, REVIEW_HOST_TAG, FRAME_CSS);
    host.setAttribute('data-b2b-dialog', '');
    const frame = doc.createElement('iframe');
    // The review shows in the admin center's theme, which its own (extension) document cannot read.
    frame.src = `${deps.reviewPage.url}#theme=${readHostTheme(doc.body ?? doc.documentElement)}`;
    frame.title = t('content_convert');
    frame.setAttribute('data-b2b', 'review-frame');
    const sentinel = doc.createElement('div');
    sentinel.className = 'viewport';
    sentinel.setAttribute('aria-hidden', 'true');
    root.append(sentinel, frame);
    const lifetime = new AbortController();
    containEvents(host, lifetime.signal);
    fitToVisibleViewport(sentinel, frame, lifetime.signal);
    const close = () => {
      if (current?.host !== host) return;
      current = undefined;
      lifetime.abort();
      host.remove();
      if (opener?.isConnected) opener.focus();
    };
    // Messages from the review document itself: a real postMessage from inside our frame (a page script can
    // dispatch a synthetic MessageEvent naming our frame as its source, but not a trusted one).
    doc.defaultView?.addEventListener(
      'message',
      (e: MessageEvent) => {
        if (!e.isTrusted || e.source !== frame.contentWindow || e.origin !== reviewOrigin) return;
        fromReview(e.data, close);
      },
      { signal: lifetime.signal },
    );
    current = { host, frame, close };
    doc.body.append(host);
    frame.focus();
  };

  const open = async () => {
    if (signal.aborted) return;
    if (current) {
      current.frame.focus();
      return;
    }
    const ids = deps.store.ids();
    problem.set('');
    if (ids.length > MAX_USERS_PER_JOB) {
      problem.set(t('content_tooMany', { selected: ids.length, max: MAX_USERS_PER_JOB }));
      return;
    }
    const tenantHint = deps.tenantHint();
    try {
      const placement = deps.reviewPage.framed === false ? 'window' : 'frame';
      await deps.services.request('review/open', { userIds: [...ids], ...(tenantHint ? { tenantHint } : {}), placement });
      if (placement === 'window') return;
    } catch (err) {
      problem.set(t('content_reviewNotOpened', { problem: describeFailure(err).message }));
      return;
    }
    if (!signal.aborted && !current) mountFrame();
  };

  signal.addEventListener('abort', () => current?.close(), { once: true });
  return { open, close: () => current?.close(), isOpen: () => current !== undefined, problem };
}
