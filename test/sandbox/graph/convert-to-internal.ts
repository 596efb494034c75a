// POST /beta/users/{id}/convertExternalToInternalMemberUser, with the rules Microsoft Learn documents:
// https://learn.microsoft.com/graph/api/user-convertexternaltointernalmemberuser?view=graph-rest-beta and
// https://learn.microsoft.com/entra/identity/users/convert-external-users-internal
// - delegated User-ConvertToInternal.ReadWrite.All (least) or User.ReadWrite.All; the caller holds at least User
//   Administrator (Global Administrator too);
// - cloud users: userPrincipalName required, in a verified domain; passwordProfile required; mail optional, not
//   empty, in a verified domain; synced users: neither userPrincipalName nor passwordProfile;
// - a user whose authentication is already internal is not eligible (400); 200 with conversionUserDetails; userType
//   becomes Member; the user is marked converted (a later invitation answers 412, see invitations.ts).
// *Guesses* (not documented): only a user who has redeemed (externalUserState Accepted) counts as externally
// authenticated; a role holder is refused with 400 ("A user cannot be converted if they have a role assigned" is a
// known issue on the Learn page); the password rule is Entra's usual complexity (8+ characters, 3 of 4 classes).
import { ROLE } from '../types';
import { requireRole, requireScope } from './auth';
import { domainOf } from './email';
import { badRequest, notFound } from './errors';
import type { Caller, GraphRequest, GraphResponse, Json, JsonObject } from './model';
import { GRAPH_ORIGIN } from './query';
import { graphTime, type DirectoryStore } from './store';

export const CONVERT_SCOPES = ['User-ConvertToInternal.ReadWrite.All', 'User.ReadWrite.All'];
const CONVERT_ROLES = [ROLE.globalAdministrator, ROLE.userAdministrator];

export const MSG_NOT_ELIGIBLE = 'The user authentication is already internal and is not eligible for conversion.';
export const MSG_UPN_DOMAIN = 'The provided UPN does not have a valid domain.';
export const MSG_UPN_EMPTY = 'The provided UPN cannot be empty.';
export const MSG_MAIL_EMPTY = 'The mail provided cannot be empty.';
export const MSG_PASSWORD = 'The provided password is not valid.';
export const MSG_SYNCED = 'For users synchronized from on-premises, userPrincipalName and passwordProfile must be empty';
export const MSG_HAS_ROLE = 'A user cannot be converted if they have a role assigned to them.';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ConversionRecord {
  userId: string;
  at: number;
  /** The request body exactly as received. */
  request: Json;
  by: string;
  viaBatch: boolean;
}

// Kept beside the store (not in it) so the store's shape stays the invitation emulator's own.
const LOGS = new WeakMap<DirectoryStore, ConversionRecord[]>();

/** Every conversion to internal the emulator applied, in order. */
export function conversionLog(store: DirectoryStore): ConversionRecord[] {
  let log = LOGS.get(store);
  if (!log) LOGS.set(store, (log = []));
  return log;
}

/** *Guess*: Entra's default complexity. */
export function passwordAcceptable(p: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return p.length >= 8 && p.length <= 256 && classes >= 3;
}

export function convertExternalToInternal(store: DirectoryStore, caller: Caller, req: GraphRequest, key: string, now: number): GraphResponse {
  requireScope(caller, CONVERT_SCOPES);
  requireRole(caller, store, CONVERT_ROLES);
  if (req.invalidJson) throw badRequest('Invalid JSON. The request body could not be parsed.');
  const user = store.findUser(key);
  if (!user) throw notFound(key);
  const body: JsonObject = isObject(req.body) ? req.body : {};
  const synced = Boolean(user.onPremisesUserPrincipalName) || user.onPremisesSyncEnabled === true;
  const upn = body.userPrincipalName;
  const profile = body.passwordProfile;
  const mail = body.mail;

  if (user.externalUserState !== 'Accepted') throw badRequest(MSG_NOT_ELIGIBLE);
  if (store.tenant.roleAssignments.some((a) => a.principalId.toLowerCase() === user.id.toLowerCase())) throw badRequest(MSG_HAS_ROLE);
  if (synced) {
    if ((upn !== undefined && upn !== null) || (profile !== undefined && profile !== null)) throw badRequest(MSG_SYNCED, 'badRequest');
  } else {
    if (typeof upn !== 'string' || upn.trim() === '') throw badRequest(MSG_UPN_EMPTY);
    if (!store.isVerifiedDomain(domainOf(upn))) throw badRequest(MSG_UPN_DOMAIN);
    const password = isObject(profile) ? profile.password : undefined;
    if (typeof password !== 'string' || !passwordAcceptable(password)) throw badRequest(MSG_PASSWORD);
    const other = store.users.find((u) => u !== user && u.userPrincipalName.toLowerCase() === upn.trim().toLowerCase());
    if (other) throw badRequest(`Another object with the same value for property userPrincipalName already exists.`, 'Request_BadRequest');
  }
  if (mail !== undefined && mail !== null) {
    if (typeof mail !== 'string' || mail.trim() === '') throw badRequest(MSG_MAIL_EMPTY);
    if (!store.isVerifiedDomain(domainOf(mail))) throw badRequest(MSG_UPN_DOMAIN);
  }

  if (!synced && typeof upn === 'string') user.userPrincipalName = upn.trim();
  if (typeof mail === 'string') user.mail = mail.trim();
  user.userType = 'Member';
  user.externalUserState = null;
  user.externalUserStateChangeDateTime = null;
  user.convertedExternalToInternal = true;
  const at = graphTime(now);
  conversionLog(store).push({ userId: user.id, at: now, request: structuredClone(req.body ?? null) as Json, by: caller.oid, viaBatch: req.inBatch });
  return {
    status: 200,
    headers: {},
    body: {
      '@odata.context': `${GRAPH_ORIGIN}/beta/$metadata#microsoft.graph.conversionUserDetails`,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      convertedToInternalUserDateTime: at,
      mail: user.mail,
    },
  };
}
