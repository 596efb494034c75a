// The Graph requests the engine writes, built here (not by an SDK) so the body provably carries
// `invitedUser: { id }` — without it the service treats the call as inviting a new guest.
import { graphErrorFromResponse } from '../graph/http';
import { buildInvitationBody, type InvitationBody } from '../graph/writes';
import { internalMemberBody } from '../undo';
import type { JobItemInput, JobOptions, Reason } from './model';
import type { BatchRequest, BatchResponse, UserState } from './ports';

const JSON_HEADERS = { 'Content-Type': 'application/json' } as const;

/** The engine's invitation: the Graph layer's builder (which always sets invitedUser.id) fed the job's options. */
export function invitationBody(item: Pick<JobItemInput, 'userId' | 'email'>, options: JobOptions, extra: { resetRedemption?: boolean } = {}): InvitationBody {
  return buildInvitationBody(item, options, extra);
}

export function invitationRequest(id: string, item: JobItemInput, options: JobOptions): BatchRequest {
  return { id, method: 'POST', url: '/invitations', headers: { ...JSON_HEADERS }, body: invitationBody(item, options) };
}

/**
 * The address-adding step: `mail` set to the address (setMail), or the address appended to `otherMails` (replaced as a
 * whole by PATCH, so the current list, just read, is kept).
 */
export function addOtherMailRequest(id: string, item: JobItemInput, currentOtherMails: readonly string[]): BatchRequest {
  return {
    id,
    method: 'PATCH',
    url: `/users/${encodeURIComponent(item.userId)}`,
    headers: { ...JSON_HEADERS },
    body: item.setMail === true ? { mail: item.email } : { otherMails: [...currentOtherMails, item.email] },
  };
}

/** The address is where this item's address step puts it: in `mail` (setMail), else in mail or otherMails. */
export function emailInPlace(user: UserState, item: Pick<JobItemInput, 'email' | 'setMail'>): boolean {
  return item.setMail === true ? sameEmail(user.mail, item.email) : emailOnUser(user, item.email);
}

export function setGuestRequest(id: string, item: JobItemInput): BatchRequest {
  return { id, method: 'PATCH', url: `/users/${encodeURIComponent(item.userId)}`, headers: { ...JSON_HEADERS }, body: { userType: 'Guest' } };
}

/**
 * Undo: POST /users/{id}/convertExternalToInternalMemberUser (beta; the URL is relative to /beta/$batch), with the
 * new UPN and the temporary password for a cloud user, no body for a synced user.
 * https://learn.microsoft.com/graph/api/user-convertexternaltointernalmemberuser?view=graph-rest-beta
 */
export function internalMemberRequest(id: string, item: JobItemInput, secret: string | undefined): BatchRequest {
  const url = `/users/${encodeURIComponent(item.userId)}/convertExternalToInternalMemberUser`;
  const body = item.toInternal ? internalMemberBody(item.toInternal, secret) : undefined;
  return body === undefined ? { id, method: 'POST', url, headers: {}, body: undefined } : { id, method: 'POST', url, headers: { ...JSON_HEADERS }, body };
}

/**
 * Converted back to internal: the user no longer has an external state. *Guess*: Learn does not say what
 * externalUserState reads after the conversion; the users it converts are "externally authenticated", and an internal
 * user has none (the emulator clears it).
 */
export function isInternalAgain(user: UserState): boolean {
  return !isInvited(user);
}

export function sameEmail(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The email is already on the user object where the service looks for it. */
export function emailOnUser(user: UserState, email: string): boolean {
  return sameEmail(user.mail, email) || user.otherMails.some((m) => sameEmail(m, email));
}

/** An invitation took effect: the user has an external state (it is never cleared by anything we do). */
export function isInvited(user: UserState): boolean {
  return user.externalUserState === 'PendingAcceptance' || user.externalUserState === 'Accepted';
}

/** Graph's error as a Reason (the Graph layer's one reading of an error answer: code, message, request id). */
export function reasonFromResponse(response: BatchResponse): Reason {
  const { status, code, message, requestId } = graphErrorFromResponse(response.status, response.headers, response.body);
  return requestId ? { status, code, message, requestId } : { status, code, message };
}

/** What an inner response means for the write it answers. */
export type ResponseClass =
  /** The write took effect. */
  | 'applied'
  /** Throttled before execution: not applied, send again after Retry-After. */
  | 'throttled'
  /** Token refused before execution: not applied, renew and send again. */
  | 'unauthorized'
  /** Server-side trouble: the write may or may not have been applied — verify before re-sending. */
  | 'uncertain'
  /** A service rule stops this user for good (converted external→internal before). */
  | 'blocked'
  /** Refused: not applied; the reason is reported and the item can be retried by the admin. */
  | 'rejected';

export function classifyResponse(status: number): ResponseClass {
  if (status >= 200 && status < 300) return 'applied';
  if (status === 429) return 'throttled';
  if (status === 401) return 'unauthorized';
  if (status === 408 || status >= 500) return 'uncertain';
  if (status === 412) return 'blocked';
  return 'rejected';
}
