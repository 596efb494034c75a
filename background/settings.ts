// Settings in force: enterprise policy (storage.managed) over what the admin saved (storage.local).
import { mergeSettings, type MergedSettings } from '../src/config';
import { localKeys } from '../src/storage';

const LOCAL_KEY = localKeys.settings;
/** Last policy seen: Chromium's first storage.managed read after start-up takes seconds (policy service). */
const POLICY_CACHE = localKeys.policyCache;

let freshPolicy: Promise<unknown> | undefined;

function readPolicy(): Promise<unknown> {
  freshPolicy ??= chrome.storage.managed
    .get(null)
    // storage.managed throws where no policy store exists (some Chromium builds): treat as no policy.
    .catch(() => ({}))
    .then(async (policy) => {
      const cached = (await chrome.storage.local.get(POLICY_CACHE))[POLICY_CACHE];
      if (JSON.stringify(cached) !== JSON.stringify(policy)) await chrome.storage.local.set({ [POLICY_CACHE]: policy });
      return policy;
    });
  return freshPolicy;
}

export async function readSettings(): Promise<MergedSettings> {
  const stored = await chrome.storage.local.get([LOCAL_KEY, POLICY_CACHE]);
  // The cached policy answers at once; the fresh read replaces it as soon as it lands (and onChanged
  // below reports any difference). With no cache yet (first start), wait for the real thing.
  const fresh = readPolicy();
  const policy = stored[POLICY_CACHE] !== undefined ? stored[POLICY_CACHE] : await fresh;
  return mergeSettings(policy, stored[LOCAL_KEY]);
}

export function onSettingsChanged(listener: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') freshPolicy = undefined;
    if (area === 'managed' || (area === 'local' && (LOCAL_KEY in changes || POLICY_CACHE in changes))) listener();
  });
}
