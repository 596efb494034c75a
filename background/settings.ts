// Settings in force: enterprise policy (storage.managed) over what the admin saved (storage.local).
import { mergeSettings, type MergedSettings } from '../src/config';
import { localKeys, type StorageArea } from '../src/storage';
import type { PolicyPort } from './worker-ports';

const LOCAL_KEY = localKeys.settings;
/** Last policy seen: Chromium's first storage.managed read after start-up takes seconds (policy service). */
const POLICY_CACHE = localKeys.policyCache;

export class SettingsService {
  /** The policy read under way (or done) since the last managed change. */
  private freshPolicy: Promise<unknown> | undefined;

  constructor(
    private readonly local: StorageArea,
    private readonly policy: PolicyPort,
  ) {}

  private readPolicy(): Promise<unknown> {
    this.freshPolicy ??= this.policy
      .read()
      // storage.managed throws where no policy store exists (some Chromium builds): treat as no policy.
      .catch(() => ({}))
      .then(async (policy) => {
        const cached = (await this.local.get([POLICY_CACHE]))[POLICY_CACHE];
        if (JSON.stringify(cached) !== JSON.stringify(policy)) await this.local.set({ [POLICY_CACHE]: policy });
        return policy;
      });
    return this.freshPolicy;
  }

  async read(): Promise<MergedSettings> {
    const stored = await this.local.get([LOCAL_KEY, POLICY_CACHE]);
    // The cached policy answers at once; the fresh read replaces it as soon as it lands (and onChanged
    // below reports any difference). With no cache yet (first start), wait for the real thing.
    const fresh = this.readPolicy();
    const policy = stored[POLICY_CACHE] !== undefined ? stored[POLICY_CACHE] : await fresh;
    return mergeSettings(policy, stored[LOCAL_KEY]);
  }

  /** The settings in force may have changed: a new policy, or the admin saved, or the cached policy was replaced. */
  onChanged(listener: () => void): void {
    this.policy.onStorageChanged((area, keys) => {
      if (area === 'managed') this.freshPolicy = undefined;
      if (area === 'managed' || (area === 'local' && (keys.includes(LOCAL_KEY) || keys.includes(POLICY_CACHE)))) listener();
    });
  }
}
