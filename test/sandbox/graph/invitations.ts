// POST /invitations: the B2B invitation manager. Converting an internal user means inviting with
// invitedUser.id; the service refuses users it cannot convert (see the reference's eligibility list).
import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxUser } from '../types';
import { ROLE } from '../types';
import { sandboxUser } from '../sandbox-user';
import { requireRole, requireScope } from './auth';
import { domainOf, invitationEmailProblem } from './email';
import { GraphError, badRequest, notFound, tooManyRequests } from './errors';
import type { Caller, GraphRequest, GraphResponse, Json, JsonObject } from './model';
import { GRAPH_ORIGIN } from './query';
import type { SlidingWindowLimiter } from './rate-limit';
import { invitationSponsors, setSponsors } from './sponsors';
import { graphTime, type DirectoryStore } from './store';
import { propertyNames } from '../../contract/graph-contract';

const INVITE_SCOPES = ['User.Invite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];
const WRITE_SCOPES = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
/**
 * Roles that may invite, delegated: Guest Inviter is least privileged, User Administrator and Directory Writers work
 * too (https://learn.microsoft.com/en-us/graph/api/invitation-post, "Permissions"); Global Administrator holds
 * every permission.
 */
export const INVITER_ROLES = [ROLE.globalAdministrator, ROLE.userAdministrator, ROLE.guestInviter, ROLE.directoryWriters];
/**
 * Reset redemption: User.ReadWrite.All and the Helpdesk Administrator or User Administrator role
 * (https://learn.microsoft.com/en-us/entra/external-id/reset-redemption-status); Global Administrator too.
 */
export const RESET_ROLES = [ROLE.globalAdministrator, ROLE.userAdministrator, ROLE.helpdeskAdministrator];
/** The request properties of microsoft.graph.invitation in the v1.0 CSDL; anything else is refused. */
const INVITATION_PROPS = new Set(propertyNames('microsoft.graph.invitation'));

export const MSG_EMAIL_NOT_ON_USER =
  "The email you're using to invite this user doesn't match any emails on the user object. Please add this email to the user object and try again.";
export const MSG_VERIFIED_DOMAIN =
  "User's email address cannot be in a verified domain. Please change the user's email to enable conversion to a B2B user.";
export const MSG_ON_PREMISES = 'User invitation failed. Invalid request input.';
export const MSG_ALREADY_EXTERNAL =
  'The user is already a B2B collaboration user. To invite them again, set resetRedemption to true.';

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

interface Parsed {
  email: string;
  redirectUrl: string;
  displayName: string | null;
  userType: 'Guest' | 'Member';
  send: boolean;
  reset: boolean;
  invitedUserId: string | undefined;
  messageInfo: JsonObject;
}

/** Validates the body's shape; throws Graph's 400 for the first problem. */
function parseBody(req: GraphRequest): Parsed {
  if (req.invalidJson) throw badRequest('Invalid JSON. The request body could not be parsed.');
  const b = req.body;
  if (!isObject(b)) throw badRequest('Empty Payload. JSON content expected.');
  // Graph's OData reader refuses a property its metadata does not define for the type.
  for (const k of Object.keys(b)) {
    if (!k.startsWith('@odata.') && !INVITATION_PROPS.has(k)) {
      throw badRequest(`The property '${k}' does not exist on type 'microsoft.graph.invitation'. Make sure to only use property names that are defined by the type.`);
    }
  }
  const email = b.invitedUserEmailAddress;
  if (typeof email !== 'string' || email.trim() === '') {
    throw badRequest("The property 'invitedUserEmailAddress' is required and cannot be empty.");
  }
  const redirect = b.inviteRedirectUrl;
  if (typeof redirect !== 'string' || redirect.trim() === '') {
    throw badRequest("The property 'inviteRedirectUrl' is required and cannot be empty.");
  }
  if (!/^https?:\/\/[^\s/]+/i.test(redirect)) throw badRequest('The inviteRedirectUrl is not a valid absolute URL.');
  const problem = invitationEmailProblem(email);
  if (problem) throw badRequest(`The email address '${email}' is not valid: ${problem}.`);

  const type = b.invitedUserType ?? 'Guest';
  if (type !== 'Guest' && type !== 'Member') throw badRequest("The property 'invitedUserType' must be 'Guest' or 'Member'.");
  if (b.sendInvitationMessage !== undefined && typeof b.sendInvitationMessage !== 'boolean') {
    throw badRequest("The property 'sendInvitationMessage' must be a boolean.");
  }
  if (b.resetRedemption !== undefined && typeof b.resetRedemption !== 'boolean') {
    throw badRequest("The property 'resetRedemption' must be a boolean.");
  }
  if (b.invitedUserDisplayName !== undefined && b.invitedUserDisplayName !== null && typeof b.invitedUserDisplayName !== 'string') {
    throw badRequest("The property 'invitedUserDisplayName' must be a string.");
  }

  const info = b.invitedUserMessageInfo;
  let cc: Json[] = [];
  if (info !== undefined && info !== null) {
    if (!isObject(info)) throw badRequest("The property 'invitedUserMessageInfo' must be an object.");
    if (info.ccRecipients !== undefined && info.ccRecipients !== null) {
      if (!Array.isArray(info.ccRecipients)) throw badRequest("The property 'ccRecipients' must be an array.");
      cc = info.ccRecipients;
    }
    // The service supports a single CC recipient.
    if (cc.length > 1) throw badRequest('Only one ccRecipient is supported.');
    for (const r of cc) {
      const addr = isObject(r) && isObject(r.emailAddress) ? r.emailAddress.address : undefined;
      if (typeof addr !== 'string' || invitationEmailProblem(addr)) throw badRequest('The ccRecipients email address is not valid.');
    }
    if (info.customizedMessageBody !== undefined && info.customizedMessageBody !== null && typeof info.customizedMessageBody !== 'string') {
      throw badRequest("The property 'customizedMessageBody' must be a string.");
    }
  }
  const messageInfo: JsonObject = {
    messageLanguage: isObject(info) && typeof info.messageLanguage === 'string' ? info.messageLanguage : null,
    ccRecipients: cc,
    customizedMessageBody: isObject(info) && typeof info.customizedMessageBody === 'string' ? info.customizedMessageBody : null,
  };

  let invitedUserId: string | undefined;
  if (b.invitedUser !== undefined && b.invitedUser !== null) {
    if (!isObject(b.invitedUser)) throw badRequest("The property 'invitedUser' must be an object.");
    const id = b.invitedUser.id;
    if (id !== undefined && id !== null && typeof id !== 'string') throw badRequest("The property 'invitedUser.id' must be a string.");
    invitedUserId = typeof id === 'string' && id !== '' ? id : undefined;
  }

  return {
    email: email.trim(),
    redirectUrl: redirect,
    displayName: typeof b.invitedUserDisplayName === 'string' ? b.invitedUserDisplayName : null,
    userType: type,
    send: b.sendInvitationMessage === true,
    reset: b.resetRedemption === true,
    invitedUserId,
    messageInfo,
  };
}

const sameAddress = (a: string | null | undefined, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/**
 * Converting: the guide asks for the external address in the user's `mail`
 * (https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users); a tenant option accepts otherMails too.
 * Reset redemption accepts mail or otherMails (https://learn.microsoft.com/en-us/entra/external-id/reset-redemption-status).
 */
function emailOnUser(store: DirectoryStore, u: SandboxUser, email: string, reset: boolean): boolean {
  if (sameAddress(u.mail, email)) return true;
  const otherMailsCount = reset || store.tenant.rules?.conversionAcceptsOtherMails === true;
  return otherMailsCount && u.otherMails.some((m) => sameAddress(m, email));
}

/** Refusals for converting an existing user, in the order the service reports them. */
function checkConvertible(store: DirectoryStore, u: SandboxUser, p: Parsed): void {
  if (u.convertedExternalToInternal) {
    throw new GraphError(
      412,
      'PreconditionFailed',
      'The user was converted from an external user to an internal user and cannot be invited again.',
    );
  }
  if (u.onPremisesUserPrincipalName) throw badRequest(MSG_ON_PREMISES);
  if (store.isVerifiedDomain(domainOf(p.email))) throw badRequest(MSG_VERIFIED_DOMAIN);
  if (!emailOnUser(store, u, p.email, p.reset)) throw badRequest(MSG_EMAIL_NOT_ON_USER);
  if (u.externalUserState && !p.reset) throw badRequest(MSG_ALREADY_EXTERNAL);
  if (p.reset && !u.externalUserState) {
    throw badRequest('Redemption can only be reset for a user who is already a B2B collaboration user.');
  }
}

/** Without invitedUser the service creates a new guest — unless the address already belongs to someone. */
function newGuest(store: DirectoryStore, p: Parsed): SandboxUser {
  const existing = store.users.find(
    (u) => sameAddress(u.mail, p.email) || sameAddress(u.userPrincipalName, p.email) || u.otherMails.some((m) => sameAddress(m, p.email)),
  );
  if (existing) {
    throw badRequest(
      `The invited user already exists in the directory as objectID: ${existing.id}. To convert or re-invite this user, pass invitedUser.id.`,
    );
  }
  if (store.isVerifiedDomain(domainOf(p.email))) throw badRequest(MSG_VERIFIED_DOMAIN);
  const guest = sandboxUser({
    id: randomUUID(),
    displayName: p.displayName ?? p.email.slice(0, p.email.lastIndexOf('@')),
    userPrincipalName: `${p.email.replace('@', '_')}#EXT#@${store.initialDomain()}`,
    mail: p.email,
    userType: p.userType,
    creationType: 'Invitation',
  });
  store.users.push(guest);
  return guest;
}

export function postInvitation(
  store: DirectoryStore,
  caller: Caller,
  req: GraphRequest,
  ctx: { now: number; limiter: SlidingWindowLimiter },
): GraphResponse {
  requireScope(caller, INVITE_SCOPES);
  requireRole(caller, store, INVITER_ROLES);
  // Throttling counts every authorised request, valid or not, like the service's per-tenant budget.
  const slot = ctx.limiter.take(ctx.now);
  if (!slot.ok) throw tooManyRequests(slot.retryAfterSec);

  const p = parseBody(req);
  if (p.reset) {
    requireScope(caller, WRITE_SCOPES);
    requireRole(caller, store, RESET_ROLES);
  }
  // A tenant that wants more than User.Invite.All to convert an existing user answers like any missing permission.
  if (p.invitedUserId !== undefined && store.tenant.rules?.conversionNeedsUserReadWriteAll === true) requireScope(caller, WRITE_SCOPES);
  const sponsors = invitationSponsors(store, req.body as JsonObject, caller.oid);
  let user: SandboxUser;
  if (p.invitedUserId !== undefined) {
    const found = store.findUser(p.invitedUserId);
    if (!found) throw notFound(p.invitedUserId);
    checkConvertible(store, found, p);
    user = found;
  } else {
    if (p.reset) throw badRequest('invitedUser.id is required when resetRedemption is true.');
    user = newGuest(store, p);
  }

  setSponsors(store, user.id, sponsors);
  // userType is deliberately untouched: invitedUserType only describes the invitation.
  user.externalUserState = 'PendingAcceptance';
  user.externalUserStateChangeDateTime = graphTime(ctx.now);

  const id = randomUUID();
  const ticket = randomBytes(12).toString('hex');
  const redeem = `https://invitations.microsoft.com/redeem/?tenant=${store.tenant.tenantId}&user=${id}&ticket=${ticket}&ver=2.0`;
  // Shaped like the 201 example of https://learn.microsoft.com/en-us/graph/api/invitation-post: the invitation's
  // own properties in that order, and the invited user as an object carrying its id.
  const response: JsonObject = {
    '@odata.context': `${GRAPH_ORIGIN}/v1.0/$metadata#invitations/$entity`,
    id,
    inviteRedeemUrl: `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(redeem)}`,
    invitedUserDisplayName: p.displayName ?? user.displayName,
    invitedUserType: p.userType,
    invitedUserEmailAddress: p.email,
    sendInvitationMessage: p.send,
    resetRedemption: p.reset,
    inviteRedirectUrl: p.redirectUrl,
    status: 'PendingAcceptance',
    invitedUserMessageInfo: p.messageInfo,
    invitedUser: { id: user.id },
  };
  store.recordInvitation({
    id,
    userId: user.id,
    at: ctx.now,
    request: structuredClone(req.body as Json),
    response: structuredClone(response),
    status: 'PendingAcceptance',
    invitedBy: caller.oid,
    viaBatch: req.inBatch,
    messageSent: p.send,
  });
  return { status: 201, headers: { Location: `${GRAPH_ORIGIN}/v1.0/invitations/${id}` }, body: response };
}
