// Puts our control in the grid's command bar (inside a Shadow DOM host), and keeps it there while the portal
// re-renders; takes it away with the grid.
import { render } from 'preact';
import { watchDom } from './dom-watch';
import type { Feature } from './features';
import type { GridSession } from './grid-watch';
import { Control, type ControlProps } from './ui/control';
import { followHostTheme } from './ui/host-theme';
import { containEvents, createShadowHost } from './ui/shadow-host';
import { UI_CSS } from './ui/styles';

export const CONTROL_TAG = 'b2b-convert-control';

/** The adaptation, for the feature runner: lives as long as the grid it was started for. */
export function commandBarControl(session: GridSession, doc: Document, props: ControlProps): Feature {
  return { name: 'command-bar-control', init: (signal) => void mountCommandBarControl(session, doc, props, signal) };
}

export function mountCommandBarControl(session: GridSession, doc: Document, props: ControlProps, signal: AbortSignal): HTMLElement | undefined {
  const bar = session.reading.commandBar;
  if (!bar) return undefined;
  const { host, mount } = createShadowHost(doc, CONTROL_TAG, UI_CSS);
  host.setAttribute('role', 'none');
  containEvents(host, signal);
  render(<Control {...props} />, mount);
  // Painted from the command bar's own background, re-read when the portal changes theme.
  followHostTheme(mount, bar, signal);
  const place = () => {
    if (host.parentElement !== bar && bar.isConnected) bar.append(host);
  };
  place();
  watchDom(bar, place, signal, 100);
  signal.addEventListener(
    'abort',
    () => {
      render(null, mount);
      host.remove();
    },
    { once: true },
  );
  return host;
}
