// The Graph emulator: a local replica of https://graph.microsoft.com/v1.0 for e2e tests, the demo and the
// benchmark. It is a HostApp (mounted by host name elsewhere) plus an in-process control API for tests.
//
// HTTP control API on the Graph host (JSON, no auth, never part of the product; not written to the request log):
//   POST /_sandbox/seed            body: SandboxTenant          → 204 (replaces state, invitations, rate window)
//   GET  /_sandbox/state                                        → GraphEmulatorState
//   POST /_sandbox/redeem/{userId}                              → 204, or 409 when not PendingAcceptance
//   GET  /_sandbox/log    DELETE /_sandbox/log (or POST /_sandbox/log/clear)
//   GET  /_sandbox/faults POST /_sandbox/faults  body: Partial<GraphFaults> (replaces the fault set)
//   GET  /_sandbox/invitation-count/{userId}                    → {"count": n}
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenSigner } from '../tokens';
import type { HostApp, SandboxRoleAssignment, SandboxTenant, SandboxUser } from '../types';
import { runBatch } from './batch';
import { conversionLog, type ConversionRecord } from './convert-to-internal';
import { sponsorsOf } from './sponsors';
import { handleControl } from './control';
import { FaultController, isBatchPath } from './faults';
import type { GraphFaults, GraphRequest, GraphResponse, InvitationRecord, Json, LoggedInnerRequest, LoggedRequest } from './model';
import { seededRandom } from '../random';
import { SlidingWindowLimiter } from './rate-limit';
import { dispatchLeaf, envelopeError, gateEnvelope, newRequestId, type Core } from './router';
import { DirectoryStore, graphTime } from './store';

export type { GraphFaults, InvitationRecord, LoggedRequest, LoggedInnerRequest } from './model';

export interface GraphEmulatorOptions {
  tenant: SandboxTenant;
  signer: TokenSigner;
  /** Milliseconds since the epoch; drives token lifetime, change times and the invitation rate window. */
  clock?: () => number;
  faults?: Partial<GraphFaults>;
  /** Invitation manager budget per tenant; default 150 per 5000 ms. Shrink windowMs to speed tests up. */
  inviteLimit?: { max: number; windowMs: number };
  /** Seed for the order of $batch responses (deterministic). Default 1. */
  batchSeed?: number;
  /** Set false to return $batch responses in request order (real Graph does not promise any order). */
  shuffleBatchResponses?: boolean;
  /** Sees every logged request as it is recorded (clearLog does not hide it): the sandbox checks the Graph contract. */
  onRequest?: (entry: LoggedRequest) => void;
}

export interface GraphEmulatorState {
  tenantId: string;
  displayName: string;
  verifiedDomains: string[];
  adminUserId: string;
  users: SandboxUser[];
  roleAssignments: SandboxRoleAssignment[];
  invitations: InvitationRecord[];
  faults: GraphFaults;
}

