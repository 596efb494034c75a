// The settings in force on fake ports: policy over what the admin saved, the cached policy that answers at once
// while Chromium's slow first storage.managed read is under way, and which storage changes count as a change.
import { describe, expect, it, vi } from 'vitest';
import { SettingsService } from '../../background/settings';
import { localKeys } from '../../src/storage';
import { fakePorts } from '../support/worker-fakes';

const CLIENT = '11111111-2222-3333-4444-555555555555';
const POLICY_CLIENT = '99999999-2222-3333-4444-555555555555';

function setUp() {
  const ports = fakePorts();
  const settings = new SettingsService(ports.storage.local, ports.policy);
  return { ports, settings };
}

describe('SettingsService', () => {
  it('has no settings until an app registration is saved, and says what to fix', async () => {
    const { settings } = setUp();
    const merged = await settings.read();
    expect(merged.settings).toBeUndefined();
    expect(merged.errors.map((e) => e.field)).toEqual(['clientId']);
  });

  it('uses what the admin saved, with policy winning field by field', async () => {
    const { ports, settings } = setUp();
    await ports.storage.local.set({ [localKeys.settings]: { clientId: CLIENT, tenant: 'contoso.example', cloud: 'Global' } });
    expect((await settings.read()).settings).toEqual({ clientId: CLIENT, tenant: 'contoso.example', cloud: 'Global' });

    const withPolicy = setUp();
    withPolicy.ports.policyValues = { clientId: POLICY_CLIENT };
    await withPolicy.ports.storage.local.set({ [localKeys.settings]: { clientId: CLIENT, tenant: 'contoso.example', cloud: 'Global' } });
    const merged = await withPolicy.settings.read();
    expect(merged.settings).toEqual({ clientId: POLICY_CLIENT, tenant: 'contoso.example', cloud: 'Global' });
    expect(merged.managed).toEqual({ clientId: true, tenant: false, cloud: false });
  });

  it('treats a browser without a policy store as no policy', async () => {
    const { ports, settings } = setUp();
    ports.policyValues = 'unavailable';
    await ports.storage.local.set({ [localKeys.settings]: { clientId: CLIENT } });
    expect((await settings.read()).settings?.clientId).toBe(CLIENT);
  });

  it('answers from the cached policy at once, reads the policy store once, and reads it again after it changed', async () => {
    const { ports, settings } = setUp();
    ports.policyValues = { clientId: POLICY_CLIENT };
    expect((await settings.read()).settings?.clientId).toBe(POLICY_CLIENT);
    // The policy seen is kept: the next worker start answers from it before storage.managed replies.
    expect((await ports.storage.local.get([localKeys.policyCache]))[localKeys.policyCache]).toEqual({ clientId: POLICY_CLIENT });
    await settings.read();
    await settings.read();
    expect(ports.policyReads).toBe(1);

    const restarted = new SettingsService(ports.storage.local, { ...ports.policy, read: () => new Promise(() => undefined) });
    expect((await restarted.read()).settings?.clientId).toBe(POLICY_CLIENT);

    // The organisation withdraws the policy: storage.managed changes, and the next read asks it again.
    const changes: string[] = [];
    settings.onChanged(() => changes.push('changed'));
    ports.policyValues = {};
    ports.fire.storageChanged('managed', ['clientId']);
    expect(changes).toEqual(['changed']);
    await settings.read(); // still the cached policy while the fresh read lands
    expect(ports.policyReads).toBe(2);
    await vi.waitFor(async () => expect((await ports.storage.local.get([localKeys.policyCache]))[localKeys.policyCache]).toEqual({}));
    expect((await settings.read()).settings).toBeUndefined();
  });

  it('reports a change only for the policy, the saved settings and the cached policy', () => {
    const { ports, settings } = setUp();
    const changes: string[] = [];
    settings.onChanged(() => changes.push('changed'));
    ports.fire.storageChanged('local', [localKeys.account]);
    ports.fire.storageChanged('session', [localKeys.settings]);
    ports.fire.storageChanged('local', ['b2bc.jobs.index']);
    expect(changes).toEqual([]);
    ports.fire.storageChanged('local', [localKeys.settings]);
    ports.fire.storageChanged('local', [localKeys.policyCache, localKeys.account]);
    expect(changes).toEqual(['changed', 'changed']);
  });
});
