// Opens the review: hands the worker the selected ids (and the tenant the page names), then shows the review page
// (review/review.html, an extension document) in a frame laid over this document. The content script holds nothing
// the conversion depends on: the review reads the users from Graph itself, keeps the admin's edits where no page
// script can reach them, and submits through the worker, which takes writes from extension pages only.
// The frame's host lives on the document's body (not in the command bar, whose focus handling and clipping belong
// to the portal). Closing it never stops a job.
import { MAX_USERS_PER_JOB } from '../src/messages';
import type { SelectionStore } from '../src/selection';
import { Observable } from './observable';
import { describeFailure, type Services } from './services';
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
  reviewPage: { url: string; origin: string };
  /** The tenant the page names, when it does. */
  tenantHint: () => string | undefined;
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
`;

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

  const mountFrame = () => {
    const { doc } = deps;
    const opener = deepActiveElement(doc);
    const { host, root } = createShadowHost(doc, REVIEW_HOST_TAG, FRAME_CSS);
    host.setAttribute('data-b2b-dialog', '');
    const frame = doc.createElement('iframe');
    frame.src = deps.reviewPage.url;
    frame.title = 'Convert to external users';
    frame.setAttribute('data-b2b', 'review-frame');
    root.append(frame);
    const lifetime = new AbortController();
    containEvents(host, lifetime.signal);
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
        const data = e.data as { b2b?: unknown; kind?: unknown; userIds?: unknown } | null;
        if (data?.b2b !== 'review') return;
        if (data.kind === 'close') close();
        if (data.kind === 'submitted' && Array.isArray(data.userIds)) deps.store.deselectMany(data.userIds.filter((id): id is string => typeof id === 'string'));
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
      problem.set(`${ids.length.toLocaleString('en-US')} users are selected; one conversion can take at most ${MAX_USERS_PER_JOB.toLocaleString('en-US')}. Narrow the selection.`);
      return;
    }
    const tenantHint = deps.tenantHint();
    try {
      await deps.services.request('review/open', { userIds: [...ids], ...(tenantHint ? { tenantHint } : {}) });
    } catch (err) {
      problem.set(`The review could not be opened: ${describeFailure(err).message}`);
      return;
    }
    if (!signal.aborted && !current) mountFrame();
  };

  signal.addEventListener('abort', () => current?.close(), { once: true });
  return { open, close: () => current?.close(), isOpen: () => current !== undefined, problem };
}
