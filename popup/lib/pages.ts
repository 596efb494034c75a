// Paths of the extension's own pages (relative to the extension root, as the build lays them out).
export const PICKER_PAGE = 'popup/picker.html';
export const OPTIONS_PAGE = 'popup/options.html';
/** The popup page opened as a full tab on one job's details. */
export const jobPagePath = (jobId: string) => `popup/popup.html?view=tab&job=${encodeURIComponent(jobId)}`;
/** The undo review page: the conversion job and the users to convert back, in the fragment (never sent anywhere). */
export const UNDO_REVIEW_PAGE = 'review/undo.html';
export const undoReviewPath = (jobId: string, userIds: readonly string[]) =>
  `${UNDO_REVIEW_PAGE}#job=${encodeURIComponent(jobId)}&users=${userIds.map(encodeURIComponent).join(',')}`;

/** The job and users an undo review was opened for; the worker checks both (undo/preview) before showing anything. */
export function parseUndoReviewHash(hash: string): { jobId: string; userIds: string[] } | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const jobId = params.get('job') ?? '';
  const userIds = (params.get('users') ?? '').split(',').filter((id) => id !== '');
  return jobId !== '' && userIds.length > 0 ? { jobId, userIds } : undefined;
}
