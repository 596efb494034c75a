// What each tab's content scripts found: recognised grid or not, and the tenant the page revealed.
// Kept in storage.session so a worker restart does not forget it and nothing outlives the browser session.
import type { PageStatus } from '../src/messages';

interface FrameReport {
  recognized: boolean;
  layout?: string;
  missing?: string[];
}

interface TabRecord {
  /** By frame id: the top page and the React-view frame report separately. */
  frames: Record<string, FrameReport>;
  tenantHint?: string;
}

const key = (tabId: number) => `page:${tabId}`;

async function read(tabId: number): Promise<TabRecord | undefined> {
  return (await chrome.storage.session.get(key(tabId)))[key(tabId)] as TabRecord | undefined;
}

export async function recordPage(
  tabId: number,
  frameId: number,
  report: { recognized: boolean; layout?: string; missing?: string[]; tenantHint?: string },
): Promise<void> {
  const previous = (await read(tabId)) ?? { frames: {} };
  const next: TabRecord = {
    frames: { ...previous.frames, [String(frameId)]: { recognized: report.recognized, layout: report.layout, missing: report.missing } },
    tenantHint: report.tenantHint ?? previous.tenantHint,
  };
  await chrome.storage.session.set({ [key(tabId)]: next });
}

/** Recognised when any frame found the grid; not recognised when some frame looked and none found it. */
export async function pageStatus(tabId: number): Promise<PageStatus & { tenantHint?: string }> {
  const record = await read(tabId);
  const reports = Object.values(record?.frames ?? {});
  const found = reports.find((r) => r.recognized);
  if (found) return { recognized: true, layout: found.layout, tenantHint: record?.tenantHint };
  if (reports.length === 0) return { recognized: null, tenantHint: record?.tenantHint };
  return { recognized: false, missing: reports.flatMap((r) => r.missing ?? []), tenantHint: record?.tenantHint };
}

export function forgetClosedTabs(): void {
  chrome.tabs.onRemoved.addListener((tabId) => void chrome.storage.session.remove(key(tabId)));
  // A navigation replaces the page: its old frames' reports no longer apply.
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading' && change.url) void chrome.storage.session.remove(key(tabId));
  });
}

/** Tabs whose content scripts reported an admin-center page (they get auth and job events by tab). */
export async function tabsWithPages(): Promise<number[]> {
  const all = await chrome.storage.session.get(null);
  return Object.keys(all)
    .filter((k) => k.startsWith('page:'))
    .map((k) => Number(k.slice('page:'.length)))
    .filter((n) => Number.isInteger(n));
}
