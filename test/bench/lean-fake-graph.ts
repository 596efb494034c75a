// A Graph stand-in for the memory measurement whose own memory stays flat, so heap growth during the
// run is the engine's (and the store's, which is measured separately). test/support/jobs/fake-graph.ts
// would do for behaviour, but it keeps a record per write (≈16 MB for 50,000 invitations), which would
// be counted as the engine's. This keeps one byte per user.
//
// What it does: the latency per call on the engine's clock; the invitation limit (150 per 5 s); the same
// checks as the fake and the emulator on an invitation (invitedUser.id must be a known user, the email
// must be on it); answers shaped like Graph's, with receipts (redeem link, request id) as long as Graph's,
// since the engine stores them.
import type { AuthPort, BatchRequest, BatchResponse, Clock, GraphPort, NetworkPort, UserState } from '../../src/jobs';

const TICKET = 'f'.repeat(24);

export class LeanFakeGraph implements GraphPort, AuthPort, NetworkPort {
  private readonly index = new Map<string, number>();
  /** Invitations applied per user (saturates at 255: anything above 1 is already a failure). */
  readonly invited: Uint8Array;
  private window: number[] = [];
  throttled = 0;

  constructor(
    private readonly clock: Clock,
    private readonly users: ReadonlyArray<{ id: string; mail: string }>,
    private readonly tenantId: string,
    private readonly o: { latencyMs: number; limit: number; windowMs: number },
  ) {
    users.forEach((u, i) => this.index.set(u.id, i));
    this.invited = new Uint8Array(users.length);
  }

  isOnline(): boolean {
    return true;
  }

  onOnlineChange(): () => void {
    return () => undefined;
  }

  renewToken(): Promise<boolean> {
    return Promise.resolve(false);
  }

  async readUsersState(userIds: readonly string[]): Promise<ReadonlyMap<string, UserState | null>> {
    await this.clock.sleep(this.o.latencyMs);
    const out = new Map<string, UserState | null>();
    for (const id of userIds) {
      const i = this.index.get(id);
      const user = i === undefined ? undefined : this.users[i];
      out.set(id, i === undefined || !user ? null : { externalUserState: (this.invited[i] ?? 0) > 0 ? 'PendingAcceptance' : null, otherMails: [], userType: 'Member', mail: user.mail });
    }
    return out;
  }

  async executeBatch(requests: readonly BatchRequest[]): Promise<readonly BatchResponse[]> {
    // Counted at the call, as test/support/jobs/fake-graph.ts does: at k = 400 a timer's real-ms jitter
    // would be hundreds of engine ms, and 429s are not what this run measures.
    const at = this.clock.now();
    await this.clock.sleep(this.o.latencyMs);
    return requests.map((r) => this.invite(r, at));
  }

  private invite(r: BatchRequest, now: number): BatchResponse {
    const error = (status: number, code: string, headers: Record<string, string> = {}): BatchResponse => ({ id: r.id, status, headers, body: { error: { code, message: code } } });
    if (r.method !== 'POST' || r.url !== '/invitations') return error(400, 'UnexpectedRequest');
    while (this.window.length > 0 && (this.window[0] ?? 0) <= now - this.o.windowMs) this.window.shift();
    if (this.window.length >= this.o.limit) {
      this.throttled += 1;
      // As the real port hands it over (src/jobs-graph-port.ts): Retry-After read once, as a number.
      const wait = (this.window[0] ?? now) + this.o.windowMs - now;
      return { ...error(429, 'TooManyRequests', { 'Retry-After': String(wait / 1000) }), retryAfterMs: Math.ceil(wait) };
    }
    this.window.push(now);
    const body = r.body as { invitedUserEmailAddress?: unknown; invitedUser?: { id?: unknown } };
    const i = typeof body.invitedUser?.id === 'string' ? this.index.get(body.invitedUser.id) : undefined;
    const user = i === undefined ? undefined : this.users[i];
    if (i === undefined || !user) return error(404, 'Request_ResourceNotFound');
    if (body.invitedUserEmailAddress !== user.mail) return error(400, 'BadRequest');
    this.invited[i] = Math.min(255, (this.invited[i] ?? 0) + 1);
    const redeem = `https://invitations.microsoft.com/redeem/?tenant=${this.tenantId}&user=${crypto.randomUUID()}&ticket=${TICKET}&ver=2.0`;
    return {
      id: r.id,
      status: 201,
      headers: { 'request-id': crypto.randomUUID() },
      body: { id: crypto.randomUUID(), status: 'PendingAcceptance', invitedUser: { id: user.id }, inviteRedeemUrl: `https://login.microsoftonline.com/redeem?rd=${encodeURIComponent(redeem)}` },
    };
  }
}
