// One job's persisted state, with a bounded cache of chunks and dirty tracking.
// Durability rule: a change made through update()/setStatus() counts only once a later flush() resolves.
// flush() writes each dirty state chunk together with the header — never more than header + one chunk
// per store write — and coalesces concurrent callers into as few writes as possible (group commit).
import {
  decodeHeader,
  decodeItemChunk,
  decodeJobSpec,
  decodeStateChunk,
  encodeHeader,
  encodeStateChunk,
  keys,
  SchemaError,
} from './schema';
import { emptyCounters, tally, type ItemState, type JobHeader, type JobItemInput, type JobOptions, type JobStatus, type Reason } from './model';
import type { JobStorePort } from './ports';

interface Chunk {
  items: JobItemInput[];
  states: ItemState[];
  dirty: boolean;
  /** Active items of this chunk the runner still works on; a pinned chunk is never evicted. */
  pins: number;
}

export class JobNotFoundError extends Error {
  override name = 'JobNotFoundError';
}

export class JobFile {
  private chunks = new Map<number, Chunk>();
  private headerDirty = false;
  private writing: Promise<void> | undefined;
  private broken: unknown;
  /** High-water mark of resident chunks, for tests asserting bounded memory. */
  maxResident = 0;

  private constructor(
    private readonly store: JobStorePort,
    readonly header: JobHeader,
    /** The invitation options; undefined for an undo job. */
    readonly options: JobOptions | undefined,
    private readonly maxResidentChunks: number,
    private readonly now: () => number,
  ) {}

  static async open(store: JobStorePort, jobId: string, now: () => number, maxResidentChunks = 8): Promise<JobFile> {
    const got = await store.get([keys.header(jobId), keys.spec(jobId)]);
    const rawHeader = got[keys.header(jobId)];
    const rawSpec = got[keys.spec(jobId)];
    if (rawHeader === undefined || rawSpec === undefined) throw new JobNotFoundError(`job ${jobId} not found`);
    return new JobFile(store, decodeHeader(rawHeader, `job ${jobId} header`), decodeJobSpec(rawSpec, `job ${jobId} spec`), maxResidentChunks, now);
  }

  get id(): string {
    return this.header.id;
  }

  chunkOf(index: number): number {
    return Math.floor(index / this.header.chunkSize);
  }

  /** Indices held by chunk `c`. */
  range(c: number): { start: number; end: number } {
    const start = c * this.header.chunkSize;
    return { start, end: Math.min(this.header.total, start + this.header.chunkSize) };
  }

  isResident(c: number): boolean {
    return this.chunks.has(c);
  }

  residentCount(): number {
    return this.chunks.size;
  }

  private async readChunk(c: number): Promise<{ items: JobItemInput[]; states: ItemState[] }> {
    const itemsKey = keys.items(this.id, c);
    const statesKey = keys.states(this.id, c);
    const got = await this.store.get([itemsKey, statesKey]);
    const items = decodeItemChunk(got[itemsKey], itemsKey);
    const states = decodeStateChunk(got[statesKey], statesKey);
    const { start, end } = this.range(c);
    if (items.length !== end - start || states.length !== end - start) throw new SchemaError(`${statesKey}: wrong length`);
    return { items, states };
  }

  private async readStates(c: number): Promise<ItemState[]> {
    const statesKey = keys.states(this.id, c);
    const got = await this.store.get([statesKey]);
    return decodeStateChunk(got[statesKey], statesKey);
  }

  async load(c: number): Promise<void> {
    if (this.chunks.has(c)) return;
    const { items, states } = await this.readChunk(c);
    if (this.chunks.has(c)) return; // loaded concurrently; keep the resident (possibly newer) copy
    this.evict(1); // make room first, so the chunk just loaded (unpinned yet) is never the one dropped
    this.chunks.set(c, { items, states, dirty: false, pins: 0 });
    this.maxResident = Math.max(this.maxResident, this.chunks.size);
  }

  private resident(index: number): { chunk: Chunk; offset: number } {
    const chunk = this.chunks.get(this.chunkOf(index));
    if (!chunk) throw new Error(`internal: chunk of item ${index} is not loaded`);
    return { chunk, offset: index % this.header.chunkSize };
  }

  item(index: number): JobItemInput {
    const { chunk, offset } = this.resident(index);
    const item = chunk.items[offset];
    if (!item) throw new Error(`internal: no item ${index}`);
    return item;
  }

