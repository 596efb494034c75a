// The conversion job's vocabulary: what the admin reviewed (items + options), what the engine records per
// user (ItemState) and per job (JobHeader). Pure data; no behaviour lives here except tiny helpers that
// every other module would otherwise re-derive differently.

/** One reviewed user, as the admin approved it. Immutable once the job is created. */
export interface JobItemInput {
  /** Entra object id; sent as `invitedUser.id` so the existing user is converted instead of a new guest made. */
  userId: string;
  userPrincipalName: string;
  displayName: string;
  /** External address the invitation is sent to; must be in `mail` or `otherMails` before inviting. */
  email: string;
  /** Add `email` to `otherMails` first (the service refuses an email that is not on the user object). */
  addToOtherMails: boolean;
  /**
   * Set `mail` to `email` first instead: the guide for inviting internal users asks for the address in mail
   * (https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users). Only for a user without a mail.
   */
  setMail?: boolean;
  /** After the invitation, set `userType: 'Guest'` (MAU billing); the invitation itself leaves it Member. */
  setGuest: boolean;
  /**
   * Undo jobs only: convert this user back to an internal member (Graph beta convertExternalToInternalMemberUser).
   * `email` then is the external address the user was converted with (shown, never sent); the other flags are false.
   */
  toInternal?: InternalTarget;
}

/**
 * What Learn asks for to convert a user back to internal: a UPN in a verified domain for a cloud user (synced users:
 * nothing, their UPN is managed on-premises); a new mail, optionally. The cloud user's temporary password is not here:
 * item data is kept for the job's lifetime, the password only in the item's state until the item ends.
 */
export interface InternalTarget {
  /** Cloud users: the UPN the user will sign in with. Absent for a user synced from on-premises. */
  userPrincipalName?: string;
  mail?: string;
}

export interface JobOptions {
  sendInvitationMessage: boolean;
  messageLanguage?: string;
  /** At most one cc recipient is allowed by the service, hence a single address. */
  ccRecipient?: string;
  /** Plain text only. */
  customizedMessageBody?: string;
  inviteRedirectUrl: string;
  /** Sponsors named on every invitation (`invitedUserSponsors`), as the worker read them from Graph. */
  sponsors?: Sponsor[];
}

export interface Sponsor {
  id: string;
  displayName: string;
}

/** A conversion job (the default kind) or an undo job (convert users of an earlier job back to internal). */
export type JobKind = 'convert' | 'undo';

export interface ConvertJobInput {
  kind?: 'convert';
  /** Defaults to a random UUID. */
  id?: string;
  tenantId: string;
  /** UPN of the signed-in admin; that user is never converted (product rule). */
  ranBy: string;
  items: readonly JobItemInput[];
  options: JobOptions;
  /** Hash of the plan the admin exported and approved (src/plan/plan.ts): matches a job to its plan. */
  planHash?: string;
}

export interface UndoJobInput {
  kind: 'undo';
  id?: string;
  tenantId: string;
  ranBy: string;
  /** Every item has `toInternal`. */
  items: readonly JobItemInput[];
  /**
   * The temporary password of each cloud user, by item index (undefined for synced users). Kept only in the item's
   * state, and dropped from it when the item ends.
   */
  secrets: ReadonlyArray<string | undefined>;
  /** The conversion job whose users these are. */
  undoOf: string;
}

export type CreateJobInput = ConvertJobInput | UndoJobInput;

/** Why an item failed or is blocked. `status` 0 means the engine decided, not the service. */
export interface Reason {
  status: number;
  code: string;
  message: string;
  requestId?: string;
}

/** The write steps, in the order they run for an item (an undo item has only convertingToInternal). */
export type Step = 'addingEmail' | 'inviting' | 'settingType' | 'convertingToInternal';

export const STEPS: readonly Step[] = ['addingEmail', 'inviting', 'settingType', 'convertingToInternal'];

export type ItemStatus = 'queued' | Step | 'done' | 'failed' | 'blocked' | 'cancelled';

export function isStep(status: ItemStatus): status is Step {
  return (STEPS as readonly string[]).includes(status);
}

export const TERMINAL_ITEM_STATUSES: readonly ItemStatus[] = ['done', 'failed', 'blocked', 'cancelled'];

export function isTerminalItem(status: ItemStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'blocked' || status === 'cancelled';
}

/** Bit flags of steps whose effect is known to be applied in the directory. */
export const STEP_FLAG: Readonly<Record<Step, number>> = { addingEmail: 1, inviting: 2, settingType: 4, convertingToInternal: 8 };

/** The step that makes an item count as converted: the invitation, or (undo) the conversion back to internal. */
const MAIN_STEPS = STEP_FLAG.inviting | STEP_FLAG.convertingToInternal;

/**
 * What the engine knows about one item. `status` is a Step while that step is the next write to make.
 * `sent` is the in-flight marker: it is persisted BEFORE the write goes out, and cleared only once the
 * outcome is persisted. An item found with `sent` after a restart (or after a lost response) has an
 * unknown outcome and must be verified by reading the user before anything is re-sent.
 */
export interface ItemState {
  status: ItemStatus;
  sent: boolean;
  /** Sends of the current step (0 before the first). */
  attempt: number;
  /** STEP_FLAG bits of steps known applied (a cancelled or failed item may still have some). */
  steps: number;
  /** Failure/block reason, or the last transient error while the step is still being retried. */
  reason?: Reason;
  /** retryFailed round in which the item was last (re)queued. */
  round: number;
  updatedAt: number;
  /** What the successful invitation answered: kept for the admin (redeem link) and the audit trail. */
  receipt?: InvitationReceipt;
  /**
   * Undo items of cloud users: the temporary password the write sends. Present only while the item may still need
   * to send it; every transition to an end state leaves it out, so it is gone from storage with the item's end.
   */
  secret?: string;
}

