// The extension's typed storage: one port per area, every key built in keys.ts, a schema per record, a layout
// version with migrations, quota accounting, and everything of a job as one operation.
export type { StorageArea, StorageAreas } from './area';
export { entryBytes } from './area';
export { MemoryStorageArea } from './memory-area';
export { localKeys, sessionKeys, STATUS_PAGE, jobOfWorkerKey, tabOfPageKey } from './keys';
export * from './records';
export { JobRecords, statusPagesOf } from './job-records';
export { migrateStorage, STORAGE_VERSION, STORAGE_MIGRATIONS } from './migrations';
export { storageUsage, type StorageUsage } from './usage';
