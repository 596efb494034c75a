// The engine's undo kind: users of a conversion job converted back to internal with Graph's beta
// convertExternalToInternalMemberUser, on the same engine as conversions — exactly once (also across a worker that
// dies mid-batch), resumable, paced, every batch sent to /beta — and each temporary password kept only until its
// item ends.
import { describe, expect, it } from 'vitest';
import { countStored, JobInputError, readHeader, SimulatedCrash, type JobItemInput, type UndoJobInput } from '../../src/jobs';
import type { MemoryJobStore } from '../../src/jobs/memory-store';
import type { FakeUser } from '../support/jobs/fake-graph';
import { jobItems, makeHarness, type Harness } from '../support/jobs/harness';

const password = (i: number) => `Tmp-${i}-Passw0rd!x`;

/** u0..u(n-1), accepted B2B users this extension converted; every fifth is synced from on-premises. */
function acceptedUsers(h: Harness, n: number): void {
  for (let i = 0; i < n; i++) {
    h.graph.addUsers([{ id: `u${i}`, mail: `user${i}@fabrikam.example`, otherMails: [], userType: 'Member', externalUserState: 'Accepted', userPrincipalName: `user${i}@contoso.example`, synced: i % 5 === 4 }]);
  }
}

const synced = (i: number) => i % 5 === 4;

function undoItems(n: number): JobItemInput[] {
  return jobItems(n).map((item, i) => ({ ...item, toInternal: synced(i) ? {} : { userPrincipalName: item.userPrincipalName } }));
}

function undoInput(n: number, id = 'undo1'): UndoJobInput {
  return { kind: 'undo', id, tenantId: 'tenant-1', ranBy: 'admin@contoso.example', items: undoItems(n), secrets: undoItems(n).map((_, i) => (synced(i) ? undefined : password(i))), undoOf: 'job1' };
}

/** Every value in the store as text: where a password would show if it were still kept. */
async function storedText(store: MemoryJobStore): Promise<string> {
  return JSON.stringify(await store.get(store.keys()));
}

function expectDocumentedBodies(h: Harness, n: number): void {
  for (let i = 0; i < n; i++) {
    const sent = h.graph.toInternalBodies.filter((b) => b.userId === `u${i}`);
    expect(sent, `u${i} converted back once`).toHaveLength(1);
    // Learn: a cloud user needs userPrincipalName and passwordProfile; a synced user neither.
    expect(sent[0]!.body).toEqual(synced(i) ? undefined : { userPrincipalName: `user${i}@contoso.example`, passwordProfile: { password: password(i), forceChangePasswordNextSignIn: true } });
    expect((h.graph.users.get(`u${i}`) as FakeUser).externalUserState).toBeNull();
  }
}

