// What tabs reported about their page, on a fake session area and fake tab events.
import { describe, expect, it } from 'vitest';
import { PageStatusService } from '../../background/page-status';
import { sessionKeys } from '../../src/storage';
import { fakePorts } from '../support/worker-fakes';

function setUp() {
  const ports = fakePorts();
  const pages = new PageStatusService(ports.storage.session, ports.tabs);
  pages.forgetClosedTabs();
  return { ports, pages };
}

describe('PageStatusService', () => {
  it('knows nothing of a tab that never reported', async () => {
    expect(await setUp().pages.pageStatus(3)).toEqual({ recognized: null, tenantHint: undefined });
  });

  it('calls a tab recognised when any frame found the grid, and keeps the tenant the page revealed', async () => {
    const { pages } = setUp();
    await pages.recordPage(3, 0, { recognized: false, missing: ['grid'], tenantHint: 'contoso.example' });
    expect(await pages.pageStatus(3)).toEqual({ recognized: false, missing: ['grid'], tenantHint: 'contoso.example' });
    await pages.recordPage(3, 12, { recognized: true, layout: 'react-view' });
    expect(await pages.pageStatus(3)).toEqual({ recognized: true, layout: 'react-view', tenantHint: 'contoso.example' });
  });

  it('forgets a tab when it closes or navigates, and lists the tabs that reported', async () => {
    const { ports, pages } = setUp();
    await pages.recordPage(3, 0, { recognized: true, layout: 'top' });
    await pages.recordPage(4, 0, { recognized: true, layout: 'top' });
    await pages.recordPage(5, 0, { recognized: false });
    await ports.storage.session.set({ [sessionKeys.review(6)]: { userIds: [] } });
    expect((await pages.tabsWithPages()).sort()).toEqual([3, 4, 5]);
    ports.fire.tabRemoved(3);
    ports.fire.tabNavigated(4);
    await new Promise((r) => setTimeout(r, 0));
    expect(await pages.tabsWithPages()).toEqual([5]);
    expect((await pages.pageStatus(4)).recognized).toBeNull();
  });

  it('treats an unreadable record as no report (nothing of its shape is trusted)', async () => {
    const { ports, pages } = setUp();
    await ports.storage.session.set({ [sessionKeys.page(3)]: { frames: 'not a record' } });
    expect((await pages.pageStatus(3)).recognized).toBeNull();
    await pages.recordPage(3, 0, { recognized: true, layout: 'top' });
    expect((await pages.pageStatus(3)).recognized).toBe(true);
  });
});
