// The protocol's schemas are the one definition of every wire type: the domains together name each operation once, every
// operation has a reply schema, and what the worker really produces (job summaries, job item rows, a pre-flight,
// progress events) passes the schema its type is inferred from. Every state a job view can show has words.
import { describe, expect, it } from 'vitest';
import { JobsService, summaryOf } from '../../background/jobs-service';
import { itemsView } from '../../background/job-followups';
import { JOB_STATUSES } from '../../src/jobs/model';
import { jobStateText } from '../../src/job-state';
import {
  allowedSenders,
  eventSchema,
  ITEM_ROW_STATES,
  jobItemRowSchema,
  jobSummarySchema,
  preflightResultSchema,
  replySchemas,
  type JobSummary,
} from '../../src/messages';
import { authRequests } from '../../src/protocol/auth';
import { jobRequests } from '../../src/protocol/jobs';
import { undoRequests } from '../../src/protocol/undo';
import { reviewRequests } from '../../src/protocol/review';
import { userRequests } from '../../src/protocol/users';
import { buildPreflight } from '../../src/preflight';
import { itemStateLabel } from '../../popup/lib/format';
import { graphUser } from '../support/graph-user';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

describe('protocol', () => {
  it('names each operation in exactly one domain, with a sender rule and a reply schema', () => {
    const domains = [authRequests, userRequests, reviewRequests, jobRequests, undoRequests].map((d) => Object.keys(d));
    const all = domains.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(allowedSenders).sort()).toEqual([...all].sort());
    expect(Object.keys(replySchemas).sort()).toEqual([...all].sort());
  });

  it('types what the worker really sends: summaries, progress events and item rows of a job with a failure', async () => {
    const ports = fakePorts();
    const tenant = fakeTenant({ refuse: ['u1'] });
    const jobs = new JobsService({ auth: fakeAuth().auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
    // A job id as the worker makes them (a UUID); the events' job id is checked like every job id.
    const header = await jobs.start(jobInput(jobItems(3), crypto.randomUUID()), 7);
    await jobs.runner.run(header.id);
    const summary = await jobs.summary(header.id);
    expect(jobSummarySchema.parse(summary)).toEqual(summary);
    expect(jobSummarySchema.safeParse(summaryOf((await jobs.runner.listJobs())[0]!)).success).toBe(true);
    // Every progress event the pages received passes the check the pages apply.
    expect(ports.toPages.length).toBeGreaterThan(0);
    for (const event of ports.toPages) expect(eventSchema.safeParse(event).error).toBeUndefined();

    const store = { records: jobs.records, local: ports.storage.local, now: () => 1_000 };
    const page = await itemsView(store, jobs.runner, header.id, { offset: 0, limit: 50 });
    expect(page.items.map((i) => i.state).sort()).toEqual(['done', 'done', 'failed']);
    for (const row of page.items) expect(jobItemRowSchema.parse(row)).toEqual(row);
  });

  it('refuses an event whose summary is not a job summary (a state no view knows, a missing count)', () => {
    const summary: JobSummary = { id: 'job-123456', createdAt: 1, tenantId: 't', ranBy: 'a', state: 'running', counters: { total: 1, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 1 } };
    expect(eventSchema.safeParse({ event: 'job/progress', jobId: summary.id, summary }).success).toBe(true);
    expect(eventSchema.safeParse({ event: 'job/progress', jobId: summary.id, summary: { ...summary, state: 'exploded' } }).success).toBe(false);
    expect(eventSchema.safeParse({ event: 'job/progress', jobId: summary.id, summary: { ...summary, counters: { total: 1 } } }).success).toBe(false);
  });

  it('types the pre-flight, with the rules’ own severities', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const result = buildPreflight({
      tenantId: 't',
      tenantName: 'Contoso',
      signedInUserId: 'admin',
      verifiedDomains: ['contoso.com'],
      defaultRedirectUrl: 'https://myapps.microsoft.com/?tenantid=t',
      requestedIds: [id],
      users: new Map([[id, graphUser(id, { mail: 'ada@contoso.com', onPremisesSyncEnabled: true })]]),
      roles: new Map(),
    });
    expect(preflightResultSchema.parse(result)).toEqual(result);
    expect(new Set(result.users[0]!.reasons.map((r) => r.severity))).toEqual(new Set(['blocked']));
  });

  it('has words for every job state and every item state a view can show', () => {
    const counters = { total: 1, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 1 };
    for (const state of JOB_STATUSES) expect(jobStateText({ state, counters }).label, state).not.toBe(state);
    for (const state of ITEM_ROW_STATES) expect(itemStateLabel(state), state).not.toBe(state);
  });
});
