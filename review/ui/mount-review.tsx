// Mounts the one review dialog in a Shadow DOM host of an extension document: the review page (framed in the admin
// center or in the extension's own window) and the fallback picker. The shadow root keeps the review's look (one
// stylesheet, light and dark) apart from the host page's own styles.
import { render } from 'preact';
import type { HostTheme } from '../../content/ui/host-theme';
import { createShadowHost } from '../../content/ui/shadow-host';
import { UI_CSS } from '../../content/ui/styles';
import { ReviewDialog, type ReviewProps } from './review-dialog';

export const REVIEW_TAG = 'b2b-convert-review';

export function mountReview(doc: Document, props: ReviewProps, theme?: HostTheme): { host: HTMLElement; unmount: () => void } {
  const { host, mount } = createShadowHost(doc, REVIEW_TAG, UI_CSS, theme);
  host.setAttribute('data-b2b-dialog', '');
  doc.body.append(host);
  render(<ReviewDialog {...props} />, mount);
  return {
    host,
    unmount: () => {
      render(null, mount);
      host.remove();
    },
  };
}
