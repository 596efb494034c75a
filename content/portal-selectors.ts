// Every selector the extension uses on the admin center's DOM, in one place. Each is paired with the saved replica
// pages (test/fixtures/portal/*.html) it runs against and the number of matches expected in each, so a portal change
// shows up as a failing unit test (test/unit/portal-selectors.test.ts), not as a silent no-op. Only attributes the
// reference documents are used: Fluent's generated class names (`root-123`) change with every build.

/**
 * Saved pages the selectors are checked against. `tabs` keeps other lists alive beside All users (a hidden Deleted
 * users tab and a hidden earlier blade, 30 rows each with rows selected): document-wide counts include them, which is
 * why the content script reads one list at a time (grid-dom.ts findLists, live-list.ts).
 */
export const FIXTURES = ['grid', 'table', 'unrecognised', 'profile', 'tabs'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export interface PortalSelector {
  readonly css: string;
  /** What it finds, in words, for reports and reviewers. */
  readonly what: string;
  /** Number of matches in the whole document of each fixture. */
  readonly expect: Readonly<Record<FixtureName, number>>;
}

const sel = (css: string, what: string, expect: Record<FixtureName, number>): PortalSelector => ({ css, what, expect });

export const SELECTORS = {
  row: sel('[data-automationid="DetailsRow"]', 'grid rows (virtualized: only a window is rendered)', { grid: 30, table: 30, unrecognised: 0, profile: 0, tabs: 90 }),
  rowCheck: sel(
    '[data-automationid="DetailsRowCheck"][role="checkbox"][data-selection-toggle="true"]',
    'row selection checks',
    { grid: 30, table: 30, unrecognised: 0, profile: 0, tabs: 90 },
  ),
  upnCell: sel(
    '[data-automationid="DetailsRowCell"][data-automation-key="userPrincipalName"]',
    'user principal name cells',
    { grid: 30, table: 30, unrecognised: 0, profile: 0, tabs: 90 },
  ),
  displayNameCell: sel(
    '[data-automationid="DetailsRowCell"][data-automation-key="displayName"]',
    'display name cells',
    { grid: 30, table: 30, unrecognised: 0, profile: 0, tabs: 90 },
  ),
  /** Inside a row: the first link whose href ends in userId/<object id>. */
  rowLink: sel('a[href*="/userId/"]', 'links to user profiles', { grid: 30, table: 30, unrecognised: 30, profile: 0, tabs: 90 }),
  resultMessage: sel('div[data-testid="resultMessage"]', '"N users found"', { grid: 1, table: 1, unrecognised: 1, profile: 0, tabs: 3 }),
  commandBar: sel('[role="menubar"]', 'the command bar', { grid: 1, table: 1, unrecognised: 1, profile: 0, tabs: 3 }),
  commandBarItem: sel('.ms-CommandBarItem-link[role="menuitem"]', 'command bar buttons', { grid: 6, table: 6, unrecognised: 6, profile: 0, tabs: 12 }),
  overflowButton: sel('.ms-CommandBar-overflowButton', 'the command bar overflow ("...") button', { grid: 1, table: 1, unrecognised: 1, profile: 0, tabs: 1 }),
  headerCheck: sel('.ms-DetailsHeader-check', 'the header select-all check', { grid: 1, table: 1, unrecognised: 1, profile: 0, tabs: 3 }),
  headerCell: sel('[data-item-key]', 'column headers', { grid: 5, table: 5, unrecognised: 5, profile: 0, tabs: 15 }),
  searchBox: sel('input.ms-SearchBox-field', 'the search box', { grid: 1, table: 1, unrecognised: 1, profile: 0, tabs: 3 }),
} as const;

export type SelectorName = keyof typeof SELECTORS;

/** The parts whose absence means "this is not the All users grid as we know it": the DOM signature. */
export const SIGNATURE: readonly SelectorName[] = ['row', 'rowCheck', 'upnCell', 'rowLink', 'resultMessage', 'commandBar'];

export function css(name: SelectorName): string {
  return SELECTORS[name].css;
}
