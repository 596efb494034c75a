import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import source from '../../manifest.json' with { type: 'json' };
import english from '../../_locales/en/messages.json' with { type: 'json' };
import { FIREFOX_MIN_VERSION, manifestFor, type ManifestJson } from '../../build/manifests';
import { CHROMIUM_EXTENSION_ID, CHROMIUM_REDIRECT_URI, FIREFOX_REDIRECT_URI, GECKO_ID } from '../../src/extension-ids';
import { redirectUris } from '../../src/redirect-uris';
import { classifySender } from '../../src/messages';

const base = source as unknown as ManifestJson;

describe('package manifests', () => {
  it('Chromium: the source manifest with the package version', () => {
    const m = manifestFor(base, 'chromium', '9.8.7');
    expect(m).toEqual({ ...base, version: '9.8.7' });
    expect(base.version).toBe('0.1.0'); // the source is not edited in place
  });

  it('Firefox: an event page, pinned id, minimum 140 (>= 128), no data collected, nothing Firefox lacks', () => {
    const m = manifestFor(base, 'firefox', '9.8.7');
    expect(m.version).toBe('9.8.7');
    expect(m.background).toEqual({ scripts: [base.background.service_worker], type: 'module' });
    expect(m.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    expect(Number.parseFloat(FIREFOX_MIN_VERSION)).toBeGreaterThanOrEqual(140);
    expect(m.permissions).not.toContain('offscreen');
    expect(m.permissions).toEqual(base.permissions.filter((p) => p !== 'offscreen'));
    for (const key of ['key', 'minimum_chrome_version', 'storage']) expect(m).not.toHaveProperty(key);
    // Content-script hosts become requestable host permissions; nothing else is added.
    expect(new Set(m.host_permissions)).toEqual(new Set([...base.host_permissions, ...base.content_scripts.flatMap((c) => c.matches)]));
    expect(m.content_scripts).toEqual(base.content_scripts);
    expect(m.optional_host_permissions).toEqual(base.optional_host_permissions);
  });

  it('refuses a source manifest without a background worker', () => {
    expect(() => manifestFor({ ...base, background: {} }, 'firefox', '1.0.0')).toThrow(/service_worker/);
  });
});

describe('manifest strings', () => {
  const messages = english as Record<string, { message: string; description?: string }>;
  it('every __MSG_…__ in the manifest has an English message, within the stores\' limits', () => {
    const used = [...JSON.stringify(source).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThanOrEqual(3);
    for (const key of used) expect(messages[key]?.message, key).toBeTruthy();
    expect(source.default_locale).toBe('en');
    expect(messages.extName!.message.length).toBeLessThanOrEqual(75);
    expect(messages.extShortName!.message.length).toBeLessThanOrEqual(12);
    expect(messages.extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});

describe('extension ids and redirect URIs', () => {
  it('the Firefox redirect URI is the sha1 of the gecko id, as Firefox computes it', () => {
    const sha1 = createHash('sha1').update(GECKO_ID).digest('hex');
    expect(FIREFOX_REDIRECT_URI).toBe(`https://${sha1}.extensions.allizom.org/`);
    expect(CHROMIUM_REDIRECT_URI).toBe(`https://${CHROMIUM_EXTENSION_ID}.chromiumapp.org/`);
  });

  it('lists both, this browser first; an unknown id (a store-assigned one) is listed as this browser', () => {
    expect(redirectUris(FIREFOX_REDIRECT_URI).map((r) => [r.browser, r.current])).toEqual([
      ['Firefox', true],
      ['Chrome and Edge', false],
    ]);
    expect(redirectUris(CHROMIUM_REDIRECT_URI).map((r) => r.uri)).toEqual([CHROMIUM_REDIRECT_URI, FIREFOX_REDIRECT_URI]);
    const other = 'https://abcdefabcdefabcdefabcdefabcdefab.chromiumapp.org/';
    expect(redirectUris(other).map((r) => [r.browser, r.uri, r.current])).toEqual([
      ['This browser', other, true],
      ['Chrome and Edge', CHROMIUM_REDIRECT_URI, false],
      ['Firefox', FIREFOX_REDIRECT_URI, false],
    ]);
  });
});

describe('sender classification across browsers', () => {
  const portal = (o: string) => o === 'https://entra.microsoft.com';
  it('an extension page is recognised by the origin the browser reports, chrome-extension or moz-extension', () => {
    const moz = 'moz-extension://0f3c6a2e-1111-4222-8333-944455556666';
    expect(classifySender({ id: GECKO_ID, url: `${moz}/popup/popup.html` }, GECKO_ID, portal, moz)).toBe('extension-page');
    expect(classifySender({ id: CHROMIUM_EXTENSION_ID, url: `chrome-extension://${CHROMIUM_EXTENSION_ID}/popup/popup.html` }, CHROMIUM_EXTENSION_ID, portal)).toBe('extension-page');
  });
  it('another moz-extension origin, or our id from a web page outside a tab, is nobody we answer', () => {
    const moz = 'moz-extension://0f3c6a2e-1111-4222-8333-944455556666';
    expect(classifySender({ id: GECKO_ID, url: 'moz-extension://aaaaaaaa-1111-4222-8333-944455556666/x.html' }, GECKO_ID, portal, moz)).toBeUndefined();
    expect(classifySender({ id: GECKO_ID, url: 'https://entra.microsoft.com/' }, GECKO_ID, portal, moz)).toBeUndefined();
    expect(classifySender({ id: GECKO_ID, url: 'https://entra.microsoft.com/', tab: {} }, GECKO_ID, portal, moz)).toBe('content');
  });
});
