// The contract check: every request the product can send, built by the real request builders and sent by the real
// Graph layer, conforms to Microsoft Graph's own v1.0 description (the CSDL subset in test/contract, with its source
// and commit). The e2e suites apply the same check to the emulator's request log (sandbox.contractProblems()).
import { afterEach, describe, expect, it } from 'vitest';
import { GraphApi } from '../../src/graph/client';
import { buildBatchBody } from '../../src/graph/batch';
import { listUsersPath, mePath, roleAssignmentsOfRolesPath, usersByIdsPaths } from '../../src/graph/queries';
import { buildInvitationBody, buildUserTypeGuestPatch } from '../../src/graph/writes';
import { buildOtherMailsPatch, getUser, invite, organizationDomainsPath, roleAssignmentsForPrincipalPath, roleAssignmentsForRolePath, userPath } from '../support/graph-ops';
import type { Transport } from '../../src/graph/transport';
import { allFound, preflight, resolveIdentifiers, searchUsers, tenantFacts } from '../../src/directory-reads';
import { jobsGraphPort } from '../../src/jobs-graph-port';
import { addOtherMailRequest, invitationRequest, setGuestRequest } from '../../src/jobs/requests';
import { DEFAULT_SETTINGS } from '../../src/config';
import { CONTRACT_SOURCE, contractProblems, filterPropertyNames, logContractProblems } from '../contract/graph-contract';
import { ADA, ADMIN, BOB, EVE, TENANT_ID, lenientTenant, startHarness, type Harness } from '../sandbox/graph/harness';

const REDIRECT = `https://myapps.microsoft.com/?tenantid=${TENANT_ID}`;
const ok = (method: string, url: string, body?: unknown) => expect(contractProblems({ method, url, body })).toEqual([]);

