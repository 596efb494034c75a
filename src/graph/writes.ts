// The writes the product makes, as pure builders of Graph request bodies, and the checks of what Graph would refuse
// in them. The job engine (src/jobs/requests.ts) sends these inside its $batch calls.
import { t } from '../i18n';
import type { JobItemInput, JobOptions } from '../jobs/model';

// ---- Invitations ------------------------------------------------------------------------------------------

/** Learn: "You can assign a maximum of five sponsors to a single guest user" (b2b-sponsors). */
export const MAX_SPONSORS = 5;

export interface InvitationBody {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
  sendInvitationMessage: boolean;
  invitedUserMessageInfo?: {
    messageLanguage?: string;
    ccRecipients?: Array<{ emailAddress: { address: string } }>;
    customizedMessageBody?: string;
  };
  invitedUser: { id: string };
  resetRedemption?: boolean;
  /** v1.0 `invitedUserSponsors`: directoryObject references by id. */
  invitedUserSponsors?: Array<{ id: string }>;
}

/**
 * The invitation that converts `invited`, an existing internal user: `invitedUser.id` is ALWAYS sent (without it Graph
 * would create a new guest), with the options the job keeps. A reset of redemption re-invites a converted user and
 * names no sponsors (the conversion set them). Refuses what Graph would refuse before anything is sent.
 */
export function buildInvitationBody(
  invited: Pick<JobItemInput, 'userId' | 'email'>,
  options: JobOptions,
  extra: { resetRedemption?: boolean } = {},
): InvitationBody {
  if (invited.userId.trim() === '') throw new RangeError('invitation needs the internal user id (invitedUser.id)');
  if (invited.email.trim() === '') throw new RangeError('invitation needs an email address');
  if (options.inviteRedirectUrl.trim() === '') throw new RangeError('invitation needs a redirect URL');
  const body: InvitationBody = {
    invitedUserEmailAddress: invited.email.trim(),
    inviteRedirectUrl: options.inviteRedirectUrl,
    sendInvitationMessage: options.sendInvitationMessage,
    invitedUser: { id: invited.userId },
  };
  const info: NonNullable<InvitationBody['invitedUserMessageInfo']> = {};
  const language = options.messageLanguage?.trim() ?? '';
  if (language !== '') info.messageLanguage = language;
  const cc = options.ccRecipient?.trim() ?? '';
  // The service takes at most one cc recipient, hence JobOptions' single address.
  if (cc !== '') info.ccRecipients = [{ emailAddress: { address: cc } }];
  if (options.customizedMessageBody !== undefined && options.customizedMessageBody.trim() !== '') info.customizedMessageBody = options.customizedMessageBody;
  if (Object.keys(info).length > 0) body.invitedUserMessageInfo = info;
  if (extra.resetRedemption === true) {
    body.resetRedemption = true;
    return body;
  }
  const sponsors = [...new Set((options.sponsors ?? []).map((s) => s.id.trim()).filter((id) => id !== ''))];
  if (sponsors.length > MAX_SPONSORS) throw new RangeError(`an invitation takes at most ${MAX_SPONSORS} sponsors, got ${sponsors.length}`);
  if (sponsors.length > 0) body.invitedUserSponsors = sponsors.map((id) => ({ id }));
  return body;
}

/** otherMails limits (https://learn.microsoft.com/en-us/graph/api/resources/user): 250 values of 250 characters. */
export const OTHER_MAILS_MAX_VALUES = 250;
export const OTHER_MAILS_MAX_LENGTH = 250;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

/** Why Graph would refuse this address in mail or otherMails (no accented characters, 250 characters), if it would. */
export function emailWriteProblem(address: string): string | undefined {
  const a = address.trim();
  if (!PRINTABLE_ASCII.test(a)) return t('email_write_nonAscii', { address: a });
  if (a.length > OTHER_MAILS_MAX_LENGTH) return t('email_write_tooLong', { address: `${a.slice(0, 40)}…`, max: OTHER_MAILS_MAX_LENGTH });
  return undefined;
}

/** Why adding the address to otherMails would be refused or is pointless (already there), if it would. */
export function otherMailsWriteProblem(current: readonly string[], add: string): string | undefined {
  const address = add.trim();
  if (current.some((m) => m.trim().toLowerCase() === address.toLowerCase())) return t('email_write_alreadyInOtherMails', { address });
  if (current.length >= OTHER_MAILS_MAX_VALUES) return t('email_write_otherMailsFull', { count: current.length });
  return emailWriteProblem(address);
}

/** PATCH body setting userType Guest (MAU billing); the invitation itself leaves userType unchanged. */
export function buildUserTypeGuestPatch(): { userType: 'Guest' } {
  return { userType: 'Guest' };
}
