// One source manifest (manifest.json, written for Chromium), two packages. The Firefox manifest is derived
// here rather than kept as a second file so the two cannot drift apart: same pages, content scripts and
// permissions, minus what Firefox lacks and plus what it requires.
import { GECKO_ID } from '../src/extension-ids.ts';

export const TARGETS = ['chromium', 'firefox'] as const;
export type Target = (typeof TARGETS)[number];

/**
 * Oldest Firefox supported: 140 (an ESR) is the first to understand `data_collection_permissions`, which AMO
 * requires of new add-ons (128–139 ignore it, older releases refuse it); ESR 128 is past its end of life.
 */
export const FIREFOX_MIN_VERSION = '140.0';

// Loosely typed on purpose: the manifest is JSON and each target edits a few known keys.
export type ManifestJson = Record<string, unknown> & {
  version: string;
  permissions: string[];
  host_permissions: string[];
  background: Record<string, unknown>;
  content_scripts: Array<{ matches: string[] } & Record<string, unknown>>;
};

export function isTarget(value: string): value is Target {
  return (TARGETS as readonly string[]).includes(value);
}

/** The manifest for a target, with the version taken from package.json (the one place it is set). */
export function manifestFor(source: ManifestJson, target: Target, version: string): ManifestJson {
  const base: ManifestJson = structuredClone({ ...source, version });
  return target === 'chromium' ? base : firefoxManifest(base);
}

function firefoxManifest(m: ManifestJson): ManifestJson {
  const { key: _key, minimum_chrome_version: _minChrome, storage: _managedSchema, background, ...rest } = m;
  const worker = background.service_worker;
  if (typeof worker !== 'string') throw new Error('manifest.json: background.service_worker is missing');
  return {
    ...rest,
    // An event page: Firefox runs MV3 backgrounds as a DOM window (which is also why MSAL can live there).
    background: { scripts: [worker], type: 'module' },
    // No offscreen API in Firefox: MSAL runs in the event page itself.
    permissions: m.permissions.filter((p) => p !== 'offscreen'),
    // Firefox treats content-script hosts as host permissions the user may withhold or revoke; listing them
    // here shows them at install and lets the popup and options page ask for them again with one click.
    host_permissions: [...new Set([...m.host_permissions, ...m.content_scripts.flatMap((c) => c.matches)])],
    browser_specific_settings: {
      gecko: {
        // Pinned: the moz-extension id, storage and the sign-in redirect URI all follow from it.
        id: GECKO_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Nothing is collected by the developer: the only traffic is the admin's own sign-in and Graph calls to
        // Microsoft (see PRIVACY.md).
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}
