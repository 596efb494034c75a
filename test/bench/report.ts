// Formatting of the printed figures: numbers, verdicts and the closing table.

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const sec = (ms: number, digits = 1): string => `${(ms / 1000).toFixed(digits)} s`;
export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
export const pct = (part: number, whole: number): string => `${whole === 0 ? '0.00' : ((100 * part) / whole).toFixed(2)} %`;
export const verdict = (met: boolean): string => (met ? 'met' : 'NOT MET');

/** Value at quantile q of an ascending array (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** Left-aligned columns separated by two spaces; the first row is the header, underlined. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const line = (row: readonly string[]): string => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const [head, ...body] = rows;
  if (!head) return '';
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
