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
  /** The object id of the admin who signs in through the login emulator. */
  adminUserId: string;
  /** Delegated scopes the tenant has consented to for the extension's client id. */
  consentedScopes: string[];
  /** Client id of the extension's app registration. */
  clientId: string;
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
} as const;
