// The layout version of the worker's storage and the migrations between versions, run once at worker start.
// The engine's records carry their own version per record (src/jobs/schema.ts); this covers the keys around them.
import { decodeIndex } from '../jobs/schema';
import type { StorageAreas } from './area';
import { jobOfWorkerKey, localKeys } from './keys';

export const STORAGE_VERSION = 1;

type Migration = (areas: StorageAreas) => Promise<void>;

/** Worker-owned job records whose job no longer exists. */
async function orphanedJobRecords(areas: StorageAreas): Promise<string[]> {
  const index = new Set(decodeIndex((await areas.local.get([localKeys.job.index()]))[localKeys.job.index()]));
  return (await areas.local.keys()).filter((k) => {
    const job = jobOfWorkerKey(k);
    return job !== undefined && !index.has(job);
  });
}

/** Keyed by the version they upgrade FROM. */
export const STORAGE_MIGRATIONS: Readonly<Record<number, Migration>> = {
  // Before v1, clearing history removed `jstatus.<job>` while the records were `jstatus.<job>.<page>`:
  // the invitation states of cleared jobs stayed. They go now.
  0: async (areas) => {
    const orphans = await orphanedJobRecords(areas);
    if (orphans.length > 0) await areas.local.remove(orphans);
  },
};

/** Brings storage to STORAGE_VERSION. A newer layout (a downgrade) is left untouched and reported. */
export async function migrateStorage(
  areas: StorageAreas,
  migrations: Readonly<Record<number, Migration>> = STORAGE_MIGRATIONS,
  current = STORAGE_VERSION,
): Promise<{ from: number; to: number }> {
  const raw = (await areas.local.get([localKeys.storageVersion]))[localKeys.storageVersion];
  const from = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  if (from > current) return { from, to: from };
  for (let v = from; v < current; v++) {
    const migrate = migrations[v];
    if (!migrate) throw new Error(`storage: no migration from v${v}`);
    await migrate(areas);
    await areas.local.set({ [localKeys.storageVersion]: v + 1 });
  }
  return { from, to: current };
}
