// Persisted layout and versioning. A job is stored as:
//   <root>.index                 { v, jobIds }                    which jobs exist (written last at creation)
//   <root>.<id>.header           JobHeader                        small; rewritten with every flush
//   <root>.<id>.spec             { v, options } | { v, kind: 'undo' }  immutable (undo jobs send no invitation)
//   <root>.<id>.items.<c>        { v, items: ItemTuple[] }        immutable, chunkSize items each
//   <root>.<id>.states.<c>       { v, states: StateTuple[] }      mutable, rewritten only when dirty
// Immutable item data is split from the mutable state so a transition rewrites a few KB, not the UPNs
// and names of 200 users. Tuples instead of objects keep a 50,000-user job within a few MB.
import { JOB_STATUSES, STEPS, type InternalTarget, type ItemState, type ItemStatus, type JobHeader, type JobItemInput, type JobOptions, type JobStatus, type Reason, type Sponsor } from './model';

export const SCHEMA_VERSION = 1;
export const KEY_ROOT = 'b2bc.jobs';
export const DEFAULT_CHUNK_SIZE = 200;

export const keys = {
  index: (): string => `${KEY_ROOT}.index`,
  header: (jobId: string): string => `${KEY_ROOT}.${jobId}.header`,
  spec: (jobId: string): string => `${KEY_ROOT}.${jobId}.spec`,
  items: (jobId: string, chunk: number): string => `${KEY_ROOT}.${jobId}.items.${chunk}`,
  states: (jobId: string, chunk: number): string => `${KEY_ROOT}.${jobId}.states.${chunk}`,
};

export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** The record was written by a newer version of the extension: never rewrite it with an older layout. */
export class UnsupportedSchemaVersionError extends SchemaError {
  override name = 'UnsupportedSchemaVersionError';
}

export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Migrations keyed by the version they upgrade FROM (n → n + 1). None yet: v1 is the first layout. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

function asRecord(raw: unknown, what: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SchemaError(`${what}: not an object`);
  return raw as Record<string, unknown>;
}

/** Brings any stored record to the current version, or refuses it. */
export function upgradeRecord(
  raw: unknown,
  what: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current = SCHEMA_VERSION,
): Record<string, unknown> {
  let record = asRecord(raw, what);
  let v = record.v;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new SchemaError(`${what}: missing schema version`);
  if (v > current) throw new UnsupportedSchemaVersionError(`${what}: schema v${v} is newer than this engine (v${current})`);
  while (v < current) {
    const migrate = migrations[v];
    if (!migrate) throw new SchemaError(`${what}: no migration from schema v${v}`);
    record = { ...migrate(record), v: v + 1 };
    v += 1;
  }
  return record;
}

// ---- small validators -------------------------------------------------------------------------------

const ITEM_STATUSES: readonly ItemStatus[] = ['queued', ...STEPS, 'done', 'failed', 'blocked', 'cancelled'];

function str(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new SchemaError(`${what}: expected a string`);
  return value;
}

function num(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new SchemaError(`${what}: expected a number`);
  return value;
}

function arr(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new SchemaError(`${what}: expected an array`);
  return value;
}

// ---- items ------------------------------------------------------------------------------------------

/**
 * [userId, userPrincipalName, displayName, email, flags(1 = addToOtherMails, 2 = setGuest, 4 = setMail), toInternal?]
 * toInternal (undo items): [new UPN ('' for a synced user), new mail ('' for none)].
 */
export type ItemTuple = [string, string, string, string, number] | [string, string, string, string, number, [string, string]];

export function encodeItem(item: JobItemInput): ItemTuple {
  const base: [string, string, string, string, number] = [item.userId, item.userPrincipalName, item.displayName, item.email, (item.addToOtherMails ? 1 : 0) | (item.setGuest ? 2 : 0) | (item.setMail === true ? 4 : 0)];
  return item.toInternal ? [...base, [item.toInternal.userPrincipalName ?? '', item.toInternal.mail ?? '']] : base;
}

function decodeInternalTarget(raw: unknown, what: string): InternalTarget {
  const t = arr(raw, what);
  const upn = str(t[0], `${what}.userPrincipalName`);
  const mail = str(t[1], `${what}.mail`);
  return { ...(upn ? { userPrincipalName: upn } : {}), ...(mail ? { mail } : {}) };
}

export function decodeItemChunk(raw: unknown, what: string): JobItemInput[] {
  const record = upgradeRecord(raw, what);
  return arr(record.items, what).map((t, i) => {
    const tuple = arr(t, `${what}[${i}]`);
    const flags = num(tuple[4], `${what}[${i}].flags`);
    return {
      userId: str(tuple[0], `${what}[${i}].userId`),
      userPrincipalName: str(tuple[1], `${what}[${i}].upn`),
      displayName: str(tuple[2], `${what}[${i}].displayName`),
      email: str(tuple[3], `${what}[${i}].email`),
      addToOtherMails: (flags & 1) !== 0,
      setGuest: (flags & 2) !== 0,
      ...((flags & 4) !== 0 ? { setMail: true } : {}),
      ...(tuple[5] !== undefined ? { toInternal: decodeInternalTarget(tuple[5], `${what}[${i}].toInternal`) } : {}),
    };
  });
}

