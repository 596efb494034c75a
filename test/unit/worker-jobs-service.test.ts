// The worker's jobs service on fake ports: resume on start and by alarm, the toolbar badge, the notifications,
// progress broadcasts, and a job that waits for sign-in and continues after it.
import { describe, expect, it, vi } from 'vitest';
import { JobsService, SIGN_IN_NOTIFICATION } from '../../background/jobs-service';
import { BADGE_COLOURS } from '../../src/job-state';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

const ALARM = 'b2b-jobs-resume';

function setUp(options: { refuse?: string[]; signedOut?: boolean } = {}) {
  const ports = fakePorts();
  const tenant = fakeTenant(options);
  const auth = fakeAuth(options);
  const jobs = new JobsService({ auth: auth.auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
  return { ports, tenant, auth, jobs };
}

describe('JobsService', () => {
  it('resumes an unfinished job when the worker starts, and clears its alarm once nothing is left', async () => {
    const s = setUp();
    // A job the previous worker created and did not finish (it died): running in storage, nobody driving it.
    const header = await s.jobs.runner.createJob(jobInput(jobItems(3)));
    expect(header.status).toBe('running');
    await s.jobs.resumeAll();
    expect(s.ports.alarmsSet.get(ALARM)).toBe(0.5);
    expect((await s.jobs.runner.run(header.id)).status).toBe('completed');
    expect([...s.tenant.invited].sort()).toEqual(['u0', 'u1', 'u2']);
    await s.jobs.resumeAll();
    expect(s.ports.alarmsSet.has(ALARM)).toBe(false);
    expect(s.ports.badges.at(-1)).toEqual({ text: '', color: BADGE_COLOURS.none, title: 'B2B Convert for Entra' });
  });

  it('wakes on its own alarm (and no other) and drives the unfinished jobs', async () => {
    const s = setUp();
    s.jobs.listenForAlarms();
    const header = await s.jobs.runner.createJob(jobInput(jobItems(2)));
    s.ports.fire.alarm('some-other-alarm');
    await new Promise((r) => setTimeout(r, 20));
    expect(s.tenant.invited.size).toBe(0);
    s.ports.fire.alarm(ALARM);
    await vi.waitFor(() => expect(s.tenant.invited.size).toBe(2));
    expect((await s.jobs.runner.run(header.id)).status).toBe('completed');
  });

  it('says how a job ended: notification text and the failure count on a red badge', async () => {
    const s = setUp({ refuse: ['u1'] });
    const header = await s.jobs.start(jobInput(jobItems(3)), 7);
    expect((await s.jobs.runner.run(header.id)).status).toBe('completed');
    await vi.waitFor(() => expect(s.ports.notifications.shown.get(`job-${header.id}`)).toBeDefined());
    expect(s.ports.notifications.shown.get(`job-${header.id}`)).toEqual({
      title: 'Finished with 1 failed: conversion to external users',
      message: '2 of 3 users converted, 1 failed. Open the extension for details.',
    });
    await vi.waitFor(() => expect(s.ports.badges.at(-1)).toEqual({ text: '1', color: BADGE_COLOURS.danger, title: 'B2B Convert for Entra: Finished with 1 failed — 2 of 3 users converted, 1 failed' }));
    // Progress went to the extension pages and to the tab that submitted the job, with the final summary.
    const last = s.ports.toPages.at(-1) as { event: string; summary: { state: string; counters: { failed: number } } };
    expect(last).toMatchObject({ event: 'job/progress', jobId: header.id, summary: { state: 'completed', counters: { done: 2, failed: 1 } } });
    expect(s.ports.toTabs.map(([tab]) => tab)).toContain(7);
  });

  it('waits for sign-in with one notification and an amber "!", and continues after the sign-in', async () => {
    const s = setUp({ signedOut: true });
    const header = await s.jobs.start(jobInput(jobItems(3)), undefined);
    expect((await s.jobs.runner.run(header.id)).status).toBe('waiting-for-sign-in');
    await vi.waitFor(() => expect(s.ports.notifications.shown.get(SIGN_IN_NOTIFICATION)).toBeDefined());
    expect(s.ports.notifications.shown.get(SIGN_IN_NOTIFICATION)).toMatchObject({
      title: 'Sign in to continue converting 3 users',
      requireInteraction: true,
    });
    expect(s.ports.notifications.shown.get(SIGN_IN_NOTIFICATION)?.message).toMatch(/^Your sign-in session has ended\. Nothing was marked failed\./);
    await vi.waitFor(() => expect(s.ports.badges.at(-1)).toEqual({ text: '!', color: BADGE_COLOURS.warning, title: 'B2B Convert for Entra: sign in to continue converting 3 users' }));
    expect(s.tenant.invited.size).toBe(0);

    await s.jobs.signInToContinue();
    expect(s.auth.state.signIns).toBe(1);
    expect(s.ports.notifications.shown.has(SIGN_IN_NOTIFICATION)).toBe(false);
    await vi.waitFor(async () => expect((await s.jobs.summary(header.id)).state).toBe('completed'));
    expect(s.tenant.invited.size).toBe(3);
  });

  it('Retry failed is refused in its reply where it cannot apply, before the sign-in it needs; else the failed users go again', async () => {
    const s = setUp({ refuse: ['u1'] });
    const header = await s.jobs.start(jobInput(jobItems(3)), undefined);
    // While the job is worked on.
    await expect(s.jobs.retryFailed(header.id, async () => undefined)).rejects.toThrow('The job is still running.');
    expect((await s.jobs.runner.run(header.id)).counters.failed).toBe(1);
    // An undo job: its failed users' temporary passwords are gone.
    const undo = await s.jobs.runner.createJob({ ...jobInput(jobItems(1), 'undo-1'), kind: 'undo', undoOf: header.id, items: jobItems(1).map((i) => ({ ...i, toInternal: {} })), secrets: [undefined] });
    let signedIn = 0;
    await expect(s.jobs.retryFailed(undo.id, async () => signedIn++)).rejects.toThrow('cannot be retried: their temporary passwords are no longer kept');
    expect(signedIn).toBe(0);
    // A conversion job with a failure: the sign-in check, then the retry of that user alone.
    s.tenant.refused.clear();
    await s.jobs.retryFailed(header.id, async () => signedIn++);
    expect(signedIn).toBe(1);
    await vi.waitFor(async () => expect((await s.jobs.summary(header.id)).counters).toMatchObject({ done: 3, failed: 0 }));
  });

  it('counts users left on the badge while jobs run', async () => {
    const s = setUp();
    const header = await s.jobs.runner.createJob(jobInput(jobItems(20)));
    await s.jobs.resumeAll();
    // The first badge is written from the jobs as the worker found them: all 20 left.
    expect(s.ports.badges[0]).toEqual({ text: '20', color: BADGE_COLOURS.informative, title: 'B2B Convert for Entra: Running — 20 users left' });
    expect((await s.jobs.runner.run(header.id)).status).toBe('completed');
  });
});
