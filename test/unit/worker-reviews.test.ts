// The selections waiting for review, on fake ports: which review document may claim one (src/review-handoff.ts
// decides; here: the worker keeps them per tab, opens the extension's own window, and forgets closed tabs).
import { describe, expect, it } from 'vitest';
import { REVIEW_PAGE, ReviewsService } from '../../background/reviews';
import { REVIEW_TTL_MS } from '../../src/review-handoff';
import { sessionKeys } from '../../src/storage';
import { fakePorts } from '../support/worker-fakes';

const PORTAL = 'https://entra.microsoft.com';
const IDS = ['00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000002'];

function setUp() {
  const ports = fakePorts();
  let now = 1_000_000;
  const reviews = new ReviewsService({ session: ports.storage.session, tabs: ports.tabs, windows: ports.windows, extension: ports.extension, clock: { now: () => now } });
  reviews.forgetClosedTabs();
  return { ports, reviews, advance: (ms: number) => void (now += ms) };
}

describe('ReviewsService', () => {
  it('hands the selection to the review framed by the page that opened it, and to nobody else', async () => {
    const { reviews } = setUp();
    await reviews.open(7, PORTAL, { userIds: IDS, tenantHint: 'contoso.example' });
    expect(await reviews.get(7, [PORTAL])).toEqual({ userIds: IDS, tenantHint: 'contoso.example', tabId: 7, placement: 'frame' });
    await expect(reviews.get(7, ['https://evil.example'])).rejects.toThrow('not the admin center');
    await expect(reviews.get(7, [])).rejects.toThrow('This review was not opened here.');
    await expect(reviews.get(8, [PORTAL])).rejects.toThrow('No selection is waiting for review');
    await expect(reviews.get(undefined, [PORTAL])).rejects.toThrow('admin center or in the extension’s own window');
  });

  it('forgets a selection nobody claimed in time, and the selections of closed tabs', async () => {
    const { ports, reviews, advance } = setUp();
    await reviews.open(7, PORTAL, { userIds: IDS });
    await reviews.open(8, PORTAL, { userIds: IDS });
    ports.fire.tabRemoved(8);
    await new Promise((r) => setTimeout(r, 0));
    expect(await ports.storage.session.keys()).toEqual([sessionKeys.review(7)]);
    advance(REVIEW_TTL_MS + 1);
    await expect(reviews.get(7, [PORTAL])).rejects.toThrow('No selection is waiting for review');
  });

  it('opens the extension’s own window for a browser whose framed review cannot prove it is seen', async () => {
    const { ports, reviews } = setUp();
    ports.nextWindowTab = 91;
    await reviews.openInWindow(7, PORTAL, { userIds: IDS });
    expect(ports.windowsOpened).toEqual([{ url: `chrome-extension://${ports.extension.id}/${REVIEW_PAGE}`, width: 1100, height: 800 }]);
    // The window's own tab holds the selection; the admin-center tab it came from stays named in it.
    expect(await reviews.get(91, [])).toEqual({ userIds: IDS, tabId: 7, placement: 'window' });
    await expect(reviews.get(91, [PORTAL])).rejects.toThrow('This review was not opened here.');
    await expect(reviews.get(7, [])).rejects.toThrow('No selection is waiting for review');
  });

  it('moves a framed review to the extension’s window only when the framed one could claim it', async () => {
    const { ports, reviews } = setUp();
    await reviews.open(7, PORTAL, { userIds: IDS });
    await expect(reviews.openWindowFor(7, ['https://evil.example'])).rejects.toThrow('not the admin center');
    expect(ports.windowsOpened).toEqual([]);
    await reviews.openWindowFor(7, [PORTAL]);
    expect(await reviews.get(90, [])).toMatchObject({ userIds: IDS, tabId: 7, placement: 'window' });
  });

  it('says so when the window did not open, and a review asking meanwhile waits for the window', async () => {
    const { ports, reviews } = setUp();
    ports.nextWindowTab = undefined;
    await expect(reviews.openInWindow(7, PORTAL, { userIds: IDS })).rejects.toThrow('The review window did not open.');
    // A review document may ask before the window told the worker its tab: it waits for the opening to finish.
    let opened!: (tab: number) => void;
    ports.windows.openPopup = () => new Promise((resolve) => (opened = resolve));
    const opening = reviews.openInWindow(7, PORTAL, { userIds: IDS });
    const asked = reviews.get(92, []);
    await new Promise((r) => setTimeout(r, 0));
    opened(92);
    await opening;
    expect((await asked).userIds).toEqual(IDS);
  });
});
