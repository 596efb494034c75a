// The plan a change board reviews before anything is written: one row per selected user with the verdict and the
// exact Graph writes the job would make for them, built with the engine's own request builders (src/jobs/requests.ts)
// so the export cannot drift from what the worker sends. Its hash is kept on the job record (JobHeader.planHash):
// the worker computes the same hash from what it accepted, so a job provably matches the plan that was approved.
import type { JobItemInput as EngineItem, JobOptions, Sponsor } from '../jobs/model';
import { addOtherMailRequest, invitationRequest, setGuestRequest } from '../jobs/requests';
import type { PreflightResult } from '../messages';
import { statusLabel, type Edits, type RowVerdict } from '../review';
import { toInvitationOptions, type OptionsDraft } from '../review-options';
import { buildSubmission } from '../review-submit';
import { toJobOptions } from '../submission';
import { sha256Hex } from './sha256';

export interface PlannedWrite {
  method: 'POST' | 'PATCH';
  /** Relative to https://graph.microsoft.com/v1.0 */
  path: string;
  body: unknown;
}

export interface PlanRow {
  userId: string;
  userPrincipalName: string;
  displayName: string;
  email: string;
  /** The review's status label (Ready, Blocked, Excluded…). */
  eligibility: string;
  /** The reasons shown in the review, joined. */
  reason: string;
  /** Empty for a user who will not be converted. */
  writes: PlannedWrite[];
  /** The user's otherMails as the pre-flight read them (the script re-reads before adding, as the job does). */
  otherMails: string[];
  addToOtherMails: boolean;
  setGuest: boolean;
}

export interface Plan {
  tenantId: string;
  tenantName: string;
  options: JobOptions;
  /** Graph permissions the writes need (delegated). */
  scopes: string[];
  rows: PlanRow[];
  /** The users who will be converted. */
  convertCount: number;
  hash: string;
}

/** What the hash covers: the tenant, the invitation options, and per user the id, address and the extra writes. */
export interface HashInput {
  tenantId: string;
  options: JobOptions;
  items: ReadonlyArray<Pick<EngineItem, 'userId' | 'email' | 'addToOtherMails' | 'setGuest'>>;
}

/** A stable digest of what a job writes (key order fixed; ids lower-cased; display names and reasons excluded). */
export function planHash(input: HashInput): string {
  const o = input.options;
  const canonical = {
    v: 1,
    tenantId: input.tenantId.toLowerCase(),
    options: [
      o.sendInvitationMessage,
      o.inviteRedirectUrl,
      o.messageLanguage ?? null,
      o.ccRecipient ?? null,
      o.customizedMessageBody ?? null,
      (o.sponsors ?? []).map((s) => s.id.toLowerCase()),
    ],
    items: input.items.map((i) => [i.userId.toLowerCase(), i.email.trim(), i.addToOtherMails, i.setGuest]),
  };
  return sha256Hex(JSON.stringify(canonical));
}

export function scopesFor(items: ReadonlyArray<Pick<EngineItem, 'addToOtherMails' | 'setGuest'>>): string[] {
  // User.Invite.All to invite; User.ReadWrite.All to read and write otherMails and to set userType.
  return items.some((i) => i.addToOtherMails || i.setGuest) ? ['User.Invite.All', 'User.ReadWrite.All'] : ['User.Invite.All'];
}

/**
 * The plan for the review as it stands. The sponsors carry the names the review shows (the invitations carry only
 * the ids; the worker re-reads the names).
 */
export function buildPlan(result: PreflightResult, edits: Edits, verdicts: ReadonlyMap<string, RowVerdict>, draft: OptionsDraft): Plan {
  const submission = buildSubmission(result, edits, verdicts, draft);
  const sponsors: Sponsor[] = [];
  for (const s of draft.sponsors ?? []) if (!sponsors.some((x) => x.id === s.id)) sponsors.push(s);
  const options = toJobOptions(toInvitationOptions(draft), sponsors);
  const engineItems = new Map<string, EngineItem>(
    submission.items.map((i) => [
      i.userId,
      { userId: i.userId, userPrincipalName: i.userPrincipalName, displayName: i.displayName, email: i.email, addToOtherMails: i.addToOtherMails, setGuest: draft.setUserTypeGuest },
    ]),
  );
  const rows = result.users.map((u): PlanRow => {
    const v = verdicts.get(u.id);
    const item = engineItems.get(u.id);
    const writes: PlannedWrite[] = [];
    if (item) {
      const asWrite = (r: { method: string; url: string; body?: unknown }): PlannedWrite => ({ method: r.method as PlannedWrite['method'], path: r.url, body: r.body });
      if (item.addToOtherMails) writes.push(asWrite(addOtherMailRequest('0', item, u.otherMails)));
      writes.push(asWrite(invitationRequest('0', item, options)));
      if (item.setGuest) writes.push(asWrite(setGuestRequest('0', item)));
    }
    return {
      userId: u.id,
      userPrincipalName: u.userPrincipalName,
      displayName: u.displayName,
      email: item?.email ?? (edits.get(u.id)?.email ?? u.proposedEmail).trim(),
      eligibility: v ? statusLabel(v.status) : 'Unknown',
      reason: (v?.reasons ?? []).map((r) => r.message).join(' | '),
      writes,
      otherMails: [...u.otherMails],
      addToOtherMails: item?.addToOtherMails ?? false,
      setGuest: item?.setGuest ?? false,
    };
  });
  const items = [...engineItems.values()];
  return {
    tenantId: result.tenantId,
    tenantName: result.tenantName,
    options,
    scopes: scopesFor(items),
    rows,
    convertCount: items.length,
    hash: planHash({ tenantId: result.tenantId, options, items }),
  };
}
