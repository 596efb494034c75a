// The theme comes from the page we sit in, not from the operating system: the admin center has its own light
// and dark themes, and an OS in dark mode over a light portal must not paint our control white on white.
// We read the colour actually painted behind an element and follow it when the portal switches theme.
import { isDarkBackground, paintedBackground } from '../../src/colour';

export type HostTheme = 'light' | 'dark';

/** The background layers from `element` up to the root, innermost first (as the browser computed them). */
function backgroundLayers(element: Element): string[] {
  const view = element.ownerDocument.defaultView;
  const layers: string[] = [];
  for (let el: Element | null = element; el && view; el = el.parentElement) layers.push(view.getComputedStyle(el).backgroundColor);
  return layers;
}

export function readHostTheme(element: Element): HostTheme {
  return isDarkBackground(paintedBackground(backgroundLayers(element))) ? 'dark' : 'light';
}

export function applyHostTheme(mount: HTMLElement, element: Element): void {
  const theme = readHostTheme(element);
  if (mount.dataset.theme !== theme) mount.dataset.theme = theme;
}

/**
 * Keeps `mount`'s theme in step with the page: on a class/style/theme attribute change of the root or body (how
 * a portal switches theme), on the OS scheme changing (a portal set to follow it repaints), until `signal` aborts.
 */
export function followHostTheme(mount: HTMLElement, element: Element, signal: AbortSignal): void {
  const doc = element.ownerDocument;
  const recheck = () => {
    if (!signal.aborted) applyHostTheme(mount, element.isConnected ? element : (doc.body ?? doc.documentElement));
  };
  recheck();
  const observer = new MutationObserver(recheck);
  for (const target of [doc.documentElement, doc.body].filter((t): t is HTMLElement => t !== null)) {
    observer.observe(target, { attributes: true, attributeFilter: ['class', 'style', 'data-theme'] });
  }
  // A theme that arrives as a new stylesheet.
  if (doc.head) observer.observe(doc.head, { childList: true });
  const scheme = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  // The portal repaints after the OS change; read after it did.
  const later = () => void doc.defaultView?.setTimeout(recheck, 50);
  scheme?.addEventListener('change', later);
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      scheme?.removeEventListener('change', later);
    },
    { once: true },
  );
}

/**
 * Our review page, framed over the portal, cannot read the portal's colours (another origin): the content script
 * names the theme in the frame URL's fragment. Only a palette is chosen from it, so a page that rewrote it could
 * at worst pick the other palette. Without it (the review in its own window) the OS scheme decides.
 */
export function themeForFramedPage(hash: string, prefersDark: boolean): HostTheme {
  const named = /(?:^#|&)theme=(dark|light)(?:&|$)/.exec(hash)?.[1];
  return named === 'dark' || named === 'light' ? named : prefersDark ? 'dark' : 'light';
}