describe('the contract data', () => {
  it('records where it comes from', () => {
    expect(CONTRACT_SOURCE.source).toMatch(/^https:\/\/github\.com\/microsoftgraph\/msgraph-metadata\/blob\/[0-9a-f]{40}\/schemas\/v1\.0-Prod\.csdl$/);
    expect(CONTRACT_SOURCE.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('finds what the metadata does not describe (so the checks below can fail)', () => {
    expect(contractProblems({ method: 'GET', url: '/users?$select=id,otherMail' })).toEqual(["$select names 'otherMail', not a property of microsoft.graph.user"]);
    expect(contractProblems({ method: 'GET', url: "/users?$filter=principalId eq 'x'" })).toHaveLength(1);
    expect(contractProblems({ method: 'GET', url: '/userz' })).toHaveLength(1);
    expect(contractProblems({ method: 'GET', url: '/roleManagement/directory/roleAssignment' })).toHaveLength(1);
    expect(contractProblems({ method: 'PATCH', url: '/users/abc', body: { otherMails: 'a@b.example' } })).toEqual([
      'body.otherMails must be an array (Collection(Edm.String))',
    ]);
    expect(contractProblems({ method: 'POST', url: '/invitations', body: { invitedUserEmailAdress: 'a@b.example', inviteRedirectUrl: REDIRECT } })).toEqual([
      'body.invitedUserEmailAdress is not a property of microsoft.graph.invitation',
    ]);
    expect(contractProblems({ method: 'POST', url: '/invitations', body: { inviteRedirectUrl: null } })).toEqual(['body.inviteRedirectUrl may not be null']);
    expect(
      contractProblems({ method: 'POST', url: '/invitations', body: { invitedUserMessageInfo: { ccRecipients: [{ emailAddress: { adress: 'x' } }] } } }),
    ).toEqual(['body.invitedUserMessageInfo.ccRecipients[0].emailAddress.adress is not a property of microsoft.graph.emailAddress']);
    expect(contractProblems({ method: 'POST', url: '/$batch', body: { requests: [{ id: '1', method: 'PATCH', url: '/users/a', body: { usertype: 'Guest' } }] } })).toEqual([
      '$batch item 1: body.usertype is not a property of microsoft.graph.user',
    ]);
  });

  it('reads the property names of a filter, not its literals', () => {
    expect(filterPropertyNames("startswith(displayName,'mail eq x') or id in ('a') and otherMails/any(m:m eq 'q')").sort()).toEqual(['displayName', 'id', 'otherMails']);
  });
});

describe('every request builder conforms', () => {
  const id = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
  it('reads: user, me, lists, id chunks, role assignments, organization', () => {
    ok('GET', userPath(id));
    ok('GET', userPath('o’brien@contoso.example'));
    ok('GET', mePath());
    ok('GET', listUsersPath({ search: "o'hara", pageSize: 25 }));
    ok('GET', listUsersPath({ filter: "userType eq 'Member'", pageSize: 999 }));
    for (const p of usersByIdsPaths(Array.from({ length: 40 }, (_, i) => `${id.slice(0, -2)}${String(i).padStart(2, '0')}`))) ok('GET', p);
    ok('GET', roleAssignmentsForPrincipalPath(id));
    ok('GET', roleAssignmentsForRolePath(id));
    ok('GET', roleAssignmentsOfRolesPath([id, ADA]));
    ok('GET', roleAssignmentsOfRolesPath([id], 'roleEligibilitySchedules'));
    ok('GET', organizationDomainsPath());
  });

  it('writes: the invitation (every option), the PATCH bodies, $batch', () => {
    const invitation = buildInvitationBody({ userId: id, email: 'ada@fabrikam.example' }, {
      inviteRedirectUrl: REDIRECT,
      sendInvitationMessage: true,
      messageLanguage: 'fr-FR',
      ccRecipient: 'mgr@contoso.example',
      customizedMessageBody: 'Welcome',
    }, { resetRedemption: true });
    ok('POST', '/invitations', invitation);
    ok('POST', '/invitations', buildInvitationBody({ userId: id, email: 'ada@fabrikam.example' }, { inviteRedirectUrl: REDIRECT, sendInvitationMessage: false }));
    ok('PATCH', `/users/${id}`, buildOtherMailsPatch(['a@b.example'], 'c@d.example'));
    ok('PATCH', `/users/${id}`, buildUserTypeGuestPatch());
    const item = { userId: id, userPrincipalName: 'ada@contoso.example', displayName: 'Ada', email: 'ada@fabrikam.example', addToOtherMails: true, setGuest: true };
    const options = { sendInvitationMessage: false, inviteRedirectUrl: REDIRECT, messageLanguage: 'en-US', ccRecipient: 'mgr@contoso.example', customizedMessageBody: 'Hi' };
    ok('POST', '/$batch', buildBatchBody([invitationRequest('1', item, options), addOtherMailRequest('2', item, ['x@y.example']), setGuestRequest('3', item)]));
    ok('POST', '/$batch', buildBatchBody(usersByIdsPaths([id, ADA]).map((url, i) => ({ id: String(i), method: 'GET' as const, url }))));
  });
});

describe('every request the product sends, as the Graph emulator received it', () => {
  let h: Harness;
  afterEach(() => h.close());

  function api(): GraphApi {
    const transport: Transport = {
      async send(req) {
        const u = new URL(req.url);
        const r = await h.call(req.method, u.pathname + u.search, { body: req.body, headers: req.headers });
        const headers: Record<string, string> = {};
        r.headers.forEach((v, k) => (headers[k] = v));
        return { status: r.status, headers, body: r.json };
      },
    };
    return new GraphApi({ transport, sleep: async () => undefined, now: () => h.now.ms, random: () => 0.5 });
  }

  it('reads, pre-flight, pickers, job writes and follow-ups all conform to the v1.0 metadata', async () => {
    h = await startHarness({ tenant: lenientTenant(40) });
    const graph = api();
    const ids = h.emulator.state().users.map((u) => u.id);
    await graph.me();
    await getUser(graph, ADA);
    await tenantFacts(graph);
    await preflight(graph, { ...DEFAULT_SETTINGS, tenant: TENANT_ID }, ADMIN, ids, { readEligible: true });
    await searchUsers(graph, 'ada');
    await resolveIdentifiers(graph, [ADA, 'bob.builder@contoso.example']);
    await allFound(graph, 'bulk');
    for await (const page of graph.listUsers({ advancedQuery: true, filter: "userType ne 'Guest'" })) expect(page.length).toBeGreaterThan(0);

    const port = jobsGraphPort(async () => graph);
    const options = { sendInvitationMessage: true, inviteRedirectUrl: REDIRECT, messageLanguage: 'en-US', ccRecipient: 'mgr@contoso.example', customizedMessageBody: 'Hi' };
    const bob = { userId: BOB, userPrincipalName: 'bob.builder@contoso.example', displayName: 'Bob', email: 'bob@other.example', addToOtherMails: true, setGuest: true };
    const state = await port.readUsersState([BOB, ADA]);
    const responses = await port.executeBatch([addOtherMailRequest('1', bob, state.get(BOB)?.otherMails ?? []), setGuestRequest('2', bob)]);
    expect(responses.map((r) => r.status).sort()).toEqual([204, 204]);
    const invited = await port.executeBatch([invitationRequest('3', bob, options)]);
    expect(invited[0]?.status).toBe(201);
    await invite(graph, buildInvitationBody({ userId: EVE, email: 'eve@ext.example' }, { inviteRedirectUrl: REDIRECT, sendInvitationMessage: false }, { resetRedemption: true }));

    const log = h.emulator.requestLog();
    expect(log.length).toBeGreaterThan(10);
    // Each kind of request the product makes was seen, so the check below covered it.
    const seen = new Set(log.flatMap((r) => [r, ...(r.inner ?? []).map((i) => ({ method: i.method, path: i.url }))]).map((r) => `${r.method} ${r.path.replace(/^\/v1\.0/, '').split('?')[0]?.replace(/\/users\/[^/]+$/, '/users/{id}')}`));
    expect([...seen].sort()).toEqual(
      [
        'GET /me',
        'GET /users/{id}',
        'GET /users',
        'GET /organization',
        'GET /roleManagement/directory/roleAssignments',
        'GET /roleManagement/directory/roleEligibilitySchedules',
        'PATCH /users/{id}',
        'POST /$batch',
        'POST /invitations',
      ].sort(),
    );
    expect(logContractProblems(log.flatMap((r) => [r, ...(r.inner ?? []).map((i) => ({ method: i.method, path: i.url, body: i.body }))]))).toEqual([]);
  });
});
