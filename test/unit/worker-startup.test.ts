// The worker starts on every browser the manifest declares (minimum_chrome_version 116): storage.local's
// setAccessLevel arrived only in Chrome 140, and a missing method must not stop the worker before its message
// listener is registered. The real worker module is loaded against a stand-in `chrome` whose storage.local has no
// setAccessLevel (as on Chrome 116–139); every other API answers with nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { restrictToTrustedContexts } from '../../background/storage-access';

/** A `chrome` stand-in: any API path exists and resolves to {}, except the ones listed; addListener is recorded. */
function standInChrome(missing: readonly string[]) {
  const listeners: string[] = [];
  const calls: string[] = [];
  const node = (path: string): unknown =>
    new Proxy(function () {}, {
      get(_t, prop) {
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        const next = path ? `${path}.${prop}` : prop;
        if (missing.includes(next)) return undefined;
        if (prop === 'addListener') return () => void listeners.push(path);
        if (prop === 'id') return 'ggklaglfgknobpkjjlbjjbdohkadcjbf';
        return node(next);
      },
      apply() {
        calls.push(path);
        return Promise.resolve({});
      },
    });
  return { chrome: node(''), listeners, calls };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('worker start-up', () => {
  it('registers its message listener on Chrome 116–139, where storage.local.setAccessLevel does not exist', async () => {
    const fake = standInChrome(['storage.local.setAccessLevel']);
    vi.stubGlobal('chrome', fake.chrome);
    await expect(import('../../background/service-worker')).resolves.toBeDefined();
    expect(fake.listeners).toContain('runtime.onMessage');
    expect(fake.listeners).toContain('tabs.onRemoved');
    expect(fake.calls).not.toContain('storage.local.setAccessLevel');
  });

  it('restricts storage.local to trusted contexts where the browser can (Chrome 140+)', async () => {
    const fake = standInChrome([]);
    vi.stubGlobal('chrome', fake.chrome);
    await import('../../background/service-worker');
    expect(fake.listeners).toContain('runtime.onMessage');
    expect(fake.calls).toContain('storage.local.setAccessLevel');
  });

  it('reports what it could do', async () => {
    expect(await restrictToTrustedContexts({ local: {} })).toBe('unsupported');
    const seen: unknown[] = [];
    expect(await restrictToTrustedContexts({ local: { setAccessLevel: async (o) => void seen.push(o) } })).toBe('restricted');
    expect(seen).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
    expect(await restrictToTrustedContexts({ local: { setAccessLevel: () => Promise.reject(new Error('no')) } })).toBe('failed');
  });
});
