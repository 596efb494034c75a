// Quota accounting: what the extension keeps in an area, by kind of record. The manifest asks for
// unlimitedStorage, so no quota stops a write; the figures show what history costs (and tests compare them).
import { entryBytes, type StorageArea } from './area';
import { jobOfWorkerKey, localKeys } from './keys';

export interface StorageUsage {
  total: number;
  jobs: number;
  jobFollowUpsAndStatus: number;
  other: number;
}

export async function storageUsage(area: StorageArea): Promise<StorageUsage> {
  const all = await area.keys();
  const stored = await area.get(all);
  const usage: StorageUsage = { total: 0, jobs: 0, jobFollowUpsAndStatus: 0, other: 0 };
  for (const [key, value] of Object.entries(stored)) {
    const bytes = entryBytes(key, value);
    usage.total += bytes;
    if (key.startsWith(`${localKeys.jobRoot}.`)) usage.jobs += bytes;
    else if (jobOfWorkerKey(key) !== undefined) usage.jobFollowUpsAndStatus += bytes;
    else usage.other += bytes;
  }
  return usage;
}
