// The extension's identity in each browser family, pinned so that the sign-in redirect URI an admin registers
// stays the same across installs and updates. An app registration lists both redirect URIs; the options page
// and the README show both. (No imports: the build's manifest step loads this file in Node.)

/** Chromium id, derived from the manifest `key` (Chrome and Edge loading the same package). */
export const CHROMIUM_EXTENSION_ID = 'ggklaglfgknobpkjjlbjjbdohkadcjbf';

/** Firefox add-on id (`browser_specific_settings.gecko.id`); AMO keeps the id a package declares. */
export const GECKO_ID = '{70ccfcb1-ac93-4e6e-af1a-03de6f6d3c9b}';

/** chrome.identity.getRedirectURL() in Chromium: `https://<extension id>.chromiumapp.org/`. */
export const CHROMIUM_REDIRECT_URI = `https://${CHROMIUM_EXTENSION_ID}.chromiumapp.org/`;

/**
 * browser.identity.getRedirectURL() in Firefox: `https://<sha1 hex of the add-on id>.extensions.allizom.org/`.
 * Written out (src/ has no hashing); a unit test recomputes the hash from GECKO_ID.
 */
export const FIREFOX_REDIRECT_URI = 'https://dc0cc9ba42e358d7e2bc321af9987da792e89411.extensions.allizom.org/';
