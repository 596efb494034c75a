// A Shadow DOM host for our UI inside a page we do not own: the page's styles do not reach in, ours do not leak out.
// Styles go in as a constructed (adopted) stylesheet, which a page's style-src policy does not block; a <style>
// element is the fallback where constructed sheets are unavailable.
import { applyHostTheme, type HostTheme } from './host-theme';
export interface ShadowHost {
  host: HTMLElement;
  root: ShadowRoot;
  mount: HTMLElement;
}

/** `theme`: the page's theme when this document cannot see it (our own framed page); else read from `doc`. */
export function createShadowHost(doc: Document, tag: string, cssText: string, theme?: HostTheme): ShadowHost {
  const host = doc.createElement(tag);
  host.setAttribute('data-b2b-convert', '');
  const root = host.attachShadow({ mode: 'open' });
  let adopted: boolean;
  try {
    const View = doc.defaultView as (Window & typeof globalThis) | null;
    const Sheet = View?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(cssText);
    root.adoptedStyleSheets = [sheet];
    adopted = true;
  } catch {
    adopted = false;
  }
  if (!adopted) {
    const style = doc.createElement('style');
    style.textContent = cssText;
    root.append(style);
  }
  const mount = doc.createElement('div');
  mount.className = 'b2b-root';
  // The page's theme at the time we appear (the control follows later changes: followHostTheme).
  const page = doc.body ?? doc.documentElement;
  if (theme) mount.dataset.theme = theme;
  else if (page) applyHostTheme(mount, page);
  root.append(mount);
  return { host, root, mount };
}

/** Keys and clicks inside our UI are ours: the portal's own shortcuts (Esc closes a blade) must not see them. */
export function containEvents(host: HTMLElement, signal: AbortSignal): void {
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation(), { signal });
}