describe('undo jobs', () => {
  it('converts each user back once, in /beta batches, with the documented bodies; passwords stored only until the items end', async () => {
    const h = makeHarness({ config: { batchSize: 7 } });
    acceptedUsers(h, 20);
    const created = await h.runner.createJob(undoInput(20));
    expect(created).toMatchObject({ kind: 'undo', undoOf: 'job1', total: 20 });
    // Queued: the cloud users' passwords are in their item states, nowhere else (never in the item data or header).
    const before = await storedText(h.store);
    for (let i = 0; i < 20; i++) if (!synced(i)) expect(before.split(password(i)).length - 1, `u${i} password stored once`).toBe(1);
    const header = await h.drive(h.runner.run('undo1'));
    expect(header).toMatchObject({ status: 'completed', counters: { done: 20, converted: 20, failed: 0 } });
    expect(new Set(h.graph.batchVersions)).toEqual(new Set(['beta']));
    expect(Math.max(...h.graph.batchSizes)).toBe(7);
    expectDocumentedBodies(h, 20);
    const after = await storedText(h.store);
    for (let i = 0; i < 20; i++) expect(after).not.toContain(password(i));
    const { items } = await h.runner.readItems('undo1', { limit: 100 });
    expect(items.every((item) => item.status === 'done' && item.convertedToInternal)).toBe(true);
    expect(JSON.stringify(items)).not.toContain('Passw0rd');
  });

  it('exactly once across a worker that dies mid-batch, at every write of the run', async () => {
    const N = 12;
    const reference = makeHarness({ config: { batchSize: 5, concurrency: 2 } });
    acceptedUsers(reference, N);
    await reference.runner.createJob(undoInput(N), { chunkSize: 4 });
    reference.store.resetStats();
    await reference.drive(reference.runner.run('undo1'));
    const writes = reference.store.stats.writes;
    expect(writes).toBeGreaterThan(4);
    let unknownLeft = 0;
    for (const mode of ['before', 'torn', 'torn-last', 'after'] as const) {
      for (let k = 1; k <= writes; k++) {
        const h = makeHarness({ config: { batchSize: 5, concurrency: 2 } });
        acceptedUsers(h, N);
        await h.runner.createJob(undoInput(N), { chunkSize: 4 });
        h.store.crashAt({ atWrite: k, mode });
        // Half the time the answer is lost after Graph applied the batch, as when the worker dies on the way back.
        if (k % 2 === 0) h.graph.fault = (_r, c) => (c.batchNo === 1 ? { kind: 'applyThenCut' } : undefined);
        await h.drive(h.runner.run('undo1')).catch((error: unknown) => expect(error).toBeInstanceOf(SimulatedCrash));
        const runner = h.restart({ batchSize: 5, concurrency: 2 });
        unknownLeft += (await runner.readItems('undo1', { limit: 100 })).items.filter((i) => i.outcomeUnknown).length;
        await h.drive(runner.resumeAll());
        const header = await readHeader(h.store, 'undo1');
        expect(header.status, `${mode} at write ${k}`).toBe('completed');
        expect(header.counters.done).toBe(N);
        expect(header.counters).toEqual(await countStored(h.store, 'undo1'));
        for (let i = 0; i < N; i++) expect(h.graph.count(`u${i}`, 'toInternal'), `u${i} (${mode} at write ${k})`).toBe(1);
        expectDocumentedBodies(h, N);
        const left = await storedText(h.store);
        for (let i = 0; i < N; i++) expect(left).not.toContain(password(i));
      }
    }
    // Some crashes did leave writes whose outcome was unknown: those were read back, not re-sent.
    expect(unknownLeft).toBeGreaterThan(0);
  });

  it('is paced as directory writes: never more sent in a window than the limit allows', async () => {
    const writeRate = { limit: 10, windowMs: 1_000, marginMs: 0 };
    const h = makeHarness({ config: { writeRate, batchSize: 20, concurrency: 3 }, graph: { latencyMs: 50 } });
    acceptedUsers(h, 45);
    await h.runner.createJob(undoInput(45));
    const start = h.clock.now();
    await h.drive(h.runner.run('undo1'));
    const sent = h.graph.writes.filter((w) => w.kind === 'toInternal').map((w) => w.at).sort((a, b) => a - b);
    expect(sent).toHaveLength(45);
    for (let i = writeRate.limit; i < sent.length; i++) expect(sent[i]! - sent[i - writeRate.limit]!, `write ${i}`).toBeGreaterThanOrEqual(writeRate.windowMs);
    // ...and not slower than the limit needs: 45 writes at 10 per second take four windows and a bit.
    expect(h.clock.now() - start).toBeLessThan(6 * writeRate.windowMs);
  });

  it('a refused user fails with Graph’s message and loses the password; the job cannot retry it', async () => {
    const h = makeHarness();
    acceptedUsers(h, 3);
    (h.graph.users.get('u1') as FakeUser).externalUserState = 'PendingAcceptance';
    await h.runner.createJob(undoInput(3));
    const header = await h.drive(h.runner.run('undo1'));
    expect(header.counters).toMatchObject({ done: 2, failed: 1 });
    const failed = (await h.runner.readItems('undo1', { filter: { status: ['failed'] } })).items[0]!;
    expect(failed).toMatchObject({ userId: 'u1', reason: { status: 400, message: 'The user authentication is already internal and is not eligible for conversion.' } });
    expect(await storedText(h.store)).not.toContain(password(1));
    await expect(h.runner.retryFailed('undo1')).rejects.toThrow(/temporary passwords are no longer kept/);
  });

  it('refuses an incoherent undo job before storing anything', async () => {
    const h = makeHarness();
    const input = undoInput(3);
    await expect(h.runner.createJob({ ...input, secrets: [undefined, password(1), password(2)] })).rejects.toThrow(/item 0: a cloud user needs a temporary password/);
    await expect(h.runner.createJob({ ...input, items: input.items.map((i) => ({ ...i, toInternal: {} })) })).rejects.toThrow(/a synced user takes no password/);
    await expect(h.runner.createJob({ ...input, items: input.items.map((i) => ({ ...i, setGuest: true })) })).rejects.toBeInstanceOf(JobInputError);
    expect(h.store.keys()).toEqual([]);
  });
});
