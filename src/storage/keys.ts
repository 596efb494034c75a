// Every storage key the extension writes, in one place, by area. A key is built here or nowhere: a record that
// is written under one spelling and deleted under another (as `jstatus.<job>` once was, while the records were
// `jstatus.<job>.<page>`) is how storage leaks.
import { keys as engineKeys, KEY_ROOT } from '../jobs/schema';

/** Invitation-state records hold this many users each: a refresh reads 10 × 300 ids per record. */
export const STATUS_PAGE = 3000;

/** storage.local: survives worker and browser restarts. */
export const localKeys = {
  /** The admin's saved settings (the options page writes them, the worker reads them). */
  settings: 'settings',
  /** The last enterprise policy seen (storage.managed's first read after start-up takes seconds). */
  policyCache: 'policyCache',
  /** The signed-in account (no token: tokens never reach storage). */
  account: 'account',
  /** Whether the admin turned Convert back to internal (preview) on, in the options page. */
  undoFeature: 'undoFeature',
  /** The layout version of everything below (migrations.ts). */
  storageVersion: 'b2bc.storage.v',
  /** The job engine's records (src/jobs/schema.ts: index, header, spec, item and state chunks). */
  job: engineKeys,
  jobRoot: KEY_ROOT,
  /** Invitation state read back from Graph after a job, STATUS_PAGE users per record. */
  jobStatus: (jobId: string, page: number): string => `jstatus.${jobId}.${page}`,
  /** Follow-up actions (reset redemption, set Guest) with Graph's answers: the audit trail. */
  jobFollowUps: (jobId: string): string => `jfollow.${jobId}`,
} as const;

/** storage.session: kept across worker restarts, cleared when the browser closes; trusted contexts only. */
export const sessionKeys = {
  /** A token was obtained for the stored account in this browser session. */
  authSession: 'authSession',
  /** The signed-in tenant's name and verified domains. */
  tenantFacts: 'tenantFacts',
  /** The tab that submitted a job (it hears the job's progress). */
  jobTab: (jobId: string): string => `jobtab:${jobId}`,
  /** What a tab's content scripts reported about the page. */
  page: (tabId: number): string => `page:${tabId}`,
  pagePrefix: 'page:',
  /** The selection waiting for review in a tab. */
  review: (tabId: number): string => `review:${tabId}`,
  /** The popup's last view (auth and job summaries), shown at once while fresh data loads. */
  popupCache: 'popupCache',
} as const;

/** The job a worker-owned job record belongs to, or undefined for any other key (for orphan sweeps). */
export function jobOfWorkerKey(key: string): string | undefined {
  const status = /^jstatus\.(.+)\.\d+$/.exec(key);
  if (status) return status[1];
  const follow = /^jfollow\.(.+)$/.exec(key);
  if (follow) return follow[1];
  const tab = /^jobtab:(.+)$/.exec(key);
  return tab?.[1];
}

/** The tab id of a page report key, or undefined. */
export function tabOfPageKey(key: string): number | undefined {
  if (!key.startsWith(sessionKeys.pagePrefix)) return undefined;
  const n = Number(key.slice(sessionKeys.pagePrefix.length));
  return Number.isInteger(n) ? n : undefined;
}
