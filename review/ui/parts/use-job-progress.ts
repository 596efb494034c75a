// The submitted job's summary as it changes: taken from the worker's progress broadcasts, and polled as well in case
// a broadcast is missed (the worker may have been restarted), while the job is not over — and again once a retry
// of its failed users has started it anew.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { JobSummary } from '../../../src/messages';
import { describeFailure, type Services } from '../../../content/services';

export function useJobProgress(services: Services, jobId: string, pollMs: number | undefined) {
  const [summary, setSummary] = useState<JobSummary | undefined>(undefined);
  /** Why the last poll failed; cleared by the next answer. */
  const [pollProblem, setPollProblem] = useState('');
  const finished = useRef(false);
  /** Takes a summary from any source (broadcast, poll, a control's answer). */
  const accept = (s: JobSummary) => {
    finished.current = s.finishedAt !== undefined;
    setSummary(s);
  };

  useEffect(() => {
    const controller = new AbortController();
    services.onEvent((e) => {
      if (e.event === 'job/progress' && e.jobId === jobId && !controller.signal.aborted) accept(e.summary);
    }, controller.signal);
    const poll = () => {
      if (finished.current || controller.signal.aborted) return;
      services.request('job/get', { jobId }).then(
        (s) => {
          setPollProblem('');
          if (!controller.signal.aborted) accept(s);
        },
        (err: unknown) => !controller.signal.aborted && setPollProblem(describeFailure(err).message),
      );
    };
    poll();
    const timer = setInterval(poll, pollMs ?? 2000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [jobId]);

  return { summary, accept, pollProblem };
}
