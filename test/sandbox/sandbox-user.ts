// One factory for the directory users the sandbox stores (demo tenant, Graph emulator fixtures, benchmark tenant):
// an enabled, cloud-only internal Member with every optional Graph property unset, plus whatever the caller names.
import type { SandboxUser } from './types';

export function sandboxUser(fields: Pick<SandboxUser, 'id' | 'displayName' | 'userPrincipalName'> & Partial<SandboxUser>): SandboxUser {
  const { id, displayName, userPrincipalName, ...rest } = fields;
  return {
    id,
    displayName,
    userPrincipalName,
    mail: null,
    otherMails: [],
    userType: 'Member',
    externalUserState: null,
    externalUserStateChangeDateTime: null,
    onPremisesUserPrincipalName: null,
    onPremisesSyncEnabled: null,
    accountEnabled: true,
    creationType: null,
    ...rest,
  };
}