export function encodeItemChunk(items: readonly JobItemInput[]): { v: number; items: ItemTuple[] } {
  return { v: SCHEMA_VERSION, items: items.map(encodeItem) };
}

// ---- states -----------------------------------------------------------------------------------------

type ReasonTuple = [number, string, string] | [number, string, string, string];
type ReceiptTuple = [string, string];
/**
 * [status, sent(0|1), attempt, steps, round, updatedAt, reason? (0 when absent but more follows), receipt? (0 likewise),
 *  secret? (undo items of cloud users, until the item ends)]
 */
export type StateTuple =
  | [ItemStatus, 0 | 1, number, number, number, number]
  | [ItemStatus, 0 | 1, number, number, number, number, ReasonTuple | 0]
  | [ItemStatus, 0 | 1, number, number, number, number, ReasonTuple | 0, ReceiptTuple]
  | [ItemStatus, 0 | 1, number, number, number, number, ReasonTuple | 0, ReceiptTuple | 0, string];

export function encodeState(state: ItemState): StateTuple {
  const base: [ItemStatus, 0 | 1, number, number, number, number] = [state.status, state.sent ? 1 : 0, state.attempt, state.steps, state.round, state.updatedAt];
  const r = state.reason;
  const reason: ReasonTuple | 0 = r ? (r.requestId ? [r.status, r.code, r.message, r.requestId] : [r.status, r.code, r.message]) : 0;
  const receipt: ReceiptTuple | 0 = state.receipt ? [state.receipt.inviteRedeemUrl ?? '', state.receipt.requestId ?? ''] : 0;
  if (state.secret !== undefined) return [...base, reason, receipt, state.secret];
  if (receipt !== 0) return [...base, reason, receipt];
  return reason === 0 ? base : [...base, reason];
}

function decodeReason(raw: unknown, what: string): Reason {
  const t = arr(raw, what);
  const reason: Reason = { status: num(t[0], `${what}.status`), code: str(t[1], `${what}.code`), message: str(t[2], `${what}.message`) };
  if (t[3] !== undefined) reason.requestId = str(t[3], `${what}.requestId`);
  return reason;
}

export function decodeState(raw: unknown, what: string): ItemState {
  const t = arr(raw, what);
  const status = t[0];
  if (typeof status !== 'string' || !ITEM_STATUSES.includes(status as ItemStatus)) throw new SchemaError(`${what}: unknown item status`);
  const state: ItemState = {
    status: status as ItemStatus,
    sent: num(t[1], `${what}.sent`) === 1,
    attempt: num(t[2], `${what}.attempt`),
    steps: num(t[3], `${what}.steps`),
    round: num(t[4], `${what}.round`),
    updatedAt: num(t[5], `${what}.updatedAt`),
  };
  if (t[6] !== undefined && t[6] !== 0) state.reason = decodeReason(t[6], `${what}.reason`);
  if (t[7] !== undefined && t[7] !== 0) {
    const receipt = arr(t[7], `${what}.receipt`);
    const url = str(receipt[0], `${what}.receipt.url`);
    const requestId = str(receipt[1], `${what}.receipt.requestId`);
    state.receipt = { ...(url ? { inviteRedeemUrl: url } : {}), ...(requestId ? { requestId } : {}) };
  }
  if (t[8] !== undefined) state.secret = str(t[8], `${what}.secret`);
  return state;
}

export function encodeStateChunk(states: readonly ItemState[]): { v: number; states: StateTuple[] } {
  return { v: SCHEMA_VERSION, states: states.map(encodeState) };
}

export function decodeStateChunk(raw: unknown, what: string): ItemState[] {
  const record = upgradeRecord(raw, what);
  return arr(record.states, what).map((s, i) => decodeState(s, `${what}[${i}]`));
}

// ---- header, spec, index ----------------------------------------------------------------------------

const COUNTER_NAMES = ['queued', 'addingEmail', 'inviting', 'settingType', 'done', 'failed', 'blocked', 'cancelled', 'unknown', 'converted'] as const;
/** Counters added after v1 was first written: absent from older headers, 0 until the next recount. */
const LATER_COUNTERS = ['convertingToInternal'] as const;

