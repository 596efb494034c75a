// Dispatches one logical Graph request (top-level or a $batch item) to its handler: authentication,
// injected faults, routing, then Graph's error envelope for anything thrown.
import { randomUUID } from 'node:crypto';
import type { TokenSigner } from '../tokens';
import { authenticate } from './auth';
import { GraphError, JSON_TYPE, badRequest, errorResponse } from './errors';
import type { FaultController } from './faults';
import { getOrganization, getRoleAssignment, listDomains, listRoleAssignments, listRoleEligibilitySchedules } from './directory';
import { convertExternalToInternal } from './convert-to-internal';
import { postInvitation } from './invitations';
import type { Caller, GraphRequest, GraphResponse } from './model';
import type { SlidingWindowLimiter } from './rate-limit';
import type { DirectoryStore } from './store';
import { getMe, getUser, listUsers, patchUser } from './users';

export interface Core {
  store: DirectoryStore;
  signer: TokenSigner;
  clock: () => number;
  faults: FaultController;
  limiter: SlidingWindowLimiter;
}

type Handler = (core: Core, caller: Caller, req: GraphRequest, params: string[]) => GraphResponse;

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

// Graph path segments are case-insensitive; `[^/]+` captures an id or a UPN.
const ROUTES: Route[] = [
  { pattern: /^\/v1\.0\/me$/i, methods: { GET: (c, who, r) => getMe(c.store, who, r) } },
  { pattern: /^\/v1\.0\/users$/i, methods: { GET: (c, who, r) => listUsers(c.store, who, r) } },
  {
    pattern: /^\/v1\.0\/users\/([^/]+)$/i,
    methods: {
      GET: (c, who, r, [k]) => getUser(c.store, who, r, k as string),
      PATCH: (c, who, r, [k]) => patchUser(c.store, who, r, k as string),
    },
  },
  { pattern: /^\/v1\.0\/organization$/i, methods: { GET: (c, who, r) => getOrganization(c.store, who, r) } },
  { pattern: /^\/v1\.0\/domains$/i, methods: { GET: (c, who) => listDomains(c.store, who) } },
  {
    pattern: /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/i,
    methods: { GET: (c, who, r) => listRoleAssignments(c.store, who, r) },
  },
  {
    pattern: /^\/v1\.0\/roleManagement\/directory\/roleEligibilitySchedules$/i,
    methods: { GET: (c, who, r) => listRoleEligibilitySchedules(c.store, who, r) },
  },
  {
    pattern: /^\/v1\.0\/roleManagement\/directory\/roleAssignments\/([^/]+)$/i,
    methods: { GET: (c, who, _r, [id]) => getRoleAssignment(c.store, who, id as string) },
  },
  {
    pattern: /^\/v1\.0\/invitations$/i,
    methods: { POST: (c, who, r) => postInvitation(c.store, who, r, { now: c.clock(), limiter: c.limiter }) },
  },
];

/**
 * A top-level write must say its body is JSON (https://learn.microsoft.com/en-us/graph/use-the-api, "Request
 * headers"); a $batch item says it in its own headers (checked by the batch). The exact code is a guess.
 */
export function requireJsonContentType(req: GraphRequest): void {
  // A write without a body (the beta convert of a synced user) has nothing to describe.
  if (req.inBatch || (req.body === undefined && !req.invalidJson)) return;
  const m = req.method.toUpperCase();
  if (m !== 'POST' && m !== 'PATCH' && m !== 'PUT') return;
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new GraphError(415, 'UnsupportedMediaType', "A write request needs the header 'Content-Type: application/json'.");
  }
}
// The beta endpoints the product uses (only these: anything else under /beta is "not found").
const BETA_ROUTES: Route[] = [
  {
    pattern: /^\/beta\/users\/([^/]+)\/convertExternalToInternalMemberUser$/i,
    methods: { POST: (c, who, r, [k]) => convertExternalToInternal(c.store, who, r, k as string, c.clock()) },
  },
];

function route(core: Core, caller: Caller, req: GraphRequest): GraphResponse {
  const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
  const beta = /^\/beta(\/|$)/i.test(path);
  if (!beta && !/^\/v1\.0(\/|$)/i.test(path)) {
    const version = path.split('/')[1] ?? '';
    throw badRequest(`Invalid version: ${version}`);
  }
  for (const r of beta ? BETA_ROUTES : ROUTES) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    const handler = r.methods[req.method.toUpperCase()];
    if (!handler) throw new GraphError(405, 'Request_BadRequest', 'Specified HTTP method is not allowed for the request target.');
    return handler(core, caller, req, m.slice(1).map((s) => decodeURIComponent(s)));
  }
  const segment = path.split('/').filter(Boolean)[1] ?? '';
  throw badRequest(`Resource not found for the segment '${segment}'.`);
}

export interface LeafResult {
  response: GraphResponse;
  caller?: Caller;
  /** The response must be dropped (the write, if any, has been applied). */
  drop: boolean;
}

/** Runs one logical request. `allowDrop` is false once the enclosing HTTP response is already doomed. */
export function dispatchLeaf(core: Core, req: GraphRequest, ids: { requestId: string; clientRequestId: string }, allowDrop: boolean): LeafResult {
  const now = core.clock();
  let caller: Caller | undefined;
  let response: GraphResponse;
  try {
    caller = authenticate(req.headers['authorization'], {
      signer: core.signer,
      tenantId: core.store.tenant.tenantId,
      nowMs: now,
      expireTokensBefore: core.faults.expireTokensBefore,
    });
    const injected = core.faults.beforeHandling(req.path, now, req);
    if (injected) throw injected;
    requireJsonContentType(req);
    response = route(core, caller, req);
    if (response.body !== undefined) response.headers = { 'Content-Type': JSON_TYPE, ...response.headers };
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    response = errorResponse(e, { nowMs: now, ...ids });
  }
  // Only a request whose write took effect is dropped: that is the case a client must survive (did it apply?).
  const drop = allowDrop && response.status < 300 && core.faults.takeDrop(req.method, req.path);
  return { response, caller, drop };
}

export const newRequestId = () => randomUUID();

/** The $batch envelope: authenticated as a whole, and faulted only when a fault's pattern names $batch. */
export function gateEnvelope(
  core: Core,
  req: GraphRequest,
  ids: { requestId: string; clientRequestId: string },
): { caller?: Caller; error?: GraphResponse } {
  const now = core.clock();
  try {
    const caller = authenticate(req.headers['authorization'], {
      signer: core.signer,
      tenantId: core.store.tenant.tenantId,
      nowMs: now,
      expireTokensBefore: core.faults.expireTokensBefore,
    });
    const injected = core.faults.beforeHandling(req.path, now);
    if (injected) throw injected;
    requireJsonContentType(req);
    return { caller };
  } catch (e) {
    if (!(e instanceof GraphError)) throw e;
    return { error: errorResponse(e, { nowMs: now, ...ids }) };
  }
}

/** A malformed batch is answered 400 as a whole. */
export function envelopeError(e: unknown, nowMs: number, ids: { requestId: string; clientRequestId: string }): GraphResponse {
  if (!(e instanceof GraphError)) throw e;
  return errorResponse(e, { nowMs, ...ids });
}
