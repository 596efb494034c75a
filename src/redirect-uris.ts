// The redirect URIs an app registration lists, as the options page shows them: which browsers use each, in the
// admin's language. Apart from extension-ids.ts, which the build's manifest step loads without the i18n layer.
import { CHROMIUM_REDIRECT_URI, FIREFOX_REDIRECT_URI } from './extension-ids';
import { t } from './i18n';

export interface RedirectUriRow {
  /** Which browsers use this URI. */
  browser: string;
  uri: string;
  /** True for the URI of the browser showing it. */
  current: boolean;
}

/**
 * Every redirect URI the app registration needs, this browser's own first. A build installed under another id
 * (a store that assigns its own) still shows the URI this browser really uses.
 */
export function redirectUris(current: string): RedirectUriRow[] {
  const known = [
    { browser: t('extension_browsers_chromium'), uri: CHROMIUM_REDIRECT_URI },
    { browser: 'Firefox', uri: FIREFOX_REDIRECT_URI },
  ].map((r) => ({ ...r, current: r.uri === current }));
  const own = known.some((r) => r.current) ? [] : [{ browser: t('extension_browsers_this'), uri: current, current: true }];
  return [...own, ...known.filter((r) => r.current), ...known.filter((r) => !r.current)];
}