export interface GraphEmulator extends HostApp {
  seed(tenant: SandboxTenant): void;
  state(): GraphEmulatorState;
  /** PendingAcceptance → Accepted (there is no Graph API for this; the user does it by signing in). */
  /** The sponsors an invitation set on the user (the inviter when it named none): sponsors.ts. */
  sponsorsOf(userId: string): string[];
  /** Every convertExternalToInternalMemberUser the emulator applied, in order: convert-to-internal.ts. */
  conversions(): ConversionRecord[];
  redeem(userId: string): void;
  requestLog(): LoggedRequest[];
  clearLog(): void;
  /** Replaces the whole fault set (setFaults({}) clears all faults). */
  setFaults(f: Partial<GraphFaults>): void;
  faults(): GraphFaults;
  invitationCount(userId: string): number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function parseBody(body: Buffer): { body: Json | undefined; invalidJson: boolean } {
  if (body.length === 0) return { body: undefined, invalidJson: false };
  const text = body.toString('utf8');
  try {
    return { body: JSON.parse(text) as Json, invalidJson: false };
  } catch {
    return { body: text, invalidJson: true };
  }
}

/** Graph answers browsers' preflights; the extension's pages may call it directly. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': req.headers.origin ?? '*',
    'Access-Control-Expose-Headers': 'request-id, client-request-id, Retry-After, Location, x-ms-ags-diagnostic',
  };
}

export function createGraphEmulator(opts: GraphEmulatorOptions): GraphEmulator {
  const clock = opts.clock ?? Date.now;
  const limit = opts.inviteLimit ?? { max: 150, windowMs: 5000 };
  const faults = new FaultController();
  faults.set(opts.faults ?? {});
  const core: Core = {
    store: new DirectoryStore(opts.tenant),
    signer: opts.signer,
    clock,
    faults,
    limiter: new SlidingWindowLimiter(limit.max, limit.windowMs),
  };
  const rand = seededRandom(opts.batchSeed ?? 1);
  const shuffleResponses = opts.shuffleBatchResponses ?? true;
  let log: LoggedRequest[] = [];
  let seq = 0;

  const emulator: GraphEmulator = {
    seed(tenant) {
      core.store.seed(tenant);
      core.limiter.reset();
    },
    state() {
      const t = core.store.tenant;
      return structuredClone({
        tenantId: t.tenantId,
        displayName: t.displayName,
        verifiedDomains: t.verifiedDomains,
        adminUserId: t.adminUserId,
        users: t.users,
        roleAssignments: t.roleAssignments,
        invitations: core.store.invitations,
        faults: faults.get(),
      });
    },
    sponsorsOf(userId) {
      return sponsorsOf(core.store, userId);
    },
    conversions() {
      return structuredClone(conversionLog(core.store));
    },
    redeem(userId) {
      const u = core.store.findUser(userId);
      if (!u) throw new Error(`redeem: no user ${userId}`);
      if (u.externalUserState !== 'PendingAcceptance') {
        throw new Error(`redeem: user ${userId} is not PendingAcceptance (is ${String(u.externalUserState)})`);
      }
      u.externalUserState = 'Accepted';
      u.externalUserStateChangeDateTime = graphTime(clock());
      for (const inv of core.store.invitations) if (inv.userId === userId) inv.status = 'Completed';
    },
    requestLog: () => structuredClone(log),
    clearLog() {
      log = [];
    },
    setFaults: (f) => faults.set(f),
    faults: () => faults.get(),
    invitationCount: (userId) => core.store.invitationCount(userId),

    async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) {
      try {
        await serve(req, res, url, body);
      } catch (e) {
        // An emulator bug must surface as a visible 500, not hang the client or crash the shared server.
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'EmulatorBug', message: e instanceof Error ? e.stack ?? e.message : String(e) } }));
        } else {
          res.destroy();
        }
      }
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<void> {
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      handleControl(emulator, req, res, url, body);
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res
        .writeHead(204, {
          ...corsHeaders(req),
          'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
          'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type',
          'Access-Control-Max-Age': '3600',
        })
        .end();
      return;
    }

    const headers = lowerHeaders(req);
    const parsed = parseBody(body);
    const graphReq: GraphRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers,
      body: parsed.body,
      invalidJson: parsed.invalidJson,
      inBatch: false,
    };
    const ids = { requestId: newRequestId(), clientRequestId: headers['client-request-id'] ?? newRequestId() };
    const arrived = clock();
    // One round trip costs one latency, however many items a batch carries.
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);

    let response: GraphResponse;
    let inner: LoggedInnerRequest[] | undefined;
    let drop = false;
    let oid: string | undefined;
    if (isBatchPath(url.pathname) && method === 'POST') {
      // The envelope itself is authenticated and may be faulted when a fault pattern names $batch.
      const gate = gateEnvelope(core, graphReq, ids);
      oid = gate.caller?.oid;
      if (gate.error) {
        response = gate.error;
      } else {
        try {
          const result = runBatch(core, graphReq, ids, rand, shuffleResponses);
          response = result.response;
          inner = result.inner;
          drop = result.drop || faults.takeDrop(method, url.pathname);
        } catch (e) {
          response = envelopeError(e, clock(), ids);
        }
      }
    } else {
      const leaf = dispatchLeaf(core, graphReq, ids, true);
      response = leaf.response;
      drop = leaf.drop;
      oid = leaf.caller?.oid;
    }

    const { authorization: _auth, ...loggedHeaders } = headers;
    const entry: LoggedRequest = {
      seq: ++seq,
      time: arrived,
      method,
      path: url.pathname + url.search,
      headers: loggedHeaders,
      oid,
      body: parsed.body,
      status: drop ? null : response.status,
      responseBody: response.body,
      inner,
    };
    log.push(entry);
    opts.onRequest?.(entry);

    if (drop) {
      // The write happened; the client never learns it. This is the case retries must be safe against.
      res.destroy();
      return;
    }
    res.writeHead(response.status, {
      ...response.headers,
      ...corsHeaders(req),
      'request-id': ids.requestId,
      'client-request-id': ids.clientRequestId,
      'Cache-Control': 'no-cache',
      'Strict-Transport-Security': 'max-age=31536000',
    });
    res.end(response.body === undefined ? undefined : JSON.stringify(response.body));
  }
  return emulator;
}
