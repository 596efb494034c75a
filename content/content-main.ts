// Content script entry (manifest: admin-center hosts and React-view frame hosts, all_frames). It acts only in an
// admin-center top page or in a React-view frame whose parent is an admin center (src/portal-routes.ts decideFrame);
// everywhere else it does nothing at all. What it does is in app.ts.
import { installMessageSource, messageSourceFrom } from '../src/i18n';
import { decideFrame } from '../src/portal-routes';
import { startContent } from './app';
import { createBrowserServices, reviewWindowMessages } from './messaging';

function main(): void {
  const decision = decideFrame({
    href: location.href,
    isTop: window.top === window,
    ancestorOrigins: location.ancestorOrigins ? Array.from(location.ancestorOrigins) : undefined,
    referrer: document.referrer,
  });
  if (!decision.act) return;
  // Our words come from the extension's catalogue (the browser's UI language), never from the portal page.
  installMessageSource(messageSourceFrom((key, subs) => chrome.i18n.getMessage(key, subs)));
  const controller = new AbortController();
  startContent(
    {
      doc: document,
      role: decision.role,
      services: createBrowserServices(),
      href: () => location.href,
      frameName: () => window.name,
      requireTrusted: true,
      windowReviewMessages: reviewWindowMessages,
      reviewPage: {
        url: chrome.runtime.getURL('review/review.html'),
        origin: new URL(chrome.runtime.getURL('/')).origin,
        // The framed review proves it is seen with location.ancestorOrigins and IntersectionObserver v2; a browser
        // without them (Firefox) shows the review in the extension's own window instead.
        framed: 'ancestorOrigins' in location && typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype,
      },
    },
    controller.signal,
  );
}

try {
  main();
} catch (err) {
  // Never let our failure surface in the admin center.
  console.debug('[B2B Convert] content script failed to start', err);
}
