// The undo review's rules, pure: what the review shows for each user of a conversion job it is to convert back to
// internal, and what the worker accepts from it. Every rule is src/undo.ts's (Learn's, and the product's own), applied
// to what Graph says now — the review's copy is never trusted for a write.
import { t } from './i18n';
import type { JobItemInput } from './jobs/model';
import { isSynced, proposedUpn, undoBlocks, undoInputProblems, type UndoProblem } from './undo';
import type { GraphUser } from './users';

/** What the conversion job knows about a user it converted. */
export interface ConvertedItem {
  userId: string;
  /** The external address the user was converted with. */
  email: string;
  /** The job's invitation is known applied. */
  invited: boolean;
}

export interface UndoFacts {
  /** The conversion job's items, by lower-case user id. */
  jobItems: ReadonlyMap<string, ConvertedItem>;
  /** The users as Graph returns them now, by lower-case id (absent: deleted). */
  users: ReadonlyMap<string, GraphUser>;
  /** Directory roles held, by lower-case id; undefined when they could not be read. */
  roles: ReadonlyMap<string, readonly string[] | undefined>;
  verifiedDomains: readonly string[];
}

export interface UndoPreviewUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  /** The external address the job converted the user with. */
  email: string;
  externalUserState: string | null;
  /** Synced from on-premises: nothing is asked (on-premises manages the UPN and password). */
  synced: boolean;
  /** Why the user cannot be converted back; empty when they can. */
  blocks: UndoProblem[];
  /** The UPN the review proposes: the current one when its domain is verified, else empty (the admin enters one). */
  proposedUpn: string;
  /** The roles could not be read: Graph refuses a role holder itself. */
  rolesUnknown?: boolean;
}

export interface UndoPreview {
  jobId: string;
  tenantId: string;
  verifiedDomains: string[];
  users: UndoPreviewUser[];
  /** Ids asked for that are not in the job or no longer in the directory. */
  missing: string[];
}

function candidate(id: string, facts: UndoFacts): { user: GraphUser; item: ConvertedItem; roles: readonly string[] | undefined } | undefined {
  const key = id.toLowerCase();
  const user = facts.users.get(key);
  const item = facts.jobItems.get(key);
  if (!user || !item) return undefined;
  return { user, item, roles: facts.roles.get(key) };
}

export function buildUndoPreview(jobId: string, tenantId: string, userIds: readonly string[], facts: UndoFacts): UndoPreview {
  const users: UndoPreviewUser[] = [];
  const missing: string[] = [];
  for (const id of new Set(userIds)) {
    const found = candidate(id, facts);
    if (!found) {
      missing.push(id);
      continue;
    }
    const { user, item, roles } = found;
    users.push({
      id: user.id,
      displayName: user.displayName ?? '',
      userPrincipalName: user.userPrincipalName ?? '',
      email: item.email,
      externalUserState: user.externalUserState,
      synced: isSynced(user),
      blocks: undoBlocks({ user, roles: roles ?? [], convertedByUs: item.invited }),
      proposedUpn: proposedUpn(user, facts.verifiedDomains),
      ...(roles === undefined ? { rolesUnknown: true } : {}),
    });
  }
  return { jobId, tenantId, verifiedDomains: [...facts.verifiedDomains], users, missing };
}

/** One user as the undo review submits it: a cloud user's new UPN and temporary password; nothing for a synced user. */
export interface UndoSubmitItem {
  userId: string;
  userPrincipalName?: string;
  password?: string;
}

export type UndoCheck =
  | { ok: true; items: JobItemInput[]; secrets: Array<string | undefined> }
  | { ok: false; refusals: Array<{ userPrincipalName: string; message: string }> };

/** The worker's check of an undo submission against the directory as it is now: all users pass, or nothing is done. */
export function checkUndoSubmission(submitted: readonly UndoSubmitItem[], facts: UndoFacts): UndoCheck {
  const refusals: Array<{ userPrincipalName: string; message: string }> = [];
  const items: JobItemInput[] = [];
  const secrets: Array<string | undefined> = [];
  const seen = new Set<string>();
  const newUpns = new Set<string>();
  for (const s of submitted) {
    const key = s.userId.toLowerCase();
    const found = candidate(s.userId, facts);
    if (!found) {
      refusals.push({ userPrincipalName: s.userId, message: t('undo_check_notInJob') });
      continue;
    }
    const { user, item, roles } = found;
    const name = user.userPrincipalName ?? user.id;
    const refuse = (problems: readonly UndoProblem[]) => problems.forEach((p) => refusals.push({ userPrincipalName: name, message: p.message }));
    if (seen.has(key)) {
      refusals.push({ userPrincipalName: name, message: t('undo_check_twice') });
      continue;
    }
    seen.add(key);
    const blocks = undoBlocks({ user, roles: roles ?? [], convertedByUs: item.invited });
    if (blocks.length > 0) {
      refuse(blocks);
      continue;
    }
    const synced = isSynced(user);
    if (synced) {
      if (s.userPrincipalName !== undefined || s.password !== undefined) {
        refusals.push({ userPrincipalName: name, message: t('undo_check_syncedInput') });
        continue;
      }
    } else {
      const problems = undoInputProblems(user, { userPrincipalName: s.userPrincipalName ?? '', password: s.password ?? '' }, facts.verifiedDomains);
      const upn = (s.userPrincipalName ?? '').trim().toLowerCase();
      if (problems.length === 0 && newUpns.has(upn)) problems.push({ code: 'upnTwice', message: t('undo_input_upnTwice', { upn }) });
      if (problems.length > 0) {
        refuse(problems);
        continue;
      }
      newUpns.add(upn);
    }
    items.push({
      userId: user.id,
      userPrincipalName: user.userPrincipalName ?? '',
      displayName: user.displayName ?? '',
      email: item.email,
      addToOtherMails: false,
      setGuest: false,
      toInternal: synced ? {} : { userPrincipalName: (s.userPrincipalName ?? '').trim() },
    });
    secrets.push(synced ? undefined : s.password);
  }
  return refusals.length > 0 ? { ok: false, refusals } : { ok: true, items, secrets };
}
