// The steps of a throughput scenario against one emulator at time scale k: the pre-flight of N users, the
// job that converts them (the real JobRunner over the in-memory store; Graph via GraphApi over HTTP to the
// emulator), the status refresh, and the exactly-once check. Times are engine time (real × k).
import type { Settings } from '../../src/config';
import { preflight } from '../../src/directory-reads';
import { DEFAULT_RUNNER_CONFIG, JobRunner, MemoryJobStore, type Clock, type GraphPort, type JobCounters, type JobItemInput } from '../../src/jobs';
import { sharedScaledClock, type SharedClock } from './clock';
import { alwaysOnline, graphPort, staticAuth } from './engine-port';
import { startEmulator, tally, type EmulatorServer, type Traffic } from './emulator-server';
import { benchGraph } from './graph';
import { ADMIN_UPN, reviewedItems, TENANT_ID, userId } from './tenant';

const SETTINGS: Settings = { clientId: 'c0000000-0000-4000-8000-000000000001', tenant: TENANT_ID, cloud: 'Global' };

/**
 * Users converted by a small untimed job before the measured one (tenant indices N..N+59), so that the
 * measured job does not pay for cold code: TCP connections and JIT compilation of the invitation path in
 * both processes. Cold, the first requests take tens of real ms longer; × k that is hundreds of engine ms,
 * the service's count of the first window lags the engine's, and the second window opens with a 429 that
 * a warm run (and Graph, whose cold start is not multiplied by k) does not see. Three batches: one per
 * connection the engine opens.
 */
export const WARM_USERS = 60;

export interface Scenario {
  n: number;
  shared: SharedClock;
  server: EmulatorServer;
  /** The N users' object ids, in selection order (tenant indices 0..N-1). */
  ids: string[];
}

export async function startScenario(n: number, scale: number): Promise<Scenario> {
  const shared = sharedScaledClock(scale);
  const server = await startEmulator(n + WARM_USERS, shared);
  return { n, shared, server, ids: Array.from({ length: n }, (_, i) => userId(i)) };
}

export interface ReadFigures {
  /** HTTP requests the emulator saw. */
  roundTrips: number;
  /** HTTP requests the client sent (equals roundTrips unless something is off). */
  clientRequests: number;
}

export interface PreflightFigures extends ReadFigures {
  eligible: number;
  /** The job the review would submit: the eligible users at their proposed emails. */
  items: JobItemInput[];
  redirectUrl: string;
}

/** The review's pre-flight (src/directory-reads.ts), on the Graph layer with its normal retries. */
export async function runPreflight(s: Scenario): Promise<PreflightFigures> {
  const { graph, transport } = benchGraph(s.server, s.shared.clock, true);
  await s.server.reset();
  const review = await preflight(graph, SETTINGS, s.server.adminUserId, s.ids);
  const traffic = await s.server.traffic();
  const eligible = review.users.filter((u) => u.eligibility === 'eligible');
  return {
    roundTrips: traffic.httpRequests,
    clientRequests: transport.sent,
    eligible: eligible.length,
    redirectUrl: review.defaultRedirectUrl,
    items: eligible.map((u) => ({
      userId: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      email: u.proposedEmail,
      addToOtherMails: false,
      setGuest: false,
    })),
  };
}

export interface RefreshFigures extends ReadFigures {
  pendingAcceptance: number;
}

/** A status refresh of the N users: GraphApi.getUsersByIds, as the popup reads them back. */
export async function runRefresh(s: Scenario): Promise<RefreshFigures> {
  const { graph, transport } = benchGraph(s.server, s.shared.clock, true);
  await s.server.reset();
  const result = await graph.getUsersByIds(s.ids);
  const traffic = await s.server.traffic();
  const pendingAcceptance = [...result.users.values()].filter((u) => u.externalUserState === 'PendingAcceptance').length;
  return { roundTrips: traffic.httpRequests, clientRequests: transport.sent, pendingAcceptance };
}

export interface JobFigures {
  items: number;
  /** run() from start to completion. */
  engineMs: number;
  realMs: number;
  status: string;
  counters: JobCounters;
  traffic: Traffic;
  /** Batches by number of requests, e.g. 20 → 487. */
  batchSizes: Map<number, number>;
  maxInFlightBatches: number;
  /**
   * Per invited user: when the emulator counted the invitation against its window minus when the engine
   * stamped it in its pacer (at send), engine ms, sorted. That is the latency (200) plus any delay on the
   * way; the engine's pacing margin (250) must cover the spread of the part above the latency, or the
   * service's window sees more than 150 in 5 s of requests the engine sent 5.25 s apart.
   */
  stampLag: number[];
  /** Round trip of each $batch as the engine saw it, engine ms, sorted. */
  roundTrips: number[];
  /** The N users by how many invitations the emulator recorded for them. */
  invited: { once: number; never: number; more: number };
  /** Invitations the emulator recorded during the job for users outside it (must be 0). */
  invitedOutsideJob: number;
}

