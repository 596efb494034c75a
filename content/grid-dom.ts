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
  return {
    id,
    userPrincipalName: row.querySelector(css('upnCell'))?.textContent?.trim() ?? '',
    displayName: row.querySelector(css('displayNameCell'))?.textContent?.trim() ?? '',
    checked: isRowSelected(row),
  };
}

/**
 * Whether the grid shows the row selected. Fluent marks it on the row check (`aria-checked`), on the row
 * (`aria-selected`, the `is-selected` class), or both; any one of them saying so counts.
 */
export function isRowSelected(row: Element): boolean {
  return isChecked(rowCheckOf(row)) || row.getAttribute('aria-selected') === 'true' || row.classList.contains('is-selected');
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

/** Chooses among several matches: the first that `prefer` accepts (shown ones), else the first. */
type Prefer = (el: Element) => boolean;
const pick = <T extends Element>(els: T[], prefer: Prefer | undefined): T | null => (prefer ? els.find(prefer) : undefined) ?? els[0] ?? null;

/** The command bar that belongs to the grid: a menubar holding Fluent command-bar buttons. */
function findCommandBar(view: ParentNode, prefer?: Prefer): Element | null {
  const bars = Array.from(view.querySelectorAll(css('commandBar'))).filter((b) => b.querySelector(css('commandBarItem')));
  return pick(bars, prefer);
}

function layoutOf(rows: Element[]): string {
  const first = rows[0];
  if (!first) return 'unknown';
  if (first.getAttribute('role') === 'row') return 'details-list/grid';
  if (first.closest('[role="table"]')) return 'details-list/table';
  return 'details-list';
}

/**
 * Reads a grid: its rows are those under `rowsRoot`; its command bar, search box, "N users found" and header check
 * are found in `view` (the part of the page the list belongs to). `prefer` picks among several matches in the view.
 */
export function readScope(rowsRoot: ParentNode, view: ParentNode, prefer?: Prefer): GridReading {
  const rows = Array.from(rowsRoot.querySelectorAll(css('row')));
  const commandBar = findCommandBar(view, prefer);
  const resultMessage = pick(Array.from(view.querySelectorAll(css('resultMessage'))), prefer);
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
    headerCheck: pick(Array.from(rowsRoot.querySelectorAll(css('headerCheck'))), prefer),
    searchBox: pick(Array.from(view.querySelectorAll<HTMLInputElement>(css('searchBox'))), prefer),
  };
}

/** The whole document read as one grid: what is there at all (for the "not recognised" report and the fixtures). */
export function readGrid(root: ParentNode): GridReading {
  return readScope(root, root);
}

/** One list on the page: the element holding its rows and column headers, and the view it belongs to. */
export interface ListScope {
  /** The nearest ancestor of the rows that also holds the list's column headers (or the rows' parent). */
  root: Element;
  /** The nearest ancestor of `root` that holds a command bar: where the list's search box and counts live. */
  view: Element;
}

const hasHeader = (el: Element) => el.querySelector(css('headerCell')) !== null || el.querySelector(css('headerCheck')) !== null;

/**
 * Every list in the document, in document order. The portal keeps several alive at once (tab panels, earlier blades,
 * a second list such as Deleted users), each with its own rows, header select-all and selection state: rows are
 * grouped by the list they belong to, never read as one.
 */
export function findLists(doc: ParentNode): ListScope[] {
  const rootOfParent = new Map<Element, Element>();
  const roots: Element[] = [];
  for (const row of Array.from(doc.querySelectorAll(css('row')))) {
    const parent = row.parentElement;
    if (!parent) continue;
    let root = rootOfParent.get(parent);
    if (!root) {
      let a: Element | null = parent;
      while (a && !hasHeader(a)) a = a.parentElement;
      root = a ?? parent;
      rootOfParent.set(parent, root);
    }
    if (!roots.includes(root)) roots.push(root);
  }
  // A list nested in another list's root (it has no header of its own) is read as part of that one.
  const outer = roots.filter((r) => !roots.some((o) => o !== r && o.contains(r)));
  return outer.map((root) => {
    let view: Element | null = root;
    while (view && !findCommandBar(view)) view = view.parentElement;
    return { root, view: view ?? root };
  });
}

export function readList(list: ListScope, prefer?: Prefer): GridReading {
  return readScope(list.root, list.view, prefer);
}

/** Names of selectors, in words, for the page report (bounded: the protocol allows 20 × 80 characters). */
export function describeMissing(missing: readonly SelectorName[]): string[] {
  return missing.slice(0, 20).map((m) => `${m}: ${SELECTORS[m].what}`.slice(0, 80));
}
