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
/**
 * The redeem-link column: only when the admin asks for it. A redeem link lets whoever holds it redeem the
 * invitation, and a CSV travels (mail, tickets, shares); even then it is filled only for pending invitations.
 */
export const REDEEM_LINK_COLUMN = 'inviteRedeemUrl';
export type CsvRow = Record<CsvColumn, string> & { [REDEEM_LINK_COLUMN]?: string };

export interface CsvOptions {
  /** Adds the redeem-link column (pending invitations only). */
  redeemLinks?: boolean;
}

/** The columns of an export, in order. */
export function csvColumns(opts: CsvOptions = {}): string[] {
  return opts.redeemLinks ? [...CSV_COLUMNS, REDEEM_LINK_COLUMN] : [...CSV_COLUMNS];
}

/** The item's redeem link if its invitation is still pending, else ''. */
export function pendingRedeemLink(item: JobItemView): string {
  return item.inviteRedeemUrl && item.externalUserState === 'PendingAcceptance' ? item.inviteRedeemUrl : '';
}

/** One audit row for a job item. Times are ISO 8601 UTC. */
export function csvRow(job: Pick<JobSummary, 'id' | 'tenantId' | 'ranBy'>, item: JobItemView, opts: CsvOptions = {}): CsvRow {
  return {
    ...(opts.redeemLinks ? { [REDEEM_LINK_COLUMN]: pendingRedeemLink(item) } : {}),
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
export function toCsv(rows: readonly CsvRow[], opts: CsvOptions = {}): string {
  const columns = csvColumns(opts);
  const data = rows.map((r) => columns.map((c) => guardCell((r as Record<string, string | undefined>)[c] ?? '')));
  return BOM + Papa.unparse({ fields: columns, data }, { newline: '\r\n', quotes: false, header: true });
}

/** Parse an export back into rows (guards removed). Used by tests and for re-imports. */
export function parseJobCsv(text: string): CsvRow[] {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const parsed = Papa.parse<Record<string, string>>(input, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV parse error: ${parsed.errors[0]?.message ?? 'unknown'}`);
  return parsed.data.map((raw) => {
    const row = {} as CsvRow;
    for (const c of CSV_COLUMNS) row[c] = unguardCell(raw[c] ?? '');
    if (parsed.meta.fields?.includes(REDEEM_LINK_COLUMN)) row[REDEEM_LINK_COLUMN] = unguardCell(raw[REDEEM_LINK_COLUMN] ?? '');
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
