// Shared shapes of the sandbox: one HTTPS server routes each request by Host header to a HostApp.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HostApp {
  /** `body` is the fully read request body (empty for GET). */
  handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> | void;
}

/** A directory user as the Graph emulator stores it (Graph property names). */
export interface SandboxUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  otherMails: string[];
  userType: 'Member' | 'Guest';
  externalUserState: 'PendingAcceptance' | 'Accepted' | null;
  externalUserStateChangeDateTime: string | null;
  onPremisesUserPrincipalName: string | null;
  onPremisesSyncEnabled: boolean | null;
  accountEnabled: boolean;
  creationType: string | null;
  jobTitle?: string | null;
  department?: string | null;
  /** Emulator-only: was converted external → internal before (re-invite answers 412). */
  convertedExternalToInternal?: boolean;
}

/** Directory role assignment (unifiedRoleAssignment shape, reduced). */
export interface SandboxRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

export interface SandboxTenant {
  tenantId: string;
  displayName: string;
  /** Verified domain names; the first is the initial *.onmicrosoft.com domain. */
  verifiedDomains: string[];
  users: SandboxUser[];
  roleAssignments: SandboxRoleAssignment[];
  /** PIM eligible role assignments (unifiedRoleEligibilitySchedule, reduced); absent = none. */
  roleEligibilities?: SandboxRoleAssignment[];
  /** The object id of the admin who signs in through the login emulator. */
  adminUserId: string;
  /** Delegated scopes the tenant has consented to for the extension's client id. */
  consentedScopes: string[];
  /** Client id of the extension's app registration. */
  clientId: string;
  /** How this tenant reads rules the docs leave open. Absent: Microsoft's documented rules. */
  rules?: SandboxTenantRules;
}

/**
 * Lenient or unsettled behaviours a real tenant may show, each off by default (the default is what Learn documents).
 * Tests switch one on where what they test is the product coping with that tenant.
 */
export interface SandboxTenantRules {
  /**
   * Convert a user whose invited address is only in `otherMails`. Learn's guide for inviting internal users asks for
   * the address in `mail` (https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users); accepting
   * otherMails is the lenient reading.
   */
  conversionAcceptsOtherMails?: boolean;
  /**
   * Converting an EXISTING user (invitedUser.id) needs User.ReadWrite.All, not User.Invite.All alone. The docs do not
   * settle it (https://learn.microsoft.com/en-us/graph/api/invitation-post lists User.Invite.All as least privileged).
   */
  conversionNeedsUserReadWriteAll?: boolean;
}

/** Well-known directory role template ids (Microsoft's built-in roles). */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  guestInviter: '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  directoryReaders: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  directoryWriters: '9360feb5-f418-4baa-8175-e2a00bac4301',
  messageCenterReader: '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
} as const;
