import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROLE } from '../types';
import { ADA, ADMIN, INVITER, USER_ADMIN, errorOf, fixtureTenant, obj, startHarness, type Harness } from './harness';

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
    expect(obj(r.json).value).toEqual([expect.objectContaining({ id: 'ra-4', principalId: ADA, roleDefinitionId: ROLE.helpdeskAdministrator, directoryScopeId: '/' })]);
    const g = await h.call('GET', `${base}?$filter=${q(`roleDefinitionId eq '${ROLE.globalAdministrator}'`)}`);
    expect((obj(g.json).value as { principalId: string }[]).map((x) => x.principalId)).toEqual([ADMIN]);
  });

  // https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments: eq, and `in` on principalId
  // and roleDefinitionId; other properties, operators and `or` are refused, not evaluated.
  it('filters with in on principalId and roleDefinitionId; refuses or, in elsewhere and unknown $select', async () => {
    const r = await h.call('GET', `${base}?$filter=${q(`principalId in ('${ADA}','${ADMIN}') and roleDefinitionId in ('${ROLE.globalAdministrator}')`)}&$select=principalId,roleDefinitionId`);
    expect(r.status).toBe(200);
    expect(obj(r.json).value).toEqual([{ principalId: ADMIN, roleDefinitionId: ROLE.globalAdministrator }]);
    const or = await h.call('GET', `${base}?$filter=${q(`principalId eq '${ADA}' or principalId eq '${ADMIN}'`)}`);
    expect(or.status).toBe(400);
    expect((await h.call('GET', `${base}?$filter=${q(`directoryScopeId in ('/')`)}`)).status).toBe(400);
    const sel = await h.call('GET', `${base}?$select=principalId,roleName`);
    expect(sel.status).toBe(400);
    expect(errorOf(sel.json).message).toBe("Could not find a property named 'roleName' on type 'microsoft.graph.unifiedRoleAssignment'.");
  });

  it('the whole filter clause shares the 15-value cap', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `'cccccccc-0000-4000-8000-00000000${String(i).padStart(4, '0')}'`);
    const ok = await h.call('GET', `${base}?$filter=${q(`principalId in (${ids.join(',')}) and roleDefinitionId in ('${ROLE.guestInviter}')`)}`);
    expect(ok.status).toBe(200);
    const over = await h.call('GET', `${base}?$filter=${q(`principalId in (${ids.join(',')}) and roleDefinitionId in (${ids.slice(0, 6).join(',')})`)}`);
    expect(over.status).toBe(400);
  });

  it('delegated reads need a role that may read role assignments: a Guest Inviter or User Administrator alone is refused', async () => {
    for (const oid of [INVITER, USER_ADMIN]) {
      const r = await h.call('GET', base, { token: h.token({ oid }) });
      expect(r.status).toBe(403);
      expect(errorOf(r.json).code).toBe('Authorization_RequestDenied');
    }
    expect((await h.call('GET', base, { token: h.token({ oid: ADMIN }) })).status).toBe(200);
  });

  it('PIM eligible assignments need the RoleEligibilitySchedule scope', async () => {
    h.emulator.seed({ ...fixtureTenant(), roleEligibilities: [{ id: 'el-1', principalId: ADA, roleDefinitionId: ROLE.globalAdministrator, directoryScopeId: '/' }] });
    const path = `/v1.0/roleManagement/directory/roleEligibilitySchedules?$filter=${q(`principalId in ('${ADA}')`)}&$select=principalId,roleDefinitionId`;
    expect((await h.call('GET', path)).status).toBe(403);
    const r = await h.call('GET', path, { token: h.token({ scp: 'User.Read.All RoleManagement.Read.Directory RoleEligibilitySchedule.Read.Directory' }) });
    expect(obj(r.json).value).toEqual([{ principalId: ADA, roleDefinitionId: ROLE.globalAdministrator }]);
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
