// The invitation options for the whole job: whether Microsoft sends an invitation email (and its message, language
// and Cc), where the user lands after redeeming, and whether the user type becomes Guest. Each field shows its own
// validation error.
import type { OptionErrors, OptionsDraft } from '../../../src/review-options';
import { t } from '../../../src/i18n';
import { invitationLanguages } from './invitation-languages';
import type { IsTrusted } from './types';

export type SetOption = <K extends keyof OptionsDraft>(k: K, v: OptionsDraft[K]) => void;

export function InvitationOptions(p: { options: OptionsDraft; errors: OptionErrors; set: SetOption; trusted: IsTrusted }) {
  const o = p.options;
  const text = (k: 'customizedMessageBody' | 'messageLanguage' | 'ccRecipient' | 'inviteRedirectUrl') => (e: Event) =>
    p.trusted(e) && p.set(k, (e.currentTarget as HTMLInputElement).value);
  const flag = (k: 'sendInvitationMessage' | 'setUserTypeGuest') => (e: Event) => p.trusted(e) && p.set(k, (e.currentTarget as HTMLInputElement).checked);
  const err = (k: keyof OptionsDraft) =>
    p.errors[k] ? (
      <span class="field-error" id={`b2b-opt-${k}`}>
        {p.errors[k]}
      </span>
    ) : null;
  return (
    <fieldset data-b2b="options">
      <legend>{t('review_options_legend')}</legend>
      <label class="check">
        <input type="checkbox" checked={o.sendInvitationMessage} data-b2b="send-invitation" onChange={flag('sendInvitationMessage')} />
        <span>{t('review_options_send')}</span>
      </label>
      {o.sendInvitationMessage ? (
        <div class="grid2">
          <label class="field">
            <span>{t('review_options_message')}</span>
            <textarea rows={3} maxLength={4000} value={o.customizedMessageBody} onInput={text('customizedMessageBody')} aria-describedby={p.errors.customizedMessageBody ? 'b2b-opt-customizedMessageBody' : undefined} />
            {err('customizedMessageBody')}
          </label>
          <div>
            <label class="field">
              <span>{t('review_options_language')}</span>
              <select value={o.messageLanguage} onChange={text('messageLanguage')}>
                {invitationLanguages().map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>{t('review_options_cc')}</span>
              <input
                type="email"
                value={o.ccRecipient}
                onInput={text('ccRecipient')}
                aria-invalid={p.errors.ccRecipient ? 'true' : undefined}
                aria-describedby={p.errors.ccRecipient ? 'b2b-opt-ccRecipient' : undefined}
              />
              {err('ccRecipient')}
            </label>
          </div>
        </div>
      ) : null}
      <label class="field">
        <span>{t('review_options_redirect')}</span>
        <input
          type="url"
          value={o.inviteRedirectUrl}
          data-b2b="redirect-url"
          onInput={text('inviteRedirectUrl')}
          aria-invalid={p.errors.inviteRedirectUrl ? 'true' : undefined}
          aria-describedby={p.errors.inviteRedirectUrl ? 'b2b-opt-inviteRedirectUrl' : undefined}
        />
        {err('inviteRedirectUrl')}
      </label>
      <label class="check">
        <input type="checkbox" checked={o.setUserTypeGuest} data-b2b="set-guest" onChange={flag('setUserTypeGuest')} />
        <span>{t('review_options_setGuest')}</span>
      </label>
    </fieldset>
  );
}