interface Observations {
  sizes: Map<number, number>;
  inFlight: number;
  maxInFlight: number;
  /** Engine time of the last send, by request id (the engine uses the item's index in the job). */
  sentAt: Map<string, number>;
  roundTrips: number[];
}

/** Records the batches the engine sends (size, concurrency, timing) without changing them. */
function observed(port: GraphPort, clock: Clock, o: Observations): GraphPort {
  return {
    readUsersState: (ids) => port.readUsersState(ids),
    executeBatch: async (requests) => {
      const sent = clock.now();
      o.sizes.set(requests.length, (o.sizes.get(requests.length) ?? 0) + 1);
      o.maxInFlight = Math.max(o.maxInFlight, ++o.inFlight);
      for (const r of requests) o.sentAt.set(r.id, sent);
      try {
        return await port.executeBatch(requests);
      } finally {
        o.inFlight -= 1;
        o.roundTrips.push(clock.now() - sent);
      }
    },
  };
}

interface Driven {
  engineMs: number;
  realMs: number;
  status: string;
  counters: JobCounters;
  seen: Observations;
}

/** Creates a job and runs it to the end, wired as the background wires it (jobs-service.ts) but for the store. */
async function drive(s: Scenario, items: readonly JobItemInput[], redirectUrl: string, beforeRun: () => Promise<void>): Promise<Driven> {
  const { clock } = s.shared;
  const seen: Observations = { sizes: new Map(), inFlight: 0, maxInFlight: 0, sentAt: new Map(), roundTrips: [] };
  const writes = benchGraph(s.server, clock, false);
  const runner = new JobRunner({ store: new MemoryJobStore(), graph: observed(graphPort(writes.graph), clock, seen), auth: staticAuth, network: alwaysOnline, clock });
  const header = await runner.createJob({ tenantId: TENANT_ID, ranBy: ADMIN_UPN, items, options: { sendInvitationMessage: false, inviteRedirectUrl: redirectUrl } });
  await beforeRun();
  const t0 = clock.now();
  const realStart = performance.now();
  const final = await runner.run(header.id);
  return { engineMs: clock.now() - t0, realMs: performance.now() - realStart, status: final.status, counters: final.counters, seen };
}

/** The untimed warm-up job (see WARM_USERS), then a wait until both windows have emptied. */
export async function warmUp(s: Scenario, redirectUrl: string): Promise<{ once: number; of: number }> {
  const items = reviewedItems(s.n + WARM_USERS).slice(s.n);
  await drive(s, items, redirectUrl, () => Promise.resolve());
  const rate = DEFAULT_RUNNER_CONFIG.invitationRate;
  await s.shared.clock.sleep(rate.windowMs + rate.marginMs + 1_000);
  const counts = (await s.server.invitations()).counts;
  return { once: tally(counts, s.n, s.n + WARM_USERS).once, of: WARM_USERS };
}

/** The measured job over tenant users 0..N-1 (after warmUp), with the emulator's account of it. */
export async function runJob(s: Scenario, items: readonly JobItemInput[], redirectUrl: string): Promise<JobFigures> {
  const before = (await s.server.invitations()).counts;
  const job = await drive(s, items, redirectUrl, () => s.server.reset());
  const traffic = await s.server.traffic();
  const after = await s.server.invitations();
  const userIndex = new Map(s.ids.map((id, i) => [id, i] as const));
  const stampLag: number[] = [];
  items.forEach((item, i) => {
    const applied = after.appliedAt[userIndex.get(item.userId) ?? -1] ?? -1;
    const sent = job.seen.sentAt.get(String(i));
    if (applied >= 0 && sent !== undefined) stampLag.push(applied - sent);
  });
  let outside = 0;
  for (let i = s.n; i < after.counts.length; i++) outside += (after.counts[i] ?? 0) - (before[i] ?? 0);
  return {
    items: items.length,
    engineMs: job.engineMs,
    realMs: job.realMs,
    status: job.status,
    counters: job.counters,
    traffic,
    batchSizes: job.seen.sizes,
    maxInFlightBatches: job.seen.maxInFlight,
    stampLag: stampLag.sort((a, b) => a - b),
    roundTrips: job.seen.roundTrips.sort((a, b) => a - b),
    invited: tally(after.counts, 0, s.n),
    invitedOutsideJob: outside,
  };
}
