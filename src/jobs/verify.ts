// Deciding, from a fresh read of the user, whether a write whose answer we never saw took effect.
// Every step has an observable, monotonic effect: the email appears in otherMails, externalUserState
// becomes PendingAcceptance/Accepted, userType becomes Guest; (undo) the external state goes away. So "read, then
// re-send only if absent" is enough to never repeat and never invent a write.
import type { JobItemInput, Reason, Step } from './model';
import type { UserState } from './ports';
import { emailInPlace, isInternalAgain, isInvited } from './requests';

export type Verdict = 'applied' | 'not-applied' | 'user-missing';

export function verifyStep(step: Step, item: JobItemInput, user: UserState | null): Verdict {
  if (user === null) return 'user-missing';
  switch (step) {
    case 'addingEmail':
      return emailInPlace(user, item) ? 'applied' : 'not-applied';
    case 'inviting':
      return isInvited(user) ? 'applied' : 'not-applied';
    case 'settingType':
      return user.userType === 'Guest' ? 'applied' : 'not-applied';
    case 'convertingToInternal':
      return isInternalAgain(user) ? 'applied' : 'not-applied';
  }
}

export const USER_MISSING: Reason = {
  status: 404,
  code: 'Request_ResourceNotFound',
  message: 'The user no longer exists in the directory.',
};

/** Found already B2B before this job invited it: inviting again would need resetRedemption, which is not ours to decide. */
export const ALREADY_EXTERNAL: Reason = {
  status: 0,
  code: 'AlreadyExternal',
  message: 'The user already has an external (B2B) state; it was not invited by this job.',
};
