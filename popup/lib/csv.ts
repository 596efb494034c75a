// The audit export of a job: one row per user, the columns an auditor asks for, safe to open in a
// spreadsheet (no cell is ever taken as a formula) and exactly recoverable by parsing it back.
import Papa from 'papaparse';
import type { JobItemRow as JobItemView, JobSummary } from '../../src/messages';
import { BOM, guardCell, unguardCell } from '../../src/spreadsheet';
import { toIso } from './format';

export const CSV_COLUMNS = [
  'userId',
  'userPrincipalName',
  'displayName',
  'email',
  'result',
  'graphErrorCode',
  'graphErrorMessage',
  'requestId',
  'time',
  'invitationState',
  'invitationStateChangedAt',
  'jobId',
  'tenantId',
  'ranBy',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export type CsvRow = Record<CsvColumn, string>;

/** One audit row for a job item. Times are ISO 8601 UTC. */
export function csvRow(job: Pick<JobSummary, 'id' | 'tenantId' | 'ranBy'>, item: JobItemView): CsvRow {
  return {
    userId: item.userId,
    userPrincipalName: item.userPrincipalName,
    displayName: item.displayName,
    email: item.email,
    result: item.state,
    graphErrorCode: item.errorCode ?? '',
    graphErrorMessage: item.errorMessage ?? '',
    requestId: item.requestId ?? '',
    time: toIso(item.updatedAt),
    invitationState: item.externalUserState ?? '',
    invitationStateChangedAt: toIso(item.externalUserStateChangeDateTime),
    jobId: job.id,
    tenantId: job.tenantId,
    ranBy: job.ranBy,
  };
}

export { guardCell, unguardCell };

/** CSV text (UTF-8 BOM for spreadsheet apps, CRLF line ends, every field guarded). */
export function toCsv(rows: readonly CsvRow[]): string {
  const data = rows.map((r) => CSV_COLUMNS.map((c) => guardCell(r[c])));
  return BOM + Papa.unparse({ fields: [...CSV_COLUMNS], data }, { newline: '\r\n', quotes: false, header: true });
}

/** Parse an export back into rows (guards removed). Used by tests and for re-imports. */
export function parseJobCsv(text: string): CsvRow[] {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const parsed = Papa.parse<Record<string, string>>(input, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV parse error: ${parsed.errors[0]?.message ?? 'unknown'}`);
  return parsed.data.map((raw) => {
    const row = {} as CsvRow;
    for (const c of CSV_COLUMNS) row[c] = unguardCell(raw[c] ?? '');
    return row;
  });
}

/** e.g. `b2b-convert-<job id>-2026-11-27.csv` */
export function csvFileName(job: Pick<JobSummary, 'id' | 'createdAt'>): string {
  const day = toIso(job.createdAt).slice(0, 10) || 'job';
  return `b2b-convert-${job.id.replace(/[^A-Za-z0-9_-]/g, '')}-${day}.csv`;
}

/** Read every item of a job, page by page. */
export async function fetchAllItems(
  fetchPage: (offset: number, limit: number) => Promise<{ total: number; items: JobItemView[] }>,
  pageSize = 1000,
): Promise<JobItemView[]> {
  const all: JobItemView[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await fetchPage(offset, pageSize);
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}