export function decodeHeader(raw: unknown, what: string): JobHeader {
  const r = upgradeRecord(raw, what);
  const counters = asRecord(r.counters, `${what}.counters`);
  const status = str(r.status, `${what}.status`);
  if (!JOB_STATUSES.includes(status as JobStatus)) throw new SchemaError(`${what}: unknown job status`);
  const header: JobHeader = {
    v: SCHEMA_VERSION,
    id: str(r.id, `${what}.id`),
    tenantId: str(r.tenantId, `${what}.tenantId`),
    ranBy: str(r.ranBy, `${what}.ranBy`),
    createdAt: num(r.createdAt, `${what}.createdAt`),
    total: num(r.total, `${what}.total`),
    chunkSize: num(r.chunkSize, `${what}.chunkSize`),
    chunkCount: num(r.chunkCount, `${what}.chunkCount`),
    status: status as JobHeader['status'],
    counters: {
      ...(Object.fromEntries(COUNTER_NAMES.map((n) => [n, num(counters[n], `${what}.counters.${n}`)])) as Omit<JobHeader['counters'], 'notStarted' | (typeof LATER_COUNTERS)[number]>),
      ...(Object.fromEntries(LATER_COUNTERS.map((n) => [n, counters[n] === undefined ? 0 : num(counters[n], `${what}.counters.${n}`)])) as Record<(typeof LATER_COUNTERS)[number], number>),
      // Headers written before this counter existed: every cancelled item counts as not started until the
      // next run recounts from the item states (the truth).
      notStarted: counters.notStarted === undefined ? num(counters.cancelled, `${what}.counters.cancelled`) : num(counters.notStarted, `${what}.counters.notStarted`),
    },
    updatedAt: num(r.updatedAt, `${what}.updatedAt`),
    round: num(r.round, `${what}.round`),
  };
  if (r.pauseReason !== undefined) {
    const p = asRecord(r.pauseReason, `${what}.pauseReason`);
    header.pauseReason = { status: num(p.status, 'pauseReason.status'), code: str(p.code, 'pauseReason.code'), message: str(p.message, 'pauseReason.message') };
  }
  if (r.cancelRequested === true) header.cancelRequested = true;
  if (r.planHash !== undefined) header.planHash = str(r.planHash, `${what}.planHash`);
  if (r.sponsors !== undefined) header.sponsors = decodeSponsors(r.sponsors, `${what}.sponsors`);
  if (r.kind !== undefined) {
    if (r.kind !== 'undo') throw new SchemaError(`${what}: unknown job kind`);
    header.kind = 'undo';
  }
  if (r.undoOf !== undefined) header.undoOf = str(r.undoOf, `${what}.undoOf`);
  if (r.startedAt !== undefined) header.startedAt = num(r.startedAt, `${what}.startedAt`);
  if (r.finishedAt !== undefined) header.finishedAt = num(r.finishedAt, `${what}.finishedAt`);
  return header;
}

/** A copy safe to hand to the store (and to callers, who must not mutate the engine's header). */
export function encodeHeader(header: JobHeader): JobHeader {
  return {
    ...header,
    v: SCHEMA_VERSION,
    counters: { ...header.counters },
    ...(header.pauseReason ? { pauseReason: { ...header.pauseReason } } : {}),
    ...(header.sponsors ? { sponsors: header.sponsors.map((s) => ({ ...s })) } : {}),
  };
}

function decodeSponsors(raw: unknown, what: string): Sponsor[] {
  return arr(raw, what).map((item, i) => {
    const s = asRecord(item, `${what}[${i}]`);
    return { id: str(s.id, `${what}[${i}].id`), displayName: str(s.displayName, `${what}[${i}].displayName`) };
  });
}

/** The spec of a conversion job (its invitation options), or of an undo job (which sends no invitation). */
export function encodeSpec(options: JobOptions | undefined): { v: number; options: JobOptions } | { v: number; kind: 'undo' } {
  if (options === undefined) return { v: SCHEMA_VERSION, kind: 'undo' };
  return { v: SCHEMA_VERSION, options: { ...options, ...(options.sponsors ? { sponsors: options.sponsors.map((s) => ({ ...s })) } : {}) } };
}

/** A conversion job's invitation options; undefined for an undo job. */
export function decodeJobSpec(raw: unknown, what: string): JobOptions | undefined {
  const r = upgradeRecord(raw, what);
  if (r.kind === 'undo') return undefined;
  return decodeSpec(raw, what);
}

/** A conversion job's invitation options (refuses an undo job's spec: it has none). */
export function decodeSpec(raw: unknown, what: string): JobOptions {
  const r = upgradeRecord(raw, what);
  if (r.kind === 'undo') throw new SchemaError(`${what}: an undo job sends no invitation`);
  const o = asRecord(r.options, `${what}.options`);
  const options: JobOptions = {
    sendInvitationMessage: o.sendInvitationMessage === true,
    inviteRedirectUrl: str(o.inviteRedirectUrl, `${what}.inviteRedirectUrl`),
  };
  if (o.messageLanguage !== undefined) options.messageLanguage = str(o.messageLanguage, `${what}.messageLanguage`);
  if (o.ccRecipient !== undefined) options.ccRecipient = str(o.ccRecipient, `${what}.ccRecipient`);
  if (o.customizedMessageBody !== undefined) options.customizedMessageBody = str(o.customizedMessageBody, `${what}.customizedMessageBody`);
  if (o.sponsors !== undefined) options.sponsors = decodeSponsors(o.sponsors, `${what}.sponsors`);
  return options;
}

export function encodeIndex(jobIds: readonly string[]): { v: number; jobIds: string[] } {
  return { v: SCHEMA_VERSION, jobIds: [...jobIds] };
}

export function decodeIndex(raw: unknown): string[] {
  if (raw === undefined) return [];
  const r = upgradeRecord(raw, 'job index');
  return arr(r.jobIds, 'job index').map((id, i) => str(id, `job index[${i}]`));
}
