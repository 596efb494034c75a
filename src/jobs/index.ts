// Public API of the conversion job engine (pure: no browser APIs; the background supplies the ports).
export * from './model';
export type { AuthPort, BatchRequest, BatchResponse, Clock, GraphPort, HttpMethod, JobStorePort, NetworkPort, UserState } from './ports';
export { JobRunner, JobBusyError, type JobPorts, type RunnerDiagnostics } from './runner';
export { DEFAULT_RUNNER_CONFIG, type RunnerConfig } from './config';
export { createJob, listJobs, listJobsDetailed, readHeader, readItems, deleteJob, countStored, JobInputError, type ReadItemsQuery, type CreateJobOptions } from './jobs';
export { JobNotFoundError } from './job-file';
export { progressOf, type JobProgress } from './progress';
export { INVITATION_RATE, DIRECTORY_WRITE_RATE, SlidingWindowPacer, type RateLimit } from './pacer';
export { SCHEMA_VERSION, SchemaError, UnsupportedSchemaVersionError } from './schema';
export { invitationBody } from './requests';
export { systemClock, scaledClock } from './clock';
export { MemoryJobStore, SimulatedCrash, type CrashPlan } from './memory-store';
