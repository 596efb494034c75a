// The user as the product reads it from Graph: exactly the $select fields, with Graph's property names,
// and a tolerant mapper so a missing property becomes null rather than undefined-versus-null ambiguity.

export interface GraphUser {
  id: string;
  displayName: string | null;
  userPrincipalName: string | null;
  mail: string | null;
  otherMails: string[];
  userType: string | null;
  externalUserState: string | null;
  externalUserStateChangeDateTime: string | null;
  onPremisesSyncEnabled: boolean | null;
  onPremisesUserPrincipalName: string | null;
  accountEnabled: boolean | null;
  creationType: string | null;
}

/** The `$select` list for every user read (Graph returns only a default subset otherwise). */
export const USER_SELECT_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'otherMails',
  'userType',
  'externalUserState',
  'externalUserStateChangeDateTime',
  'onPremisesSyncEnabled',
  'onPremisesUserPrincipalName',
  'accountEnabled',
  'creationType',
] as const satisfies readonly (keyof GraphUser)[];

function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

function bool(v: unknown): boolean | null {
  return typeof v === 'boolean' ? v : null;
}

/** Map one Graph user JSON object; undefined when it has no string id (not a user). */
export function toGraphUser(raw: unknown): GraphUser | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string' || r.id === '') return undefined;
  return {
    id: r.id,
    displayName: str(r.displayName),
    userPrincipalName: str(r.userPrincipalName),
    mail: str(r.mail),
    otherMails: Array.isArray(r.otherMails) ? r.otherMails.filter((m): m is string => typeof m === 'string') : [],
    userType: str(r.userType),
    externalUserState: str(r.externalUserState),
    externalUserStateChangeDateTime: str(r.externalUserStateChangeDateTime),
    onPremisesSyncEnabled: bool(r.onPremisesSyncEnabled),
    onPremisesUserPrincipalName: str(r.onPremisesUserPrincipalName),
    accountEnabled: bool(r.accountEnabled),
    creationType: str(r.creationType),
  };
}
