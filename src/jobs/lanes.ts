// Where each write step goes: which queue it waits in, which tenant limit paces it, and which Graph version its
// $batch is sent to. A $batch carries requests of one lane only, so it never mixes versions or limits.
import type { Step } from './model';
import type { GraphVersion } from './ports';

export type Lane = 'invite' | 'write' | 'beta';

/** Checked in this order: directory writes first (they unblock an item's invitation), the invitations last. */
export const LANES: readonly Lane[] = ['write', 'beta', 'invite'];

export interface LaneRules {
  /** The tenant limit that paces it: the invitation manager's, or identity writes'. */
  pacer: 'invite' | 'write';
  version: GraphVersion;
}

export const LANE_RULES: Readonly<Record<Lane, LaneRules>> = {
  invite: { pacer: 'invite', version: 'v1.0' },
  write: { pacer: 'write', version: 'v1.0' },
  // *Guess*: Learn names no limit of its own for convertExternalToInternalMemberUser; it is a write to a user, so it is
  // paced as identity writes are (https://learn.microsoft.com/graph/throttling-limits).
  beta: { pacer: 'write', version: 'beta' },
};

export const STEP_LANE: Readonly<Record<Step, Lane>> = {
  addingEmail: 'write',
  inviting: 'invite',
  settingType: 'write',
  convertingToInternal: 'beta',
};
