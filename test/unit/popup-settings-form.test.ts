import { describe, expect, it } from 'vitest';
import { loadForm, originsForCloud, planSave, shownValue } from '../../popup/lib/settings-form';

const GUID = '11111111-2222-3333-4444-555555555555';

describe('options form model', () => {
  it('defaults the tenant to organizations and the cloud to Global', () => {
    const m = loadForm({}, undefined);
    expect(m.local).toEqual({ clientId: '', tenant: 'organizations', cloud: 'Global' });
    expect(m.managed).toEqual({ clientId: false, tenant: false, cloud: false });
  });

  it('shows policy values for managed fields and keeps local ones for the rest', () => {
    const m = loadForm({ clientId: GUID }, { clientId: 'local-ignored', tenant: 'contoso.com' });
    expect(m.managed.clientId).toBe(true);
    expect(shownValue(m, 'clientId')).toBe(GUID);
    expect(shownValue(m, 'tenant')).toBe('contoso.com');
  });

  it('reports invalid policy values as policy errors', () => {
    const m = loadForm({ tenant: 'common' }, {});
    expect(m.policyErrors.map((e) => e.field)).toEqual(['tenant']);
    expect(m.policyErrors[0]?.message).toMatch(/policy/);
  });

  it('gives one message per invalid field and nothing to store', () => {
    const m = loadForm({}, { clientId: 'nope', tenant: 'consumers', cloud: 'Global' });
    const plan = planSave(m);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors.map((e) => e.field)).toEqual(['clientId', 'tenant']);
    expect(plan.errors[0]?.message).toMatch(/not an Application \(client\) ID/);
    expect(plan.errors[1]?.message).toMatch(/personal Microsoft accounts/);
  });

  it('normalises what it stores and does not validate managed fields', () => {
    const m = loadForm({ tenant: 'common' }, { clientId: `  ${GUID.toUpperCase()} `, cloud: 'Global' });
    const plan = planSave(m);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.toStore.clientId).toBe(GUID);
    // The managed field keeps its local value (the default), never the policy's.
    expect(plan.toStore.tenant).toBe('organizations');
    expect(plan.origins).toEqual([]);
  });

  it('asks for the login and Graph hosts of a national cloud', () => {
    expect(originsForCloud('Global')).toEqual([]);
    expect(originsForCloud('UsGov')).toEqual(['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*']);
    expect(originsForCloud('UsGovDoD')).toEqual(['https://login.microsoftonline.us/*', 'https://dod-graph.microsoft.us/*']);
    expect(originsForCloud('China')).toEqual(['https://login.chinacloudapi.cn/*', 'https://microsoftgraph.chinacloudapi.cn/*']);
  });

  it('uses the policy cloud for the host request when the cloud is managed', () => {
    const m = loadForm({ cloud: 'China' }, { clientId: GUID, cloud: 'Global' });
    const plan = planSave(m);
    expect(plan.ok && plan.effectiveCloud).toBe('China');
  });
});
