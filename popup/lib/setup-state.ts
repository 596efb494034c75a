// Whether the extension is set up, read straight from storage — the same merge the worker makes (policy over the
// admin's own values) — so the popup paints "configured / not configured" at once, without waking the worker.
// The worker caches the policy it last read in storage.local (the first storage.managed read after a browser start
// takes seconds); with no cache yet, only the admin's values count until the worker answers.
import { mergeSettings } from '../../src/config';

export interface SetupState {
  configured: boolean;
  /** The values in force (clientId, tenant, cloud), valid or not. */
  values: { clientId: string; tenant: string; cloud: string };
  /** True when enterprise policy sets the client id (the admin cannot paste one). */
  clientIdManaged: boolean;
}

export function setupState(policyCache: unknown, local: unknown): SetupState {
  const merged = mergeSettings(policyCache ?? {}, local);
  return { configured: merged.settings !== undefined, values: merged.values, clientIdManaged: merged.managed.clientId };
}
