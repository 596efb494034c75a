// Opens the review dialog in its own Shadow DOM host on the document's body (not inside the command bar, whose
// focus handling and clipping belong to the portal). The dialog outlives the grid: a refresh or a re-render of the
// list does not close it, and closing it never stops a job.
import { render } from 'preact';
import type { SelectionStore } from '../src/selection';
import type { AuthWatch } from './auth-watch';
import type { Services } from './services';
import { ReviewDialog } from './ui/review';
import { containEvents, createShadowHost } from './ui/shadow-host';
import { UI_CSS } from './ui/styles';

export const REVIEW_TAG = 'b2b-convert-review';

export interface ReviewDeps {
  doc: Document;
  store: SelectionStore;
  services: Services;
  auth: AuthWatch;
  requireTrusted: boolean;
  pollMs?: number;
}

export interface Review {
  open(): void;
  close(): void;
  isOpen(): boolean;
}

/** The element that really has focus, looking into shadow roots (our own button lives in one). */
function deepActiveElement(doc: Document): HTMLElement | null {
  let active: Element | null = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

export function createReview(deps: ReviewDeps, signal: AbortSignal): Review {
  let current: { host: HTMLElement; close: () => void } | undefined;

  const open = () => {
    if (signal.aborted) return;
    if (current) {
      current.host.shadowRoot?.querySelector<HTMLElement>('[role="dialog"]')?.focus();
      return;
    }
    const { doc } = deps;
    const opener = deepActiveElement(doc);
    const { host, mount } = createShadowHost(doc, REVIEW_TAG, UI_CSS);
    host.setAttribute('data-b2b-dialog', '');
    const lifetime = new AbortController();
    containEvents(host, lifetime.signal);
    const close = () => {
      if (current?.host !== host) return;
      current = undefined;
      lifetime.abort();
      render(null, mount);
      host.remove();
      if (opener?.isConnected) opener.focus();
    };
    current = { host, close };
    doc.body.append(host);
    render(
      <ReviewDialog
        ids={deps.store.ids()}
        services={deps.services}
        auth={deps.auth}
        requireTrusted={deps.requireTrusted}
        pollMs={deps.pollMs}
        onClose={close}
        onSubmitted={(ids) => deps.store.deselectMany(ids)}
      />,
      mount,
    );
  };

  signal.addEventListener('abort', () => current?.close(), { once: true });
  return { open, close: () => current?.close(), isOpen: () => current !== undefined };
}
