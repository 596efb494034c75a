// What the options page and the undo review say about Convert back to internal: each statement a paraphrase of the
// Microsoft Learn page named by `source` (src/learn.ts), shown with a link to it. Nothing here is our own opinion.
import type { GuidanceFact } from './guidance';

export const UNDO_FACTS: readonly GuidanceFact[] = [
  {
    id: 'beta',
    text: 'This uses convertExternalToInternalMemberUser, a Microsoft Graph beta API (preview). APIs under the /beta version are subject to change, and their use in production applications is not supported.',
    source: 'convertExternalToInternalApi',
  },
  {
    id: 'what',
    text: 'It converts an externally authenticated user into an internal user, who then signs in to this tenant as an internal user and accesses resources as a member.',
    source: 'convertExternalToInternalApi',
  },
  {
    id: 'keeps',
    text: 'The user object is kept, not deleted and re-created, so the account keeps its history.',
    source: 'convertExternalToInternal',
  },
  {
    id: 'cloud',
    text: 'For a cloud user, a user principal name and a password must be given.',
    source: 'convertExternalToInternal',
  },
  {
    id: 'synced',
    text: 'For a user synced from on-premises, neither is given: the user principal name is managed on-premises.',
    source: 'convertExternalToInternalApi',
  },
  {
    id: 'permission',
    text: 'It needs the delegated permission User-ConvertToInternal.ReadWrite.All, and at least the User Administrator role.',
    source: 'convertExternalToInternalApi',
  },
];
