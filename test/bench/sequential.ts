// The baseline: what an admin script does without batching or pacing — for each user, await one
// POST /invitations (the product's invitation body, test/support/graph-ops.ts's invite) before sending the next. Measured on a
// sample at the same time scale and latency, on its own emulator (so its requests never share a
// throttling window with a job), then extrapolated linearly: a one-at-a-time loop at 200 ms a request
// runs at ~5/s, far below the 30/s limit, so its time per user does not depend on N.
import { myAppsRedirectUrl } from '../../src/clouds';
import { buildInvitationBody } from '../../src/graph/writes';
import { invite } from '../support/graph-ops';
import { sharedScaledClock } from './clock';
import { startEmulator, tally, type Traffic } from './emulator-server';
import { benchGraph } from './graph';
import { externalEmail, TENANT_ID, userId } from './tenant';

/** Untimed requests first (users after the sample), so the connection and the code paths are warm. */
const WARM_REQUESTS = 5;

export interface SequentialResult {
  sample: number;
  scale: number;
  /** Engine ms for the whole sample. */
  engineMs: number;
  perUserMs: number;
  traffic: Traffic;
  invited: { once: number; never: number; more: number };
}

export async function runSequential(sample: number, scale: number): Promise<SequentialResult> {
  const shared = sharedScaledClock(scale);
  const { clock } = shared;
  const server = await startEmulator(sample + WARM_REQUESTS, shared);
  try {
    const { graph } = benchGraph(server, clock, true);
    const redirect = myAppsRedirectUrl('Global', TENANT_ID);
    const inviteOne = (i: number) => invite(graph, buildInvitationBody({ userId: userId(i), email: externalEmail(i) }, { inviteRedirectUrl: redirect, sendInvitationMessage: false }));
    for (let i = sample; i < sample + WARM_REQUESTS; i++) await inviteOne(i);
    await server.reset();
    const t0 = clock.now();
    for (let i = 0; i < sample; i++) await inviteOne(i);
    const engineMs = clock.now() - t0;
    const traffic = await server.traffic();
    const invited = tally((await server.invitations()).counts, 0, sample);
    return { sample, scale, engineMs, perUserMs: engineMs / sample, traffic, invited };
  } finally {
    await server.close();
  }
}
