// The CSV export's wiring: every item of the job (not just the page on screen, nor the filter's), turned into the
// audit CSV and handed to the download. Redeem links only when asked for (see REDEEM_LINK_COLUMN). Returns the
// number of rows written.
import type { JobSummary } from '../../../src/messages';
import { csvFileName, csvRow, fetchAllItems, toCsv, type CsvOptions } from '../../lib/csv';
import type { UiServices } from '../../lib/platform';

export async function exportJobCsv(
  services: UiServices,
  jobId: string,
  /** The summary already at hand, if any; otherwise it is asked for. */
  summary: JobSummary | undefined,
  download: (fileName: string, text: string) => void,
  /** The redeem-link column only when the admin ticked it (and then only for pending invitations). */
  opts: CsvOptions = {},
): Promise<number> {
  const job = summary ?? (await services.request('job/get', { jobId }));
  const items = await fetchAllItems((o, limit) => services.request('job/items', { jobId, offset: o, limit, filter: 'all' }));
  const text = toCsv(
    items.map((i) => csvRow(job, i, opts)),
    opts,
  );
  download(csvFileName(job), text);
  return items.length;
}
