import { describe, expect, it } from 'vitest';
import { isDomainName, mergeSettings, validateClientId, validateCloud, validateSettings, validateTenant } from '../../src/config';

const CLIENT = '11111111-2222-3333-4444-555555555555';

describe('settings validation', () => {
  it('requires a GUID client id with a specific message', () => {
    expect(validateClientId(CLIENT)).toBeUndefined();
    expect(validateClientId('')).toMatch(/Application \(client\) ID/);
    expect(validateClientId('my-app')).toMatch(/"my-app" is not an Application \(client\) ID/);
  });

  it('accepts a tenant GUID, a domain or "organizations"; refuses common/consumers with the reason', () => {
    expect(validateTenant(CLIENT)).toBeUndefined();
    expect(validateTenant('contoso.onmicrosoft.com')).toBeUndefined();
    expect(validateTenant('Organizations')).toBeUndefined();
    expect(validateTenant('common')).toMatch(/personal Microsoft accounts/);
    expect(validateTenant('consumers')).toMatch(/organizations/);
    expect(validateTenant('contoso')).toMatch(/is not a tenant/);
    expect(validateTenant('')).toMatch(/tenant ID/);
  });

  it('checks domain names', () => {
    expect(isDomainName('a.b.example')).toBe(true);
    expect(isDomainName('xn--bcher-kva.example')).toBe(true);
    expect(isDomainName('-bad.example')).toBe(false);
    expect(isDomainName('nodot')).toBe(false);
    expect(isDomainName('a..b')).toBe(false);
  });

  it('lists the allowed clouds when one is wrong', () => {
    expect(validateCloud('UsGovDoD')).toBeUndefined();
    expect(validateCloud('Azure')).toBe('"Azure" is not a supported cloud. Choose one of: Global, UsGov, UsGovDoD, China.');
  });

  it('validates a whole object, defaulting tenant and cloud, normalising case', () => {
    expect(validateSettings({ clientId: ` ${CLIENT.toUpperCase()} ` })).toEqual({
      ok: true,
      settings: { clientId: CLIENT, tenant: 'organizations', cloud: 'Global' },
    });
    const bad = validateSettings({ clientId: 'x', tenant: 'common', cloud: 'Mars' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['clientId', 'tenant', 'cloud']);
  });
});

describe('policy over local settings', () => {
  it('takes each field from policy when set and records it as managed', () => {
    const m = mergeSettings({ clientId: CLIENT, cloud: 'UsGov' }, { clientId: '99999999-2222-3333-4444-555555555555', tenant: 'contoso.com', cloud: 'Global' });
    expect(m.settings).toEqual({ clientId: CLIENT, tenant: 'contoso.com', cloud: 'UsGov' });
    expect(m.managed).toEqual({ clientId: true, tenant: false, cloud: true });
    expect(m.errors).toEqual([]);
  });

  it('ignores empty policy values and non-object inputs', () => {
    const m = mergeSettings({ tenant: '  ' }, { clientId: CLIENT });
    expect(m.managed.tenant).toBe(false);
    expect(m.settings?.tenant).toBe('organizations');
    expect(mergeSettings(undefined, null).errors.map((e) => e.field)).toEqual(['clientId']);
  });

  it('never falls back to the local value when a policy value is invalid', () => {
    const m = mergeSettings({ tenant: 'common' }, { clientId: CLIENT, tenant: 'contoso.com' });
    expect(m.settings).toBeUndefined();
    expect(m.values.tenant).toBe('common');
    expect(m.managed.tenant).toBe(true);
    expect(m.errors[0]?.message).toMatch(/set by your organization's policy/);
  });
});
