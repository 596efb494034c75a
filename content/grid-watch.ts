// Finding the All users grid (its DOM signature) as the view arrives and leaves, and reporting to the worker whether
// it was recognised. Each grid instance gets its own AbortSignal: adaptations that decorate it (selection sync, the
// command-bar control) stop when it goes away, and start again on the next one.
import { readGrid, describeMissing, parseFoundCount, readList, readRow, type GridReading, type ListScope } from './grid-dom';
import { watchDom } from './dom-watch';
import { chooseLiveList } from './live-list';
import { isShown } from './visibility';
import type { Feature } from './features';
import type { Observable } from './observable';
import type { Services } from './services';

/** One attachment to the live list (live-list.ts): ends when that list is hidden, replaced or gone. */
export interface GridSession {
  /** The live list as it was when the session started. */
  reading: GridReading;
  list: ListScope;
  /** The live list read again now (rows change with every scroll and search). */
  read(): GridReading;
  signal: AbortSignal;
}

/** What the bulk helpers and the control need to know about the grid as it is now. */
export interface GridFacts {
  /** "N users found"; undefined when the message holds no number. */
  foundCount: number | undefined;
  /** The search box's text (trimmed). */
  search: string;
  /** Object ids of the rows rendered now. */
  renderedIds: string[];
}

export interface GridWatchOptions {
  doc: Document;
  role: 'top' | 'frame';
  services: Services;
  /** Whether this document is expected to hold the grid (frame named UsersList, or the All users route). */
  expectsGrid: () => boolean;
  /** Only in the top page: `layout` reported when the grid is not in the top document at all. */
  topOnly?: boolean;
  tenantHint: () => string | undefined;
  onGrid: (session: GridSession) => void;
  /** Where the facts of the current grid are published (undefined while there is none). */
  facts: Observable<GridFacts | undefined>;
  /** How long a partial or expected grid may stay unrecognised before it is reported as such. */
  settleMs?: number;
}

export function readFacts(reading: GridReading): GridFacts {
  return {
    foundCount: parseFoundCount(reading.resultMessage?.textContent),
    search: reading.searchBox?.value.trim() ?? '',
    renderedIds: reading.rows.map(readRow).flatMap((r) => (r ? [r.id] : [])),
  };
}

/** Reports that stand for "the grid is there, but not one we attach to" (live-list.ts says why). */
const AMBIGUOUS = (n: number) => ({ recognized: false, layout: 'ambiguous', missing: [`${n} user lists are shown at once: not guessing which one is All users`] });
const OTHER_LIST = { recognized: false, layout: 'other-list', missing: ['the All users list is hidden and another user list is shown'] };

/** The adaptation, for the feature runner. */
export function allUsersGrid(opts: GridWatchOptions): Feature {
  return { name: 'all-users-grid', init: (signal) => watchGrid(opts, signal) };
}

export function watchGrid(opts: GridWatchOptions, signal: AbortSignal): void {
  const facts = opts.facts;
  let current: { root: Element; commandBar: Element; controller: AbortController } | undefined;
  /** The list attached to last: while it stays in the document, no other list is taken for it (live-list.ts). */
  let anchor: Element | undefined;
  let lastReport = '';
  let unrecognisedSince: number | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  const settleMs = opts.settleMs ?? 3000;

  const report = (payload: { recognized: boolean; layout?: string; missing?: string[] }) => {
    const tenantHint = opts.tenantHint();
    const full = { ...payload, ...(tenantHint ? { tenantHint } : {}) };
    const key = JSON.stringify(full);
    if (key === lastReport) return;
    lastReport = key;
    opts.services.request('page/report', full).catch((err: unknown) => {
      lastReport = ''; // try again on the next check
      opts.services.log('page/report failed', err);
    });
  };

  const endSession = () => {
    current?.controller.abort();
    current = undefined;
    facts.set(undefined);
  };

  /** Reports a state that is not "attached" only once it has lasted `settleMs` (views arrive, tabs animate). */
  const reportSettled = (payload: { recognized: boolean; layout?: string; missing?: string[] }) => {
    const now = Date.now();
    unrecognisedSince ??= now;
    if (now - unrecognisedSince >= settleMs) return report(payload);
    settleTimer ??= setTimeout(() => {
      settleTimer = undefined;
      if (!signal.aborted) check();
    }, settleMs - (now - unrecognisedSince) + 10);
  };

  const check = () => {
    const choice = chooseLiveList(opts.doc, isShown, anchor);
    if (choice.kind === 'live') {
      const { list } = choice;
      const reading = list.reading;
      const commandBar = reading.commandBar!;
      anchor = list.root;
      unrecognisedSince = undefined;
      const next = readFacts(reading);
      const prev = facts.value;
      if (!prev || prev.foundCount !== next.foundCount || prev.search !== next.search || prev.renderedIds.join() !== next.renderedIds.join()) facts.set(next);
      if (current?.root !== list.root || current.commandBar !== commandBar) {
        current?.controller.abort();
        const controller = new AbortController();
        signal.addEventListener('abort', () => controller.abort(), { once: true, signal: controller.signal });
        current = { root: list.root, commandBar, controller };
        const scope = { root: list.root, view: list.view };
        opts.onGrid({ reading, list: scope, read: () => readList(scope, isShown), signal: controller.signal });
      }
      report({ recognized: true, layout: reading.layout });
      return;
    }
    if (current) endSession();
    if (choice.kind === 'ambiguous') return reportSettled(AMBIGUOUS(choice.shown.length));
    if (choice.kind === 'other') return reportSettled(OTHER_LIST);
    const reading = readGrid(opts.doc);
    // Not (or no longer) the grid. Report "not recognised" only where a grid was expected or half of one is there,
    // and only once it has had time to arrive. A complete grid that is not shown (a kept-alive blade behind a
    // profile) is not a failure to recognise: nothing to report.
    // A frame keeps its name across views (the All users frame also shows a profile later): there the name alone
    // is not enough, some part of the grid must be there too.
    const candidate =
      !reading.recognized &&
      (opts.role === 'top' ? opts.expectsGrid() || reading.present >= 2 : reading.present >= 2 || (opts.expectsGrid() && reading.present >= 1));
    if (!candidate) {
      unrecognisedSince = undefined;
      return;
    }
    if (opts.topOnly && reading.present === 0) {
      reportSettled({ recognized: false, layout: 'portal-top', missing: ['grid: not in the top document (expected in a React-view frame)'] });
    } else {
      reportSettled({ recognized: false, layout: reading.layout, missing: describeMissing(reading.missing) });
    }
  };

  watchDom(opts.doc.documentElement, check, signal);
  opts.doc.defaultView?.addEventListener('hashchange', check, { signal });
  // A frame resized to nothing (or back) changes what is shown without any mutation inside it.
  opts.doc.defaultView?.addEventListener('resize', check, { signal });
  signal.addEventListener('abort', () => {
    if (settleTimer !== undefined) clearTimeout(settleTimer);
    endSession();
  }, { once: true });
  check();
}
