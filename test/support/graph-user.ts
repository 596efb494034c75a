// One factory for the Graph user the product reads (src/users.ts): an enabled, cloud-only internal Member with no
// names or addresses, so each test states the values its assertions depend on at the call site; and the pre-flight's
// view of such a user, as the reviews receive it.
import type { PreflightUser } from '../../src/messages';
import type { GraphUser } from '../../src/users';

export function graphUser(id: string, overrides: Partial<GraphUser> = {}): GraphUser {
  return {
    id,
    displayName: null,
    userPrincipalName: null,
    mail: null,
    otherMails: [],
    userType: 'Member',
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    onPremisesSyncEnabled: null,
    onPremisesUserPrincipalName: null,
    accountEnabled: true,
    creationType: null,
    ...overrides,
  };
}

/** That user as the pre-flight sends it to a review: its summary fields, eligible with no reasons or roles, and the
 *  Graph user itself (so the review re-runs the rules). `overrides` set the verdict, roles or shown fields. */
export function preflightUser(graph: GraphUser, proposedEmail: string, overrides: Partial<PreflightUser> = {}): PreflightUser {
  return {
    id: graph.id,
    displayName: graph.displayName ?? '',
    userPrincipalName: graph.userPrincipalName ?? '',
    mail: graph.mail,
    otherMails: graph.otherMails,
    accountEnabled: graph.accountEnabled ?? true,
    proposedEmail,
    eligibility: 'eligible',
    reasons: [],
    graph,
    roles: [],
    ...overrides,
  };
}
