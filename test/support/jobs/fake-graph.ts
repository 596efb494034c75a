// A minimal in-process Graph for engine tests and simulations: enough of the invitation rules to catch a
// wrong body, counts every applied write per user, and injects faults (throttling, 5xx, dropped answers
// after the write applied, network cuts, expired tokens, offline). Not an emulator of the whole service.
import { SignInNeededError, type AuthPort, type BatchRequest, type BatchResponse, type Clock, type GraphPort, type GraphVersion, type NetworkPort, type UserState } from '../../../src/jobs/ports';
import type { Reason } from '../../../src/jobs/model';
import { retryAfterOf } from '../../../src/graph/http';

export interface FakeUser {
  id: string;
  mail: string | null;
  otherMails: string[];
  userType: 'Member' | 'Guest';
  externalUserState: 'PendingAcceptance' | 'Accepted' | null;
  /** Converted external → internal before: the service answers 412 to a new invitation. */
  convertedExternalToInternal?: boolean;
  userPrincipalName?: string;
  /** Synced from on-premises: converting back takes neither UPN nor password. */
  synced?: boolean;
}

export type WriteKind = 'invite' | 'addEmail' | 'setType' | 'toInternal';

export interface SentWrite {
  at: number;
  kind: WriteKind;
  userId: string;
}

/** What happens to one request of a batch instead of the normal processing. */
export type Fault =
  /** Answer this without applying. */
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Apply the write, then answer this status (e.g. a 504 after the write went through). */
  | { kind: 'applyThenRespond'; status: number; headers?: Record<string, string> }
  /** Apply the write; its response is missing from the batch answer. */
  | { kind: 'applyThenDrop' }
  /** Do not apply; the response is missing. */
  | { kind: 'drop' }
  /** Apply the write, then the whole executeBatch call rejects (connection lost on the way back). */
  | { kind: 'applyThenCut' }
  /** The whole executeBatch call rejects before anything is applied. */
  | { kind: 'cut' };

export interface FaultContext {
  kind: WriteKind;
  userId: string;
  /** How many times this kind of write reached the fake for this user, this one included. */
  nth: number;
  /** Batch calls so far, this one included. */
  batchNo: number;
}

export interface FakeGraphOptions {
  /** Latency of every call, in clock time. */
  latencyMs?: number;
  /** Enforce the tenant invitation limit (answers 429 + Retry-After beyond it). */
  inviteLimit?: { limit: number; windowMs: number };
}

function error(status: number, code: string, message: string): BatchResponse['body'] {
  return { error: { code, message, innerError: { 'request-id': `req-${status}-${code}` } } };
}

