// storage.local.setAccessLevel exists from Chrome 140; the manifest declares 116. Calling a missing method would
// throw at the worker's top level and leave it without its message listener, so the call is feature-detected.
// Where it is missing, storage.local stays readable by the extension's own content scripts (never by the page);
// storage.session, where reviews and page reports live, is restricted to trusted contexts by default.

interface StorageNamespace {
  local: { setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void> };
}

export type AccessOutcome = 'restricted' | 'unsupported' | 'failed';

export async function restrictToTrustedContexts(storage: StorageNamespace): Promise<AccessOutcome> {
  if (typeof storage.local.setAccessLevel !== 'function') return 'unsupported';
  try {
    await storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return 'restricted';
  } catch {
    return 'failed';
  }
}