export interface InvitationReceipt {
  inviteRedeemUrl?: string;
  requestId?: string;
}

/**
 * - `running`: working (or about to); `paused-offline`: waits for the network by itself.
 * - `waiting-for-sign-in`: no token can be had without the admin (sign-in session ended, consent missing, refresh
 *   token expired or revoked). Nothing is sent and nobody is marked failed; it continues once the admin signs in.
 * - `paused`: by the admin (or by the engine when verification is impossible); `cancelling` → `cancelled`.
 */
export type JobStatus = 'running' | 'paused' | 'paused-offline' | 'waiting-for-sign-in' | 'cancelling' | 'cancelled' | 'completed';

/** Every job status, for exhaustive tables and for validating stored headers. */
export const JOB_STATUSES: readonly JobStatus[] = ['running', 'paused', 'paused-offline', 'waiting-for-sign-in', 'cancelling', 'cancelled', 'completed'];

export function isTerminalJob(status: JobStatus): boolean {
  return status === 'completed' || status === 'cancelled';
}

/** Per-status item counts kept in the header so progress never scans items. */
export interface JobCounters {
  queued: number;
  addingEmail: number;
  inviting: number;
  settingType: number;
  convertingToInternal: number;
  done: number;
  failed: number;
  blocked: number;
  cancelled: number;
  /** Items with a write whose outcome is not yet known (`sent`). */
  unknown: number;
  /**
   * Items whose invitation is known applied: these users are B2B now, whatever their final status. In an undo job:
   * users known converted back to internal.
   */
  converted: number;
  /** Cancelled items with no write applied: the cancel summary says "not started", not "cancelled mid-way". */
  notStarted: number;
}

export interface JobHeader {
  /** Schema version of this record. */
  v: number;
  id: string;
  tenantId: string;
  ranBy: string;
  createdAt: number;
  total: number;
  chunkSize: number;
  chunkCount: number;
  status: JobStatus;
  /** Why the engine stopped the job by itself: waiting for sign-in (what the authority said), or paused. */
  pauseReason?: Reason;
  /** Waiting for sign-in while cancelling: after the sign-in the job goes on cancelling, not running. */
  cancelRequested?: boolean;
  counters: JobCounters;
  /** First time a runner started the job. */
  startedAt?: number;
  finishedAt?: number;
  updatedAt: number;
  /** Incremented by retryFailed. */
  round: number;
  /** Hash of the plan this job writes (src/plan/plan.ts `planHash`), kept for matching it to the approved plan. */
  planHash?: string;
  /** The sponsors the invitations name (a copy of the spec's, so job lists show them without reading the spec). */
  sponsors?: Sponsor[];
  /** Absent for a conversion job (every job before undo existed). */
  kind?: 'undo';
  /** Undo jobs: the conversion job whose users they convert back. */
  undoOf?: string;
}

/** One item as the UI reads it back. */
export interface JobItemView extends JobItemInput {
  index: number;
  status: ItemStatus;
  /** A write is in flight or its outcome is unknown; it will be verified before any re-send. */
  outcomeUnknown: boolean;
  attempt: number;
  emailAdded: boolean;
  invited: boolean;
  userTypeSet: boolean;
  /** Undo items: known converted back to internal. */
  convertedToInternal: boolean;
  reason?: Reason;
  round: number;
  updatedAt: number;
  receipt?: InvitationReceipt;
}

export function emptyCounters(): JobCounters {
  return { queued: 0, addingEmail: 0, inviting: 0, settingType: 0, convertingToInternal: 0, done: 0, failed: 0, blocked: 0, cancelled: 0, unknown: 0, converted: 0, notStarted: 0 };
}

/** The next write an item still needs, from what the admin asked for and what is already applied. */
export function nextStep(item: Pick<JobItemInput, 'addToOtherMails' | 'setMail' | 'setGuest' | 'toInternal'>, steps: number): Step | undefined {
  if (item.toInternal) return steps & STEP_FLAG.convertingToInternal ? undefined : 'convertingToInternal';
  if ((item.addToOtherMails || item.setMail === true) && !(steps & STEP_FLAG.addingEmail)) return 'addingEmail';
  if (!(steps & STEP_FLAG.inviting)) return 'inviting';
  if (item.setGuest && !(steps & STEP_FLAG.settingType)) return 'settingType';
  return undefined;
}

/** Adds (delta = 1) or removes (delta = -1) one item's contribution to the counters. */
export function tally(counters: JobCounters, state: ItemState, delta: 1 | -1): void {
  counters[state.status] += delta;
  if (state.sent) counters.unknown += delta;
  if (state.steps & MAIN_STEPS) counters.converted += delta;
  if (state.status === 'cancelled' && state.steps === 0) counters.notStarted += delta;
}

/**
 * Nothing is left to do or to verify: every item reached an end state. Such a job is over whatever control
 * request is pending (a pause or cancel that arrived while the last writes were in flight changes nothing).
 */
export function nothingLeft(counters: JobCounters): boolean {
  return unfinished(counters) === 0 && counters.unknown === 0;
}

/** Items queued or with a step still to make. */
export function unfinished(counters: JobCounters): number {
  return counters.queued + STEPS.reduce((n, step) => n + counters[step], 0);
}

/** The end state of a job with nothing left: cancelled only if the cancel actually left someone not converted. */
export function endStatus(counters: JobCounters, cancelAsked: boolean): 'completed' | 'cancelled' {
  return cancelAsked && counters.cancelled > 0 ? 'cancelled' : 'completed';
}
