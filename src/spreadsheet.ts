// Cells written to CSV files the admin opens in a spreadsheet: a cell that a spreadsheet could run as a formula is
// guarded with a leading single quote. Shared by the job's audit export and the plan export.

// Spreadsheets treat a cell starting with one of these as a formula (CR and tab too, after trimming).
// A leading apostrophe is guarded as well, so that removing exactly one guard quote is always reversible.
const TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', "'"]);

/** Prefix a cell that a spreadsheet could run as a formula with a single quote. */
export function guardCell(value: string): string {
  return value.length > 0 && TRIGGERS.has(value[0]!) ? `'${value}` : value;
}

/** Undo `guardCell`. */
export function unguardCell(value: string): string {
  return value.length > 1 && value[0] === "'" && TRIGGERS.has(value[1]!) ? value.slice(1) : value;
}

/** UTF-8 byte order mark: spreadsheet apps (and Windows PowerShell 5.1 for scripts) read the file as UTF-8 then. */
export const BOM = '\uFEFF';