  state(index: number): ItemState {
    const { chunk, offset } = this.resident(index);
    const state = chunk.states[offset];
    if (!state) throw new Error(`internal: no state ${index}`);
    return state;
  }

  /** Replaces an item's state in memory; counters follow. Durable after the next flush(). */
  update(index: number, next: Omit<ItemState, 'updatedAt'>): ItemState {
    const { chunk, offset } = this.resident(index);
    const previous = chunk.states[offset];
    if (!previous) throw new Error(`internal: no state ${index}`);
    const state: ItemState = { ...next, updatedAt: this.now() };
    tally(this.header.counters, previous, -1);
    tally(this.header.counters, state, 1);
    chunk.states[offset] = state;
    chunk.dirty = true;
    this.touchHeader();
    return state;
  }

  setStatus(status: JobStatus, pauseReason?: Reason): void {
    this.header.status = status;
    if (pauseReason) this.header.pauseReason = pauseReason;
    else delete this.header.pauseReason;
    if (status !== 'waiting-for-sign-in') delete this.header.cancelRequested;
    this.touchHeader();
  }

  /** For header fields other than status/counters (startedAt, finishedAt, round). */
  touchHeader(): void {
    this.header.updatedAt = this.now();
    this.headerDirty = true;
  }

  pin(c: number): void {
    const chunk = this.chunks.get(c);
    if (!chunk) throw new Error(`internal: pin of unloaded chunk ${c}`);
    chunk.pins += 1;
  }

  unpin(c: number): void {
    const chunk = this.chunks.get(c);
    if (chunk) chunk.pins = Math.max(0, chunk.pins - 1);
    this.evict();
  }

  unpinAll(): void {
    for (const chunk of this.chunks.values()) chunk.pins = 0;
    this.evict();
  }

  /** Drops clean, unpinned chunks beyond the cache size, least recently loaded first. */
  private evict(room = 0): void {
    const keep = Math.max(0, this.maxResidentChunks - room);
    if (this.chunks.size <= keep) return;
    for (const [c, chunk] of this.chunks) {
      if (this.chunks.size <= keep) break;
      if (!chunk.dirty && chunk.pins === 0) this.chunks.delete(c);
    }
  }

  get isDirty(): boolean {
    if (this.headerDirty) return true;
    for (const chunk of this.chunks.values()) if (chunk.dirty) return true;
    return false;
  }

  /** The store failed: from here on nothing can be made durable, so nothing may be sent either. */
  get failure(): unknown {
    return this.broken;
  }

  /** Makes every change made so far durable. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.broken !== undefined) throw this.broken;
      if (this.writing) {
        await this.writing.catch(() => undefined);
        continue;
      }
      if (!this.isDirty) return;
      this.writing = this.writeDirty();
      try {
        await this.writing;
      } finally {
        this.writing = undefined;
      }
    }
  }

  private async writeDirty(): Promise<void> {
    const headerKey = keys.header(this.id);
    const dirty = [...this.chunks.entries()].filter(([, chunk]) => chunk.dirty).sort(([a], [b]) => a - b);
    try {
      if (dirty.length === 0) {
        this.headerDirty = false;
        await this.store.set({ [headerKey]: encodeHeader(this.header) });
      }
      for (const [c, chunk] of dirty) {
        // Snapshot and clear first: changes made while this write is in flight re-dirty the chunk.
        const entry = encodeStateChunk(chunk.states);
        chunk.dirty = false;
        this.headerDirty = false;
        // The chunk goes first: if a store is not atomic across keys, the item states (the truth) land
        // and only the header counters can be stale — recount() repairs those on the next open.
        await this.store.set({ [keys.states(this.id, c)]: entry, [headerKey]: encodeHeader(this.header) });
      }
    } catch (error) {
      this.broken = error;
      throw error;
    } finally {
      this.evict();
    }
  }

  /**
   * Recomputes the counters from the item states (the source of truth). Run when a job is opened, since
   * the header may be stale after a torn or interrupted write. Streams chunks; caches none.
   */
  async recount(): Promise<void> {
    const counters = emptyCounters();
    for (let c = 0; c < this.header.chunkCount; c++) {
      const states = this.chunks.get(c)?.states ?? (await this.readStates(c));
      for (const state of states) tally(counters, state, 1);
    }
    const changed = JSON.stringify(counters) !== JSON.stringify(this.header.counters);
    this.header.counters = counters;
    if (changed) this.touchHeader();
  }
}
