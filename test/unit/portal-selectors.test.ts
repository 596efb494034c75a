// @vitest-environment happy-dom
// Every selector against every saved replica page: the count must be the one the selector module promises.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeMissing, findLists, isRowSelected, parseFoundCount, readGrid, readList, readRow } from '../../content/grid-dom';
import { chooseLiveList } from '../../content/live-list';
import { FIXTURES, SELECTORS, type FixtureName } from '../../content/portal-selectors';

function load(name: FixtureName): Document {
  const html = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../fixtures/portal', `${name}.html`), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}
const docs = Object.fromEntries(FIXTURES.map((f) => [f, load(f)])) as Record<FixtureName, Document>;

describe('selectors match each fixture the expected number of times', () => {
  for (const [name, selector] of Object.entries(SELECTORS)) {
    it.each(FIXTURES)(`${name} in %s`, (fixture) => {
      expect(docs[fixture].querySelectorAll(selector.css).length).toBe(selector.expect[fixture]);
    });
  }
  it('every selector declares a count for every fixture, and no selector keys on role or generated classes', () => {
    for (const [name, s] of Object.entries(SELECTORS)) {
      expect(Object.keys(s.expect).sort(), name).toEqual([...FIXTURES].sort());
      expect(s.css, name).not.toMatch(/\.(?:root|css|cell|check|link|wrapper|container)-\d+/);
      if (name !== 'rowCheck' && name !== 'commandBar' && name !== 'commandBarItem') expect(s.css, name).not.toMatch(/role=/);
    }
  });
});

describe('the DOM signature', () => {
  it.each(['grid', 'table'] as const)('recognises the %s layout', (fixture) => {
    const g = readGrid(docs[fixture]);
    expect(g.recognized).toBe(true);
    expect(g.missing).toEqual([]);
    expect(g.rows).toHaveLength(30);
    expect(g.layout).toBe(fixture === 'grid' ? 'details-list/grid' : 'details-list/table');
    expect(parseFoundCount(g.resultMessage?.textContent)).toBe(240);
  });
  it('does not recognise the renamed layout and says what is missing', () => {
    const g = readGrid(docs.unrecognised);
    expect(g.recognized).toBe(false);
    expect(g.missing).toEqual(['row', 'rowCheck', 'upnCell', 'rowLink']);
    expect(g.present).toBe(2);
    expect(describeMissing(g.missing)[0]).toMatch(/^row: /);
    expect(describeMissing(g.missing).every((m) => m.length <= 80)).toBe(true);
  });
  it('finds nothing of the grid in a profile view', () => {
    const g = readGrid(docs.profile);
    expect(g.recognized).toBe(false);
    expect(g.present).toBe(0);
  });
});

describe('rows', () => {
  it.each(['grid', 'table'] as const)('reads id, UPN and check state of every row in %s', (fixture) => {
    const infos = readGrid(docs[fixture]).rows.map(readRow);
    expect(infos.every((r) => r && /^[0-9a-f-]{36}$/.test(r.id) && r.userPrincipalName.includes('@'))).toBe(true);
    expect(new Set(infos.map((r) => r!.id)).size).toBe(30);
    const checked = infos.filter((r) => r!.checked);
    expect(checked).toHaveLength(1);
  });
  it('the table fixture is scrolled: rows 30..59 are rendered and row 47 is the selected one', () => {
    const rows = readGrid(docs.table).rows;
    expect(rows[0]!.getAttribute('data-item-index')).toBe('30');
    const selected = rows.find((r) => readRow(r)!.checked)!;
    expect(selected.getAttribute('data-item-index')).toBe('47');
  });
});

describe('parseFoundCount', () => {
  it.each([
    ['240 users found', 240],
    ['1 user found', 1],
    ['1,234 users found', 1234],
    ['1.234 Benutzer gefunden', 1234],
    ['12\u00a0345 utilisateurs trouvés', 12345],
    ['0 users found', 0],
  ])('%s → %d', (text, n) => expect(parseFoundCount(text)).toBe(n));
  it('is undefined without a number', () => expect(parseFoundCount('No users found')).toBeUndefined());
});

describe('the tabs fixture: one live list among lists kept alive', () => {
  // A DOMParser document has no layout or computed style: "shown" here is what the replica's markup says (the
  // browser's measurement, content/visibility.ts, is covered by content-live-list.test.ts and the e2e tests).
  const shown = (el: Element) => el.closest('[hidden], [aria-hidden="true"], [data-replica-blade]') === null;
  const doc = docs.tabs;

  it('reading the whole document mixes the lists: 90 rows, 9 shown as selected', () => {
    const g = readGrid(doc);
    expect(g.rows).toHaveLength(90);
    expect(g.rows.filter(isRowSelected)).toHaveLength(9);
  });

  it('finds three lists, each with its own rows, header select-all, command bar and "found"', () => {
    const lists = findLists(doc);
    expect(lists).toHaveLength(3);
    for (const list of lists) {
      const r = readList(list);
      expect(r.recognized).toBe(true);
      expect(r.rows).toHaveLength(30);
      expect(list.root.contains(r.headerCheck)).toBe(true);
      expect(list.view.contains(r.commandBar)).toBe(true);
    }
    expect(lists.map((l) => readList(l).rows.filter(isRowSelected).length)).toEqual([4, 2, 3]);
  });

  it('chooses the All users list: recycled rows 40..69, the two selected through the row state only', () => {
    const choice = chooseLiveList(doc, shown, undefined);
    expect(choice.kind).toBe('live');
    if (choice.kind !== 'live') return;
    const rows = choice.list.reading.rows;
    expect(rows.map((r) => r.getAttribute('data-item-index'))).toEqual(Array.from({ length: 30 }, (_, i) => String(40 + i)));
    const selected = rows.filter((r) => readRow(r)!.checked);
    expect(selected.map((r) => r.getAttribute('data-item-index'))).toEqual(['44', '51']);
    // The state is on the row: the check carries none.
    expect(selected.every((r) => r.querySelector('[data-automationid="DetailsRowCheck"]')!.hasAttribute('aria-checked'))).toBe(false);
    expect(parseFoundCount(choice.list.reading.resultMessage?.textContent)).toBe(240);
  });

  it('two lists shown at once: ambiguous; the attached list hidden and another shown: other', () => {
    const lists = findLists(doc);
    expect(chooseLiveList(doc, () => true, undefined)).toMatchObject({ kind: 'ambiguous' });
    const allUsers = lists[1]!.root;
    const deletedShown = (el: Element) => el.closest('[data-replica-blade], #tab-all-users') === null;
    expect(chooseLiveList(doc, deletedShown, allUsers)).toMatchObject({ kind: 'other' });
    // With nothing attached yet, the one shown list is taken (the script started on that tab).
    expect(chooseLiveList(doc, deletedShown, undefined)).toMatchObject({ kind: 'live' });
  });
});
