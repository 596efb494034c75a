import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLE } from '../types';
import { ADA, ADMIN, errorOf, obj, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());
const q = (s: string) => encodeURIComponent(s);

describe('tenant reads', () => {
  it('GET /organization?$select=verifiedDomains lists every verified domain', async () => {
    const r = await h.call('GET', '/v1.0/organization?$select=verifiedDomains', { token: h.token({ scp: 'User.Read' }) });
    expect(r.status).toBe(200);
    const org = obj((obj(r.json).value as unknown[])[0]);
    expect(Object.keys(org)).toEqual(['verifiedDomains']);
    const names = (org.verifiedDomains as { name: string; isInitial: boolean }[]).map((d) => [d.name, d.isInitial]);
    expect(names).toEqual([
      ['contoso.onmicrosoft.com', true],
      ['contoso.example', false],
    ]);
  });

  it('GET /domains needs a domain permission', async () => {
    expect((await h.call('GET', '/v1.0/domains')).status).toBe(403);
    const r = await h.call('GET', '/v1.0/domains', { token: h.token({ scp: 'Domain.Read.All' }) });
    expect((obj(r.json).value as { id: string; isVerified: boolean }[]).map((d) => d.id)).toEqual([
      'contoso.onmicrosoft.com',
      'contoso.example',
    ]);
  });
});

describe('role assignments', () => {
  const base = '/v1.0/roleManagement/directory/roleAssignments';
  it("filters by principalId eq and roleDefinitionId eq", async () => {
    const r = await h.call('GET', `${base}?$filter=${q(`principalId eq '${ADA}'`)}`);
    expect(obj(r.json).value).toEqual([{ id: 'ra-4', principalId: ADA, roleDefinitionId: ROLE.helpdeskAdministrator, directoryScopeId: '/' }]);
    const g = await h.call('GET', `${base}?$filter=${q(`roleDefinitionId eq '${ROLE.globalAdministrator}'`)}`);
    expect((obj(g.json).value as { principalId: string }[]).map((x) => x.principalId)).toEqual([ADMIN]);
  });

  it("refuses principalId in (...) and or-combinations", async () => {
    const r = await h.call('GET', `${base}?$filter=${q(`principalId in ('${ADA}','${ADMIN}')`)}`);
    expect(r.status).toBe(400);
    expect(errorOf(r.json).code).toBe('BadRequest');
  });

  it('lists unfiltered with paging', async () => {
    const first = await h.call('GET', `${base}?$top=3`);
    expect(obj(first.json).value).toHaveLength(3);
    const next = new URL(String(obj(first.json)['@odata.nextLink']));
    const second = await h.call('GET', next.pathname + next.search);
    expect(obj(second.json).value).toHaveLength(1);
    expect(obj(second.json)).not.toHaveProperty('@odata.nextLink');
  });
});
