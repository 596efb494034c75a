import { describe, expect, it } from 'vitest';
import { createJob, MemoryJobStore, readItems, SimulatedCrash } from '../../src/jobs';
import { JobFile } from '../../src/jobs/job-file';
import type { BatchRequest, BatchResponse } from '../../src/jobs';
import { decodeStateChunk, keys } from '../../src/jobs/schema';
import { jobInput, jobItems, makeHarness } from '../support/jobs/harness';

async function openJob(n: number, maxResident = 2): Promise<{ store: MemoryJobStore; file: JobFile }> {
  const store = new MemoryJobStore();
  await createJob(store, jobInput(jobItems(n)), { chunkSize: 10 });
  store.resetStats();
  return { store, file: await JobFile.open(store, 'job1', () => 5, maxResident) };
}

describe('MemoryJobStore crash simulation', () => {
  it('before / torn / torn-last / after decide what of the failing write lands; then the store is dead until revive()', async () => {
    for (const [mode, expected] of [
      ['before', []],
      ['torn', ['a']],
      ['torn-last', ['b']],
      ['after', ['a', 'b']],
    ] as const) {
      const store = new MemoryJobStore();
      store.crashAt({ atWrite: 2, mode });
      await store.set({ x: 1 });
      await expect(store.set({ a: 1, b: 2 })).rejects.toBeInstanceOf(SimulatedCrash);
      await expect(store.get(['x'])).rejects.toBeInstanceOf(SimulatedCrash);
      store.revive();
      expect(Object.keys(await store.get(['a', 'b'])).sort()).toEqual([...expected]);
    }
  });

  it('stores copies, not references (like chrome.storage)', async () => {
    const store = new MemoryJobStore();
    const value = { list: [1] };
    await store.set({ k: value });
    value.list.push(2);
    expect((await store.get(['k'])).k).toEqual({ list: [1] });
  });
});

describe('JobFile', () => {
  it('group-commits concurrent flushes and writes only dirty chunks, each with the header', async () => {
    const { store, file } = await openJob(40);
    await file.load(0);
    await file.load(1);
    const written: string[][] = [];
    store.onWrite = (w) => written.push(w.keys);
    const queued = file.state(0);
    file.update(0, { ...queued, status: 'inviting', sent: true, attempt: 1 });
    const a = file.flush();
    file.update(1, { ...queued, status: 'inviting', sent: true, attempt: 1 }); // same chunk, during the write
    const b = file.flush();
    const c = file.flush();
    await Promise.all([a, b, c]);
    expect(written).toEqual([
      [keys.states('job1', 0), keys.header('job1')],
      [keys.states('job1', 0), keys.header('job1')],
    ]);
    const stored = decodeStateChunk((await store.get([keys.states('job1', 0)]))[keys.states('job1', 0)], 's');
    expect(stored.slice(0, 2).map((s) => s.sent)).toEqual([true, true]);
    expect(file.header.counters).toMatchObject({ queued: 38, inviting: 2, unknown: 2 });
  });

  it('never evicts a dirty or pinned chunk; keeps at most the cache size otherwise', async () => {
    const { file } = await openJob(60, 2);
    await file.load(0);
    file.pin(0);
    await file.load(1);
    file.update(10, { ...file.state(10), status: 'done' });
    await file.load(2);
    await file.load(3);
    expect(file.isResident(0)).toBe(true); // pinned
    expect(file.isResident(1)).toBe(true); // dirty
    await file.flush();
    expect(file.residentCount()).toBeLessThanOrEqual(3);
    file.unpin(0);
    await file.load(4);
    expect(file.residentCount()).toBeLessThanOrEqual(2);
  });

  it('once a write fails nothing else is written (a send must never follow an unrecorded marker)', async () => {
    const { store, file } = await openJob(20);
    await file.load(0);
    store.crashAt({ atWrite: 1, mode: 'before' });
    file.update(0, { ...file.state(0), status: 'inviting', sent: true, attempt: 1 });
    await expect(file.flush()).rejects.toBeInstanceOf(SimulatedCrash);
    store.revive();
    await expect(file.flush()).rejects.toBeInstanceOf(SimulatedCrash);
    expect(file.failure).toBeInstanceOf(SimulatedCrash);
  });

  it('recount() repairs header counters from the item states', async () => {
    const { store, file } = await openJob(20);
    file.header.counters.done = 999;
    const reads = store.stats.reads;
    await file.recount();
    expect(file.header.counters).toMatchObject({ queued: 20, done: 0 });
    expect(store.stats.reads - reads).toBe(2); // states only, one read per chunk
    expect(file.isDirty).toBe(true);
  });
});

describe('write-ahead marker', () => {
  it('every request leaves only after its item is stored as sent for that step', async () => {
    const h = makeHarness({ users: 50, emailOnUser: false });
    await h.runner.createJob(jobInput(jobItems(50, { addToOtherMails: true, setGuest: true })));
    const original = h.graph.executeBatch.bind(h.graph);
    const stepOf = (r: BatchRequest): string => (r.url === '/invitations' ? 'inviting' : 'otherMails' in (r.body as object) ? 'addingEmail' : 'settingType');
    let checked = 0;
    h.graph.executeBatch = async (requests: readonly BatchRequest[]): Promise<readonly BatchResponse[]> => {
      const stored = await readItems(h.store, 'job1', { limit: 1000 });
      for (const r of requests) {
        const item = stored.items[Number(r.id)];
        expect(item).toMatchObject({ status: stepOf(r), outcomeUnknown: true });
        checked += 1;
      }
      return original(requests);
    };
    const header = await h.drive(h.runner.run('job1'));
    expect(header.counters.done).toBe(50);
    expect(checked).toBe(150);
  });
});
