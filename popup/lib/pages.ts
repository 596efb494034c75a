// Paths of the extension's own pages (relative to the extension root, as the build lays them out).
export const PICKER_PAGE = 'popup/picker.html';
export const OPTIONS_PAGE = 'popup/options.html';
/** The popup page opened as a full tab on one job's details. */
export const jobPagePath = (jobId: string) => `popup/popup.html?view=tab&job=${encodeURIComponent(jobId)}`;
