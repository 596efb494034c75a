// The failed users of a finished job, as the worker records them (Graph's code and the advice for it): the first
// few to list in the result, and all of them when the admin selects them in the grid.
import { useEffect, useState } from 'preact/hooks';
import type { JobItemRow as JobItemView } from '../../../src/messages';
import { describeFailure, type Failure, type Services } from '../../../content/services';

/** How many failed users the result lists; the job page lists every one. */
export const FAILED_LISTED = 20;
/** job/items answers at most this many per request. */
const PAGE = 1000;

export interface FailedItems {
  items: JobItemView[];
  total: number;
  /** Why they could not be read. */
  problem?: Failure;
}

/** Reads the first failed users again whenever `version` changes (a job that finished, again after a retry). */
export function useFailedItems(services: Services, jobId: string, version: string | undefined): FailedItems | undefined {
  const [state, setState] = useState<FailedItems | undefined>(undefined);
  useEffect(() => {
    if (version === undefined) return;
    let live = true;
    services.request('job/items', { jobId, offset: 0, limit: FAILED_LISTED, filter: 'failed' }).then(
      ({ items, total }) => live && setState({ items, total }),
      (err: unknown) => live && setState({ items: [], total: 0, problem: describeFailure(err) }),
    );
    return () => {
      live = false;
    };
  }, [jobId, version]);
  return state;
}

/** Every failed user of the job (page after page). */
export async function allFailedItems(services: Services, jobId: string): Promise<JobItemView[]> {
  const out: JobItemView[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { items, total } = await services.request('job/items', { jobId, offset, limit: PAGE, filter: 'failed' });
    out.push(...items);
    if (items.length < PAGE || out.length >= total) return out;
  }
}
