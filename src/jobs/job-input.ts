// What a new job may contain: refused as a whole (JobInputError), or kept with some items blocked up front.
import { MAX_SPONSORS } from '../graph/writes';
import type { CreateJobInput, ItemState, JobItemInput, UndoJobInput } from './model';

export class JobInputError extends Error {
  override name = 'JobInputError';
}

// Deliberately loose: eligibility (syntax, verified domains) is checked at review; this only refuses
// values that cannot possibly be an address, so nothing absurd is ever sent.
const PLAUSIBLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validate(input: CreateJobInput): void {
  if (!input.tenantId.trim()) throw new JobInputError('tenantId is required');
  if (!input.ranBy.trim()) throw new JobInputError('ranBy (the admin UPN) is required');
  if (input.items.length === 0) throw new JobInputError('a job needs at least one item');
  input.items.forEach((item, i) => {
    if (!item.userId.trim()) throw new JobInputError(`item ${i}: userId is required`);
  });
  if (input.kind === 'undo') return validateUndo(input);
  if (input.items.some((item) => item.toInternal !== undefined)) throw new JobInputError('a conversion job cannot convert users back to internal');
  let url: URL;
  try {
    url = new URL(input.options.inviteRedirectUrl);
  } catch {
    throw new JobInputError('inviteRedirectUrl must be an absolute URL');
  }
  if (url.protocol !== 'https:') throw new JobInputError('inviteRedirectUrl must use https');
  const cc = input.options.ccRecipient;
  if (cc !== undefined && cc !== '' && !PLAUSIBLE_EMAIL.test(cc)) throw new JobInputError('ccRecipient is not an email address');
  const sponsors = input.options.sponsors ?? [];
  // Learn (b2b-sponsors): at most five sponsors per guest user.
  if (sponsors.length > MAX_SPONSORS) throw new JobInputError(`at most ${MAX_SPONSORS} sponsors, got ${sponsors.length}`);
  if (sponsors.some((s) => !s.id.trim())) throw new JobInputError('a sponsor needs an object id');
  if (input.planHash !== undefined && !/^[0-9a-f]{64}$/.test(input.planHash)) throw new JobInputError('planHash must be a SHA-256 hex digest');
}

/**
 * An undo job: every item converts back to internal; a cloud user's item carries its new UPN and a temporary password,
 * a synced user's neither (Learn: on-premises manages both). The rules about who may be converted back are checked
 * before (src/undo.ts); these only keep the job itself coherent.
 */
function validateUndo(input: UndoJobInput): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(input.undoOf)) throw new JobInputError('undoOf must be a job id');
  if (input.secrets.length !== input.items.length) throw new JobInputError('one secret slot per item is required');
  input.items.forEach((item, i) => {
    const target = item.toInternal;
    if (!target) throw new JobInputError(`item ${i}: an undo job converts every user back to internal`);
    if (item.addToOtherMails || item.setGuest || item.setMail === true) throw new JobInputError(`item ${i}: an undo item makes no conversion write`);
    const secret = input.secrets[i];
    if (target.userPrincipalName !== undefined) {
      if (!PLAUSIBLE_EMAIL.test(target.userPrincipalName)) throw new JobInputError(`item ${i}: the new userPrincipalName is not name@domain`);
      if (secret === undefined || secret === '') throw new JobInputError(`item ${i}: a cloud user needs a temporary password`);
    } else if (secret !== undefined) {
      throw new JobInputError(`item ${i}: a synced user takes no password`);
    }
    if (target.mail !== undefined && !PLAUSIBLE_EMAIL.test(target.mail)) throw new JobInputError(`item ${i}: the new mail is not an address`);
  });
}

/** Items the engine refuses up front; they are kept in the job (as blocked) so the report shows them. */
export function blockReason(item: JobItemInput, ranBy: string, seen: Set<string>): ItemState['reason'] {
  const id = item.userId.trim().toLowerCase();
  if (seen.has(id)) return { status: 0, code: 'DuplicateUser', message: 'The user appears earlier in this job; converted once only.' };
  seen.add(id);
  if (item.userPrincipalName.trim().toLowerCase() === ranBy.trim().toLowerCase())
    return { status: 0, code: 'SignedInAdmin', message: 'The signed-in admin is never converted.' };
  if (item.toInternal) return undefined; // the address is shown only; nothing is sent to it
  if (!PLAUSIBLE_EMAIL.test(item.email.trim())) return { status: 0, code: 'InvalidEmail', message: 'The invitation email is not a valid address.' };
  return undefined;
}

