// Which review document may have a selection: decided from the browser's reports (ancestors, tab), never from a URL.
import { describe, expect, it } from 'vitest';
import { claimReview, decideReviewFrame, REVIEW_TTL_MS, type StoredReview } from '../../src/review-handoff';

const ENTRA = 'https://entra.microsoft.com';
const FRAME = 'https://sandbox-1.reactblade.portal.azure.net';
const ID = '0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d';
const stored = (o: Partial<StoredReview> = {}): StoredReview => ({ userIds: [ID], placement: 'frame', openerOrigin: FRAME, tabId: 7, createdAt: 1_000, ...o });

describe('review frame guard', () => {
  it('accepts the admin center (top page or React-view frame) and the extension window', () => {
    expect(decideReviewFrame([FRAME, ENTRA])).toEqual({ ok: true, placement: 'frame' });
    expect(decideReviewFrame([ENTRA])).toEqual({ ok: true, placement: 'frame' });
    expect(decideReviewFrame([])).toEqual({ ok: true, placement: 'window' });
  });
  it('refuses any other framer, at any level, and mixed clouds', () => {
    expect(decideReviewFrame(['https://evil.example'])).toMatchObject({ ok: false });
    expect(decideReviewFrame([FRAME, 'https://evil.example'])).toMatchObject({ ok: false });
    expect(decideReviewFrame([ENTRA, 'https://evil.example'])).toMatchObject({ ok: false });
    expect(decideReviewFrame(['https://evil.example', ENTRA])).toMatchObject({ ok: false });
    expect(decideReviewFrame([FRAME, FRAME])).toMatchObject({ ok: false });
    expect(decideReviewFrame([FRAME, 'https://portal.azure.us'])).toMatchObject({ ok: false });
  });
});

describe('claiming the selection', () => {
  it('the framed review of the page that opened it gets exactly the ids', () => {
    expect(claimReview(stored(), [FRAME, ENTRA], 2_000)).toEqual({ ok: true, review: { userIds: [ID], tabId: 7, placement: 'frame' } });
    expect(claimReview(stored({ tenantHint: 'contoso.com' }), [FRAME, ENTRA], 2_000)).toMatchObject({ ok: true, review: { tenantHint: 'contoso.com' } });
  });
  it('another framer in that tab, a window without a hand-over, or a late claim gets nothing', () => {
    expect(claimReview(stored(), [ENTRA], 2_000)).toMatchObject({ ok: false, reason: 'This review was opened by another page.' });
    expect(claimReview(stored(), [], 2_000)).toMatchObject({ ok: false });
    expect(claimReview(stored({ placement: 'window' }), [FRAME, ENTRA], 2_000)).toMatchObject({ ok: false });
    expect(claimReview(undefined, [FRAME, ENTRA], 2_000)).toMatchObject({ ok: false, reason: expect.stringMatching(/No selection is waiting/) });
    expect(claimReview(stored(), [FRAME, ENTRA], 1_000 + REVIEW_TTL_MS + 1)).toMatchObject({ ok: false });
  });
  it('the extension window gets the selection handed over to it', () => {
    expect(claimReview(stored({ placement: 'window' }), [], 2_000)).toEqual({ ok: true, review: { userIds: [ID], tabId: 7, placement: 'window' } });
  });
});
