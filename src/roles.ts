// Directory roles the rules and the setup check name: role template ids (the same in every tenant and cloud) and
// their names as Microsoft Entra shows them in the admin's language (role_* in the catalogue, from Learn's "Microsoft
// Entra built-in roles" page in each language).
import { t, type MessageKey } from './i18n';
import { joinWords } from './word-list';

/** Built-in directory roles whose holders are refused by default: role template id → its name's catalogue key. */
export const PRIVILEGED_ROLES: Readonly<Record<string, MessageKey>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'role_globalAdministrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'role_privilegedRoleAdministrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'role_userAdministrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'role_securityAdministrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'role_helpdeskAdministrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'role_exchangeAdministrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'role_sharePointAdministrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'role_applicationAdministrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'role_cloudApplicationAdministrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'role_authenticationAdministrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'role_privilegedAuthenticationAdministrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'role_conditionalAccessAdministrator',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'role_intuneAdministrator',
  'b0f54661-2d74-4c50-afa3-1ec803f12efe': 'role_billingAdministrator',
};

export const PRIVILEGED_ROLE_TEMPLATE_IDS: readonly string[] = Object.keys(PRIVILEGED_ROLES);

export function isPrivilegedRole(roleTemplateId: string): boolean {
  return Object.hasOwn(PRIVILEGED_ROLES, roleTemplateId.toLowerCase());
}

/** Privileged role template ids among the given ones (lower-cased, de-duplicated, in table order). */
export function privilegedRolesOf(roleTemplateIds: Iterable<string>): string[] {
  const held = new Set([...roleTemplateIds].map((r) => r.toLowerCase()));
  return PRIVILEGED_ROLE_TEMPLATE_IDS.filter((r) => held.has(r));
}

/**
 * Roles that do not make their holder an administrator for "who can update sensitive attributes"
 * (https://learn.microsoft.com/en-us/graph/api/user-update): Directory Readers, Guest Inviter, Message Center Reader,
 * Reports Reader. Any other role means only a Global Administrator or Privileged Authentication Administrator may
 * change the user's mail and otherMails.
 */
export const NON_ADMIN_ROLES: readonly string[] = [
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  '95e79109-95c0-4d8e-aee3-d01accf2d47b',
  '790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b',
  '4a5d8f65-41da-4de4-8968-e035b65339cf',
];

export const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';
export const DIRECTORY_WRITERS = '9360feb5-f418-4baa-8175-e2a00bac4301';
export const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
export const DIRECTORY_READERS = '88d8e3e3-8f55-4a1e-953a-9b9898b8876b';

const ROLE_KEYS: Readonly<Record<string, MessageKey>> = {
  ...PRIVILEGED_ROLES,
  [GUEST_INVITER]: 'role_guestInviter',
  [DIRECTORY_WRITERS]: 'role_directoryWriters',
  [GLOBAL_READER]: 'role_globalReader',
  [DIRECTORY_READERS]: 'role_directoryReaders',
};

/** A role's name in the admin's language; a role this table does not know is shown by its id. */
export function roleName(roleTemplateId: string): string {
  const key = ROLE_KEYS[roleTemplateId.toLowerCase()];
  return key === undefined ? roleTemplateId : t(key);
}

/** "A, B or C" ("A, B und C"…) of role names, in the admin's language. */
export function roleList(roleTemplateIds: readonly string[], type: 'and' | 'or' = 'or'): string {
  return joinWords(roleTemplateIds.map(roleName), type);
}