export class FakeGraph implements GraphPort, AuthPort, NetworkPort {
  readonly users = new Map<string, FakeUser>();
  readonly applied = new Map<string, Record<WriteKind, number>>();
  readonly writes: SentWrite[] = [];
  /** Batches as sent (request count), for asserting batch sizes. */
  readonly batchSizes: number[] = [];
  /** The Graph version each batch was sent to. */
  readonly batchVersions: GraphVersion[] = [];
  /** Bodies of the convertExternalToInternalMemberUser requests that were applied, in order. */
  readonly toInternalBodies: Array<{ userId: string; body: unknown }> = [];
  readonly reads: string[][] = [];
  throttled = 0;
  batchCalls = 0;
  fault: ((request: BatchRequest, context: FaultContext) => Fault | undefined) | undefined;
  readFault: ((ids: readonly string[]) => boolean) | undefined;
  /** Token state: when false every write answers 401. renewToken() sets it to `renewWorks`. */
  tokenValid = true;
  renewWorks = true;
  renewals = 0;
  /**
   * The sign-in session is gone: no token can be had, so every call (and renewToken) fails with
   * SignInNeededError carrying this reason before anything reaches the directory. Undefined = signed in.
   */
  signInNeeded: Reason | undefined;
  /** Calls refused for want of a token. */
  refusedForSignIn = 0;
  private online = true;
  private readonly onlineListeners = new Set<(online: boolean) => void>();
  private readonly seen = new Map<string, number>();
  private inviteTimes: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly options: FakeGraphOptions = {},
  ) {}

  addUsers(users: readonly FakeUser[]): void {
    for (const user of users) this.users.set(user.id, { ...user, otherMails: [...user.otherMails] });
  }

  count(userId: string, kind: WriteKind): number {
    return this.applied.get(userId)?.[kind] ?? 0;
  }

  // ---- NetworkPort -----------------------------------------------------------------------------------

  isOnline(): boolean {
    return this.online;
  }

  onOnlineChange(listener: (online: boolean) => void): () => void {
    this.onlineListeners.add(listener);
    return () => this.onlineListeners.delete(listener);
  }

  setOnline(online: boolean): void {
    this.online = online;
    for (const listener of this.onlineListeners) listener(online);
  }

  // ---- AuthPort --------------------------------------------------------------------------------------

  private needToken(): void {
    if (!this.signInNeeded) return;
    this.refusedForSignIn += 1;
    throw new SignInNeededError(this.signInNeeded);
  }

  async renewToken(): Promise<boolean> {
    this.renewals += 1;
    await this.clock.sleep(this.options.latencyMs ?? 0);
    this.needToken();
    this.tokenValid = this.renewWorks;
    return this.renewWorks;
  }

  // ---- GraphPort -------------------------------------------------------------------------------------

  async readUsersState(userIds: readonly string[]): Promise<ReadonlyMap<string, UserState | null>> {
    await this.clock.sleep(this.options.latencyMs ?? 0);
    if (!this.online) throw new TypeError('Failed to fetch');
    this.needToken();
    if (this.readFault?.(userIds)) throw new TypeError('Failed to fetch');
    this.reads.push([...userIds]);
    const out = new Map<string, UserState | null>();
    for (const id of userIds) {
      const user = this.users.get(id);
      out.set(id, user ? { externalUserState: user.externalUserState, otherMails: [...user.otherMails], userType: user.userType, mail: user.mail } : null);
    }
    return out;
  }

  async executeBatch(requests: readonly BatchRequest[], version: GraphVersion = 'v1.0'): Promise<readonly BatchResponse[]> {
    this.needToken();
    this.batchCalls += 1;
    this.batchVersions.push(version);
    // URLs are relative to the batch's version: the beta action exists only under /beta.
    if (requests.some((r) => (this.kindOf(r) === 'toInternal') !== (version === 'beta'))) throw new Error('fake graph: a request sent to the wrong Graph version');
    const batchNo = this.batchCalls;
    if (requests.length > 20) throw new Error(`fake graph: batch of ${requests.length} > 20`);
    if (new Set(requests.map((r) => r.id)).size !== requests.length) throw new Error('fake graph: duplicate request ids in a batch');
    this.batchSizes.push(requests.length);
    const sentAt = this.clock.now();
    await this.clock.sleep(this.options.latencyMs ?? 0);
    if (!this.online) throw new TypeError('Failed to fetch');
    const responses: BatchResponse[] = [];
    let cut = false;
    for (const request of requests) {
      const kind = this.kindOf(request);
      const userId = kind === 'invite' ? this.invitedId(request) : decodeURIComponent(request.url.split('/')[2] ?? '');
      const key = `${kind}:${userId}`;
      const nth = (this.seen.get(key) ?? 0) + 1;
      this.seen.set(key, nth);
      const fault = this.fault?.(request, { kind, userId, nth, batchNo });
      if (fault?.kind === 'cut') throw new TypeError('Failed to fetch');
      if (fault?.kind === 'respond') {
        responses.push({ id: request.id, status: fault.status, headers: fault.headers ?? {}, body: fault.body ?? error(fault.status, `Http${fault.status}`, 'injected'), ...this.retryAfter(fault.headers) });
        continue;
      }
      if (fault?.kind === 'drop') continue;
      const response = this.apply(request, kind, userId, sentAt);
      if (fault?.kind === 'applyThenDrop') continue;
      if (fault?.kind === 'applyThenCut') {
        cut = true;
        continue;
      }
      if (fault?.kind === 'applyThenRespond') {
        responses.push({ id: request.id, status: fault.status, headers: fault.headers ?? {}, body: error(fault.status, `Http${fault.status}`, 'injected after apply'), ...this.retryAfter(fault.headers) });
        continue;
      }
      responses.push(response);
    }
    if (cut) throw new TypeError('network connection lost');
    // Inner responses come back in any order.
    return responses.reverse();
  }

  /** Retry-After read once, as the real port does (src/jobs-graph-port.ts): the engine sees only the number. */
  private retryAfter(headers: Record<string, string> | undefined): { retryAfterMs?: number } {
    const ms = retryAfterOf(headers, this.clock.now());
    return ms === undefined ? {} : { retryAfterMs: ms };
  }

  private kindOf(request: BatchRequest): WriteKind {
    if (request.method === 'POST' && request.url === '/invitations') return 'invite';
    if (request.method === 'POST' && /^\/users\/[^/]+\/convertExternalToInternalMemberUser$/.test(request.url)) return 'toInternal';
    if (request.method === 'PATCH' && request.url.startsWith('/users/')) {
      const body = request.body as Record<string, unknown>;
      if ('otherMails' in body) return 'addEmail';
      if ('userType' in body) return 'setType';
    }
    throw new Error(`fake graph: unexpected request ${request.method} ${request.url}`);
  }

  private invitedId(request: BatchRequest): string {
    const body = request.body as { invitedUser?: { id?: unknown } };
    return typeof body.invitedUser?.id === 'string' ? body.invitedUser.id : '';
  }

  private record(userId: string, kind: WriteKind, at: number): void {
    const counts = this.applied.get(userId) ?? { invite: 0, addEmail: 0, setType: 0, toInternal: 0 };
    counts[kind] += 1;
    this.applied.set(userId, counts);
    this.writes.push({ at, kind, userId });
  }

  private apply(request: BatchRequest, kind: WriteKind, userId: string, sentAt: number): BatchResponse {
    const respond = (status: number, body?: unknown, headers: Record<string, string> = {}): BatchResponse => ({ id: request.id, status, headers, body });
    if (!this.tokenValid) return respond(401, error(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.'));
    if (kind === 'invite') {
      const limit = this.options.inviteLimit;
      if (limit) {
        this.inviteTimes = this.inviteTimes.filter((t) => t > sentAt - limit.windowMs);
        if (this.inviteTimes.length >= limit.limit) {
          this.throttled += 1;
          const retryAfter = Math.max(0.001, ((this.inviteTimes[0] ?? sentAt) + limit.windowMs - sentAt) / 1000);
          return respond(429, error(429, 'TooManyRequests', 'Please retry again later.'), { 'Retry-After': String(retryAfter) });
        }
        this.inviteTimes.push(sentAt);
      }
      const body = request.body as { invitedUserEmailAddress?: unknown; invitedUser?: { id?: unknown } };
      if (!userId) return respond(400, error(400, 'BadRequest', 'The invited user already exists in the directory as objectID (invitedUser missing).'));
      const user = this.users.get(userId);
      if (!user) return respond(404, error(404, 'Request_ResourceNotFound', `Resource '${userId}' does not exist.`));
      if (user.convertedExternalToInternal) return respond(412, error(412, 'PreconditionFailed', 'The user was converted from external to internal before.'));
      const email = String(body.invitedUserEmailAddress ?? '').toLowerCase();
      const onUser = user.mail?.toLowerCase() === email || user.otherMails.some((m) => m.toLowerCase() === email);
      if (!onUser) {
        return respond(400, error(400, 'BadRequest', "The email you're using to invite this user doesn't match any emails on the user object."));
      }
      user.externalUserState = 'PendingAcceptance';
      this.record(userId, 'invite', sentAt);
      return respond(
        201,
        { id: `inv-${userId}`, status: 'PendingAcceptance', invitedUser: { id: userId }, invitedUserEmailAddress: email, inviteRedeemUrl: `https://login.example/redeem?u=${userId}` },
        { 'request-id': `req-inv-${userId}` },
      );
    }
    const user = this.users.get(userId);
    if (!user) return respond(404, error(404, 'Request_ResourceNotFound', `Resource '${userId}' does not exist.`));
    if (kind === 'toInternal') return this.toInternal(request, user, sentAt, respond);
    const body = request.body as { otherMails?: string[]; userType?: 'Guest' | 'Member' };
    if (kind === 'addEmail') user.otherMails = [...(body.otherMails ?? [])];
    else user.userType = body.userType ?? user.userType;
    this.record(userId, kind, sentAt);
    return respond(204);
  }
  /** The documented rules of convertExternalToInternalMemberUser, briefly (the Graph emulator has them all). */
  private toInternal(request: BatchRequest, user: FakeUser, sentAt: number, respond: (status: number, body?: unknown) => BatchResponse): BatchResponse {
    if (user.externalUserState !== 'Accepted') return respond(400, error(400, 'BadRequest', 'The user authentication is already internal and is not eligible for conversion.'));
    const body = (request.body ?? {}) as { userPrincipalName?: unknown; passwordProfile?: { password?: unknown } };
    if (user.synced) {
      if (body.userPrincipalName !== undefined || body.passwordProfile !== undefined) {
        return respond(400, error(400, 'badRequest', 'For users synchronized from on-premises, userPrincipalName and passwordProfile must be empty'));
      }
    } else {
      if (typeof body.userPrincipalName !== 'string' || body.userPrincipalName === '') return respond(400, error(400, 'BadRequest', 'The provided UPN cannot be empty.'));
      if (typeof body.passwordProfile?.password !== 'string' || body.passwordProfile.password.length < 8) return respond(400, error(400, 'BadRequest', 'The provided password is not valid.'));
      user.userPrincipalName = body.userPrincipalName;
    }
    user.externalUserState = null;
    user.userType = 'Member';
    user.convertedExternalToInternal = true;
    this.toInternalBodies.push({ userId: user.id, body: request.body });
    this.record(user.id, 'toInternal', sentAt);
    return respond(200, { userPrincipalName: user.userPrincipalName ?? null });
  }
}

/** Users u0..u(n-1) with their invitation email already on `mail` unless `emailOnUser` is false. */
export function makeUsers(n: number, emailOnUser = true): FakeUser[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `u${i}`,
    mail: emailOnUser ? `user${i}@fabrikam.example` : null,
    otherMails: [],
    userType: 'Member' as const,
    externalUserState: null,
  }));
}
