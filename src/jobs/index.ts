// Public API of the job engine: conversion jobs, and undo jobs that convert users back to internal. Pure: no browser
// APIs; the background supplies the ports.
//
// Use from the background:
//   const runner = new JobRunner({ store, graph, auth, network, clock: systemClock, onProgress });
//   on worker start:     void runner.resumeAll();
//   on "convert":        const header = await runner.createJob(input); void runner.run(header.id);
//   controls:            runner.pause(id) / resume(id) / cancel(id) / retryFailed(id)
//   UI:                  runner.listJobs(), runner.readItems(id, { offset, limit, filter })
// Guarantees: a write is recorded as in flight before it is sent; an unknown outcome is read back
// before anything is re-sent; nothing is recorded as done without a 2xx or a read showing it.
// Persistence layout and versioning: see schema.ts. Crash/scale behaviour: test/unit/jobs-*.test.ts.
export * from './model';
export { SignInNeededError } from './ports';
export type { AuthPort, BatchRequest, BatchResponse, Clock, GraphPort, GraphVersion, HttpMethod, JobStorePort, NetworkPort, UserState } from './ports';
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
