// The plan as CSV for a change board: one row per selected user (converted or not), the verdict and the exact
// writes as JSON, and the plan hash on every row so a printed page still names the plan it belongs to.
import Papa from 'papaparse';
import { BOM, guardCell, unguardCell } from '../spreadsheet';
import type { Plan, PlannedWrite } from './plan';

export const PLAN_CSV_COLUMNS = ['userId', 'userPrincipalName', 'displayName', 'externalEmail', 'eligibility', 'reason', 'writeSummary', 'writes', 'planHash'] as const;
export type PlanCsvColumn = (typeof PLAN_CSV_COLUMNS)[number];
export type PlanCsvRow = Record<PlanCsvColumn, string>;

function summarize(w: PlannedWrite): string {
  if (w.method === 'POST') return `POST ${w.path}`;
  const body = (w.body ?? {}) as Record<string, unknown>;
  return `${w.method} ${w.path} (${Object.keys(body).join(', ')})`;
}

export function planCsvRows(plan: Plan): PlanCsvRow[] {
  return plan.rows.map((r) => ({
    userId: r.userId,
    userPrincipalName: r.userPrincipalName,
    displayName: r.displayName,
    externalEmail: r.email,
    eligibility: r.eligibility,
    reason: r.reason,
    writeSummary: r.writes.length === 0 ? 'none' : r.writes.map(summarize).join('; '),
    writes: JSON.stringify(r.writes),
    planHash: plan.hash,
  }));
}

/** CSV text: UTF-8 BOM, CRLF, every cell guarded against formula execution. */
export function planToCsv(plan: Plan): string {
  const data = planCsvRows(plan).map((r) => PLAN_CSV_COLUMNS.map((c) => guardCell(r[c])));
  return BOM + Papa.unparse({ fields: [...PLAN_CSV_COLUMNS], data }, { newline: '\r\n', header: true });
}

/** Parse a plan CSV back (guards removed): for tests and for checking a plan against a job. */
export function parsePlanCsv(text: string): PlanCsvRow[] {
  const input = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const parsed = Papa.parse<Record<string, string>>(input, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV parse error: ${parsed.errors[0]?.message ?? 'unknown'}`);
  return parsed.data.map((raw) => {
    const row = {} as PlanCsvRow;
    for (const c of PLAN_CSV_COLUMNS) row[c] = unguardCell(raw[c] ?? '');
    return row;
  });
}

/** e.g. `b2b-convert-plan-1a2b3c4d.csv` (the hash's first 8 characters). */
export function planFileName(plan: Pick<Plan, 'hash'>, ext: 'csv' | 'ps1'): string {
  return `b2b-convert-plan-${plan.hash.slice(0, 8)}.${ext}`;
}
