// What the runner's controls do to a job that is not being driven: requeue the failed users, record the end of a job
// with nothing left. Kept apart from the runner, which decides when these apply.
import type { JobFile } from './job-file';
import { endStatus, nextStep, nothingLeft, type JobHeader } from './model';

/** Pause applies to a job that is working or waiting by itself; a cancel under way is not paused. */
export function pausable(header: JobHeader): boolean {
  return header.status === 'running' || header.status === 'paused-offline' || (header.status === 'waiting-for-sign-in' && !header.cancelRequested);
}

/** An undo job dropped each failed user's temporary password with the failure: a retry is a new undo review. */
export const NO_UNDO_RETRY =
  'The users of a Convert back to internal job cannot be retried: their temporary passwords are no longer kept. Open Convert back to internal again for them.';

/** The failed items as a new round (attempts reset; steps already applied are not redone); the job runs again. */
export async function requeueFailed(file: JobFile): Promise<void> {
  const round = file.header.round + 1;
  for (let c = 0; c < file.header.chunkCount; c++) {
    await file.load(c);
    const { start, end } = file.range(c);
    for (let i = start; i < end; i++) {
      const state = file.state(i);
      if (state.status !== 'failed') continue;
      const step = nextStep(file.item(i), state.steps);
      file.update(i, { status: step === undefined || state.steps === 0 ? 'queued' : step, sent: false, attempt: 0, steps: state.steps, round });
    }
    await file.flush();
  }
  file.header.round = round;
  delete file.header.finishedAt;
  file.setStatus('running');
  await file.flush();
}

/** Records the end of a job with nothing left (see nothingLeft); false when something is left after all. */
export async function endIfNothingLeft(file: JobFile, cancelAsked: boolean, now: () => number): Promise<boolean> {
  await file.recount();
  if (!nothingLeft(file.header.counters)) return false;
  file.setStatus(endStatus(file.header.counters, cancelAsked));
  file.header.finishedAt = now();
  file.touchHeader();
  await file.flush();
  return true;
}
