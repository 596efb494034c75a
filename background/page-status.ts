// What each tab's content scripts found: recognised grid or not, and the tenant the page revealed.
// Kept in storage.session so a worker restart does not forget it and nothing outlives the browser session.
import type { PageStatus } from '../src/messages';
import { parsed, sessionKeys, tabOfPageKey, tabRecordSchema, type StorageArea, type TabRecord } from '../src/storage';
import type { TabsPort } from './worker-ports';

export interface PageReport {
  recognized: boolean;
  layout?: string;
  missing?: string[];
  tenantHint?: string;
}

export class PageStatusService {
  constructor(
    private readonly session: StorageArea,
    private readonly tabs: TabsPort,
  ) {}

  private async read(tabId: number): Promise<TabRecord | undefined> {
    const key = sessionKeys.page(tabId);
    return parsed(tabRecordSchema, (await this.session.get([key]))[key]);
  }

  async recordPage(tabId: number, frameId: number, report: PageReport): Promise<void> {
    const previous = (await this.read(tabId)) ?? { frames: {} };
    const frame = { recognized: report.recognized, ...(report.layout !== undefined ? { layout: report.layout } : {}), ...(report.missing ? { missing: report.missing } : {}) };
    const tenantHint = report.tenantHint ?? previous.tenantHint;
    const next: TabRecord = { frames: { ...previous.frames, [String(frameId)]: frame }, ...(tenantHint !== undefined ? { tenantHint } : {}) };
    await this.session.set({ [sessionKeys.page(tabId)]: next });
  }

  /** Recognised when any frame found the grid; not recognised when some frame looked and none found it. */
  async pageStatus(tabId: number): Promise<PageStatus & { tenantHint?: string }> {
    const record = await this.read(tabId);
    const reports = Object.values(record?.frames ?? {});
    const found = reports.find((r) => r.recognized);
    if (found) return { recognized: true, layout: found.layout, tenantHint: record?.tenantHint };
    if (reports.length === 0) return { recognized: null, tenantHint: record?.tenantHint };
    return { recognized: false, missing: reports.flatMap((r) => r.missing ?? []), tenantHint: record?.tenantHint };
  }

  forgetClosedTabs(): void {
    const forget = (tabId: number) => void this.session.remove([sessionKeys.page(tabId)]);
    this.tabs.onRemoved(forget);
    // A navigation replaces the page: its old frames' reports no longer apply.
    this.tabs.onNavigated(forget);
  }

  /** Tabs whose content scripts reported an admin-center page (they get auth and job events by tab). */
  async tabsWithPages(): Promise<number[]> {
    return (await this.session.keys()).map(tabOfPageKey).filter((n): n is number => n !== undefined);
  }
}
