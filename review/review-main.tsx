// The review page (review/review.html): the one review of a selection made in the admin center. Framed in the
// admin center's dialog (a web-accessible resource exposed only to the admin-center origins, at a per-session URL),
// or in the extension's own window. It learns the selection from the worker, never from its URL or its framer, and
// writes only through the worker, which accepts writes from extension pages only.
import { render } from 'preact';
import { installMessageSource, messageLocale, messageSourceFrom, t } from '../src/i18n';
import './review-page.css';
import { watchAuth } from '../content/auth-watch';
import { decideReviewFrame, type ReviewPageMessage } from '../src/review-handoff';
import { jobPagePath } from '../popup/lib/pages';
import { describeFailure } from '../content/services';
import { createWorkerOnlyServices, openExtensionPage, sendToTab } from './browser-services';
import { browserGateEnv } from './ui/confirm-gate';
import { mountReview, REVIEW_TAG } from './ui/mount-review';
import { ReviewUnavailable } from './ui/review-unavailable';
import { themeForFramedPage } from '../content/ui/host-theme';
import { createShadowHost } from '../content/ui/shadow-host';
import { UI_CSS } from '../content/ui/styles';

function main(): void {
  const ancestors = Array.from(location.ancestorOrigins ?? []);
  const decision = decideReviewFrame(ancestors);
  const tellOpener = (message: ReviewPageMessage) => {
    // Only the document that framed us (the admin center's content script checks the message came from this frame).
    if (ancestors[0]) window.parent.postMessage(message, ancestors[0]);
  };
  const close = () => (decision.ok && decision.placement === 'window' ? window.close() : tellOpener({ b2b: 'review', kind: 'close' }));
  const theme = themeForFramedPage(location.hash, window.matchMedia('(prefers-color-scheme: dark)').matches);
  const unavailable = (message: string) => {
    const { host, mount } = createShadowHost(document, REVIEW_TAG, UI_CSS, theme);
    host.setAttribute('data-b2b-dialog', '');
    document.body.append(host);
    render(<ReviewUnavailable message={message} onClose={close} />, mount);
  };
  if (!decision.ok) {
    unavailable(t('review_onlyInAdminCenter', { reason: decision.reason }));
    return;
  }
  const services = createWorkerOnlyServices();
  services.request('review/get', { ancestorOrigins: ancestors }).then(
    (review) => {
      const lifetime = new AbortController();
      const auth = watchAuth(services, document, lifetime.signal, undefined, { tabId: review.tabId });
      // The admin-center page the selection came from: our frame's parent, or (in the extension's own window) the
      // content script of its tab, which takes these messages from the review page only.
      const tellPage = (message: ReviewPageMessage) =>
        decision.placement === 'frame' ? tellOpener(message) : void sendToTab(review.tabId, message).catch((err: unknown) => services.log('the admin center tab did not answer', err));
      mountReview(document, {
        ids: review.userIds,
        services,
        auth,
        requireTrusted: true,
        placement: decision.placement,
        gateEnv: browserGateEnv(window),
        onClose: close,
        onSubmitted: (userIds) => tellPage({ b2b: 'review', kind: 'submitted', userIds }),
        // The failed users become the selection in the list, and the admin is taken back to it.
        onSelectUsers: (users) => {
          tellPage({ b2b: 'review', kind: 'select', users });
          close();
        },
        onViewResults: (jobId) => void openExtensionPage(jobPagePath(jobId)),
        ...(decision.placement === 'frame'
          ? {
              onContinueInWindow: async () => {
                await services.request('review/openWindow', { ancestorOrigins: ancestors });
                close();
              },
            }
          : {}),
      }, theme);
    },
    (err: unknown) => unavailable(describeFailure(err).message),
  );
}

// Words come from _locales through the browser's i18n API; t() is only called after this.
installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
document.documentElement.lang = messageLocale();
main();
