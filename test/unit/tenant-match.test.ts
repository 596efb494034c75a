import { describe, expect, it } from 'vitest';
import { tenantMismatch } from '../../src/tenant-match';

const me = { tenantId: '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c', tenantName: 'Contoso', verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.com'] };

describe('tenantMismatch', () => {
  it('is silent when the page reveals nothing or the same tenant (id or verified domain, any case)', () => {
    expect(tenantMismatch(undefined, me)).toBeUndefined();
    expect(tenantMismatch('3C9A1F7E-2B4D-4E8A-9C61-5D7E8F9A0B1C', me)).toBeUndefined();
    expect(tenantMismatch('Contoso.com', me)).toBeUndefined();
  });

  it('names both tenants when the page belongs to another one', () => {
    expect(tenantMismatch('11111111-2222-4333-8444-555555555555', me)).toMatch(/signed in to Contoso \(3c9a1f7e.*belongs to 11111111/);
    expect(tenantMismatch('fabrikam.onmicrosoft.com', me)).toMatch(/belongs to fabrikam\.onmicrosoft\.com/);
  });

  it('does not guess about a domain before the verified domains are known', () => {
    expect(tenantMismatch('fabrikam.com', { tenantId: me.tenantId })).toBeUndefined();
  });
});
