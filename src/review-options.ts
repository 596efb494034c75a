// The review's invitation options (the same for every user of the job): the draft the form edits, its checks by
// field, and its mapping to the job request's options.
import { describeEmailSyntaxError, emailSyntaxError } from './email';
import { MAX_SPONSORS } from './graph/writes';
import { defaultInvitationLanguage } from './invitation-language';
import type { Sponsor } from './jobs/model';
import { t } from './i18n';
import type { InvitationOptions, PreflightResult } from './messages';

export interface OptionsDraft {
  sendInvitationMessage: boolean;
  customizedMessageBody: string;
  messageLanguage: string;
  ccRecipient: string;
  inviteRedirectUrl: string;
  setUserTypeGuest: boolean;
  /** Sponsors named on every invitation (`invitedUserSponsors`), with the names the review shows. */
  sponsors: Sponsor[];
}

/** The name the review gives the signed-in admin as the default sponsor. */
export const signedInSponsorName = (): string => t('review_sponsors_you');

/** No invitation email, redirect to the tenant's My Apps, user type unchanged, the signed-in admin as sponsor. */
export function initialOptions(result: PreflightResult): OptionsDraft {
  return {
    sendInvitationMessage: false,
    customizedMessageBody: '',
    messageLanguage: defaultInvitationLanguage(),
    ccRecipient: '',
    inviteRedirectUrl: result.defaultRedirectUrl,
    setUserTypeGuest: false,
    sponsors: result.signedInUserId ? [{ id: result.signedInUserId, displayName: signedInSponsorName() }] : [],
  };
}

/** Whether the admin changed an option from the review's defaults. */
export function optionsChanged(result: PreflightResult, o: OptionsDraft): boolean {
  const initial = initialOptions(result);
  const sponsorIds = (d: OptionsDraft) => (d.sponsors ?? []).map((s) => s.id).join(',');
  return (
    o.sendInvitationMessage !== initial.sendInvitationMessage ||
    o.customizedMessageBody !== initial.customizedMessageBody ||
    o.messageLanguage !== initial.messageLanguage ||
    o.ccRecipient !== initial.ccRecipient ||
    o.inviteRedirectUrl !== initial.inviteRedirectUrl ||
    o.setUserTypeGuest !== initial.setUserTypeGuest ||
    sponsorIds(o) !== sponsorIds(initial)
  );
}

export type OptionErrors = Partial<Record<keyof OptionsDraft, string>>;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** The options' problems, by field. The message's fields count only when an invitation email is sent. */
export function validateOptions(o: OptionsDraft): OptionErrors {
  const errors: OptionErrors = {};
  const url = o.inviteRedirectUrl.trim();
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (url === '') errors.inviteRedirectUrl = t('review_options_redirectEmpty');
  else if (!parsed || parsed.protocol !== 'https:') errors.inviteRedirectUrl = t('review_options_redirectHttps');
  else if (url.length > 2048) errors.inviteRedirectUrl = t('review_options_redirectLong', { max: 2048 });
  // Learn (b2b-sponsors): at most five sponsors for one guest user.
  if ((o.sponsors ?? []).length > MAX_SPONSORS) errors.sponsors = t('review_options_sponsorsMax', { max: MAX_SPONSORS, remove: (o.sponsors ?? []).length - MAX_SPONSORS });
  if (o.sendInvitationMessage) {
    const cc = o.ccRecipient.trim();
    const ccError = cc === '' ? undefined : emailSyntaxError(cc);
    if (ccError) errors.ccRecipient = describeEmailSyntaxError(ccError);
    else if (cc.length > 320) errors.ccRecipient = t('review_options_ccLong', { max: 320 });
    const lang = o.messageLanguage.trim();
    if (lang !== '' && (!LANGUAGE_TAG.test(lang) || lang.length > 20)) errors.messageLanguage = t('review_options_languageTag');
    if (o.customizedMessageBody.length > 4000) errors.customizedMessageBody = t('review_options_messageLong', { length: o.customizedMessageBody.length, max: 4000 });
  }
  return errors;
}

/** The invitation options for job/submit: the message's fields only when a message is sent, and only those filled in. */
export function toInvitationOptions(o: OptionsDraft): InvitationOptions {
  const send = o.sendInvitationMessage;
  const lang = o.messageLanguage.trim();
  const cc = o.ccRecipient.trim();
  return {
    sendInvitationMessage: send,
    ...(send && lang ? { messageLanguage: lang } : {}),
    ...(send && cc ? { ccRecipient: cc } : {}),
    ...(send && o.customizedMessageBody.trim() ? { customizedMessageBody: o.customizedMessageBody } : {}),
    inviteRedirectUrl: o.inviteRedirectUrl.trim(),
    setUserTypeGuest: o.setUserTypeGuest,
    ...((o.sponsors ?? []).length > 0 ? { sponsors: [...new Set((o.sponsors ?? []).map((s) => s.id))] } : {}),
  };
}
