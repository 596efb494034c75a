// The review's model (content/review-model.ts) on two points the portal e2e found: the permission tier a submission
// needs when the user type is set to Guest, and the reason given when every address of a user is internal.
import { describe, expect, it } from 'vitest';
import { buildSubmission, evaluateRows, initialEdits, initialOptions, tierNeeded } from '../../content/review-model';
import { buildPreflight } from '../../src/preflight';
import type { GraphUser } from '../../src/users';

const TENANT = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
const id = (n: number) => `${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;

function graphUser(n: number, extra: Partial<GraphUser> = {}): GraphUser {
  return {
    id: id(n),
    displayName: `User ${n}`,
    userPrincipalName: `user${n}@contoso.com`,
    mail: `user${n}@fabrikam.example`,
    otherMails: [],
    userType: 'Member',
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesUserPrincipalName: null,
    accountEnabled: true,
    creationType: null,
    ...extra,
  };
}

const preflight = (users: GraphUser[]) =>
  buildPreflight({
    tenantId: TENANT,
    tenantName: 'Contoso',
    signedInUserId: id(99),
    verifiedDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
    requestedIds: users.map((u) => u.id),
    users: new Map(users.map((u) => [u.id, u])),
    roles: new Map(),
  });

describe('review model', () => {
  it('needs the write tier to set the user type to Guest, as the worker does', () => {
    const result = preflight([graphUser(1)]);
    const edits = initialEdits(result);
    const verdicts = evaluateRows(result, edits);
    const invite = buildSubmission(result, edits, verdicts, initialOptions(result));
    expect(tierNeeded(invite)).toBe('invite');
    const guest = buildSubmission(result, edits, verdicts, { ...initialOptions(result), setUserTypeGuest: true });
    expect(tierNeeded(guest)).toBe('write');
  });

  it('names the verified domain when every address of the user is internal', () => {
    const result = preflight([graphUser(1, { mail: 'user1@contoso.onmicrosoft.com', otherMails: ['u1@contoso.com'] }), graphUser(2, { mail: null })]);
    const verdicts = evaluateRows(result, initialEdits(result));
    const internal = verdicts.get(id(1))!;
    expect(internal.status).toBe('blocked');
    expect(internal.emailOnly).toBe(true);
    expect(internal.reasons.map((r) => r.code)).toEqual(['noValidEmail', 'emailInVerifiedDomain']);
    expect(internal.reasons[1]!.message).toMatch(/^user1@contoso\.onmicrosoft\.com, u1@contoso\.com are in a verified domain/);
    // No address at all: nothing about verified domains.
    expect(verdicts.get(id(2))!.reasons.map((r) => r.code)).toEqual(['noValidEmail']);
    // Typing an external address lifts both.
    const edits = initialEdits(result);
    edits.set(id(1), { ...edits.get(id(1))!, email: 'user1@fabrikam.example', include: true });
    expect(evaluateRows(result, edits).get(id(1))!.status).toBe('warning'); // not on the user object yet
  });
});
