// Settings in force: enterprise policy (storage.managed) over what the admin saved (storage.local).
import { mergeSettings, type MergedSettings } from '../src/config';

const LOCAL_KEY = 'settings';

export async function readSettings(): Promise<MergedSettings> {
  const [policy, local] = await Promise.all([
    // storage.managed throws where no policy schema/store exists (e.g. some Chromium builds): treat as no policy.
    chrome.storage.managed.get(null).catch(() => ({})),
    chrome.storage.local.get(LOCAL_KEY).then((r) => r[LOCAL_KEY] as unknown),
  ]);
  return mergeSettings(policy, local);
}

export async function saveLocalSettings(values: Record<string, string>): Promise<void> {
  await chrome.storage.local.set({ [LOCAL_KEY]: values });
}

export function onSettingsChanged(listener: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (area === 'local' && LOCAL_KEY in changes)) listener();
  });
}
