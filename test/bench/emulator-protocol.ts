// Messages between the bench (parent) and the emulator host (child process, emulator-host.ts).

export interface HostStart {
  users: number;
  scale: number;
  originReal: number;
  /** Graph latency per round trip, engine ms. */
  latencyMs: number;
}

/** What the emulator saw since the last reset, from its own request log. */
export interface Traffic {
  /** HTTP requests (a $batch counts once): Graph round trips. */
  httpRequests: number;
  /** Requests inside $batch envelopes. */
  batchItems: number;
  /** Logical requests: each top-level request (a $batch envelope included) plus each item inside one. */
  requests: number;
  /** 429s answered, at the top level and to inner items. */
  throttled: number;
  /** POST /invitations (as items or plain requests), and how many of those were answered 429. */
  invitations: number;
  throttledInvitations: number;
  /** The emulator process's CPU time since the reset, real ms, and as a share of real time (1 = one core). */
  cpuMs: number;
  cpuShare: number;
}

export type HostRequest =
  | { type: 'traffic'; seq: number }
  | { type: 'reset'; seq: number }
  | { type: 'invitations'; seq: number }
  | { type: 'close'; seq: number };

export type HostReply =
  | { type: 'ready'; apiRoot: string; token: string; adminUserId: string }
  | { type: 'traffic'; seq: number; traffic: Traffic }
  | {
      type: 'invitations';
      seq: number;
      /** Per user index of the tenant: emulator.invitationCount(id). */
      counts: number[];
      /** Per user index: engine time at which the emulator applied (and counted) the last invitation; -1 if none. */
      appliedAt: number[];
      /** Invitation records the emulator holds in total. */
      recorded: number;
    }
  | { type: 'done'; seq: number };
