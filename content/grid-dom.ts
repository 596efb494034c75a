// Reading the All users grid: the DOM signature, rows (object id, UPN, checked), the "N users found" count.
// Pure functions of a DOM tree (no extension API), so they run against the saved fixtures in unit tests.
import { userIdFromRowHref } from '../src/portal-routes';
import { SELECTORS, SIGNATURE, css, type SelectorName } from './portal-selectors';

export interface RowInfo {
  id: string;
  userPrincipalName: string;
  displayName: string;
  checked: boolean;
}

export interface GridReading {
  recognized: boolean;
  /** Signature parts not found (selector names). */
  missing: SelectorName[];
  /** How many signature parts were found: a partial grid is worth reporting as "not recognised". */
  present: number;
  layout: string;
  rows: Element[];
  commandBar: Element | null;
  resultMessage: Element | null;
  headerCheck: Element | null;
  searchBox: HTMLInputElement | null;
}

export const isChecked = (el: Element | null | undefined): boolean => el?.getAttribute('aria-checked') === 'true';

export function rowCheckOf(row: Element): Element | null {
  return row.querySelector(css('rowCheck'));
}

/** The object id of a row: from the first link in it that points at a user's profile. */
export function rowUserId(row: Element): string | undefined {
  for (const a of Array.from(row.querySelectorAll(css('rowLink')))) {
    const id = userIdFromRowHref(a.getAttribute('href') ?? '');
    if (id) return id;
  }
  return undefined;
}

export function readRow(row: Element): RowInfo | undefined {
  const id = rowUserId(row);
  if (id === undefined) return undefined;
  const check = rowCheckOf(row);
  return {
    id,
    userPrincipalName: row.querySelector(css('upnCell'))?.textContent?.trim() ?? '',
    displayName: row.querySelector(css('displayNameCell'))?.textContent?.trim() ?? '',
    checked: check ? isChecked(check) : row.getAttribute('aria-selected') === 'true',
  };
}

/**
 * The first number in "1,234 users found" (any locale's digit grouping: comma, dot, space, no-break space,
 * apostrophe). Undefined when the text holds no number.
 */
export function parseFoundCount(text: string | null | undefined): number | undefined {
  const m = /\d{1,3}(?:[,.\s\u00a0\u202f'’]\d{3})+(?!\d)|\d+/.exec(text ?? '');
  if (!m) return undefined;
  const n = Number(m[0].replace(/\D/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

/** The command bar that belongs to the grid: the first menubar holding Fluent command-bar buttons. */
function findCommandBar(root: ParentNode): Element | null {
  const bars = Array.from(root.querySelectorAll(css('commandBar')));
  return bars.find((b) => b.querySelector(css('commandBarItem'))) ?? null;
}

function layoutOf(rows: Element[]): string {
  const first = rows[0];
  if (!first) return 'unknown';
  if (first.getAttribute('role') === 'row') return 'details-list/grid';
  if (first.closest('[role="table"]')) return 'details-list/table';
  return 'details-list';
}

export function readGrid(root: ParentNode): GridReading {
  const rows = Array.from(root.querySelectorAll(css('row')));
  const commandBar = findCommandBar(root);
  const resultMessage = root.querySelector(css('resultMessage'));
  const found: Partial<Record<SelectorName, boolean>> = {
    row: rows.length > 0,
    rowCheck: rows.some((r) => rowCheckOf(r) !== null),
    upnCell: rows.some((r) => r.querySelector(css('upnCell')) !== null),
    rowLink: rows.some((r) => rowUserId(r) !== undefined),
    resultMessage: resultMessage !== null,
    commandBar: commandBar !== null,
  };
  const missing = SIGNATURE.filter((name) => !found[name]);
  return {
    recognized: missing.length === 0,
    missing,
    present: SIGNATURE.length - missing.length,
    layout: layoutOf(rows),
    rows,
    commandBar,
    resultMessage,
    headerCheck: root.querySelector(css('headerCheck')),
    searchBox: root.querySelector<HTMLInputElement>(css('searchBox')),
  };
}

/** Names of selectors, in words, for the page report (bounded: the protocol allows 20 × 80 characters). */
export function describeMissing(missing: readonly SelectorName[]): string[] {
  return missing.slice(0, 20).map((m) => `${m}: ${SELECTORS[m].what}`.slice(0, 80));
}
