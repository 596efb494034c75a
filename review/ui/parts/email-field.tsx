// The external address a user will be invited at, editable, with its validation error beside it, and, when the
// address is not yet one of the user's own, the offer to add it to their other emails first.
import type { RowEdit, RowVerdict } from '../../../src/review';
import type { IsTrusted } from './types';
import { t } from '../../../src/i18n';

export function EmailField(p: {
  /** The user's name as shown, for the accessible names. */
  name: string;
  /** The id of the error text, unique in the dialog, for aria-describedby. */
  errorId: string;
  edit: RowEdit;
  verdict: RowVerdict;
  onEdit: (c: Partial<RowEdit>) => void;
  trusted: IsTrusted;
}) {
  const { edit, verdict: v, errorId } = p;
  // A user kept out by something other than the address: nothing typed here could change that, so it is shown, not
  // offered for editing (the privileged override makes it editable again).
  const readOnly = v.locked;
  return (
    <>
      <input
        type="email"
        value={edit.email}
        readOnly={readOnly}
        dir="auto"
        spellcheck={false}
        autocomplete="off"
        aria-label={t('review_email_label', { name: p.name })}
        aria-invalid={v.emailError ? 'true' : undefined}
        aria-describedby={v.emailError ? errorId : undefined}
        onInput={(e) => {
          if (!p.trusted(e) || readOnly) return;
          p.onEdit({ email: (e.currentTarget as HTMLInputElement).value });
        }}
      />
      {v.emailError ? (
        <span class="field-error" id={errorId} data-b2b="email-error" data-code={v.emailError.code}>
          {v.emailError.message}
        </span>
      ) : null}
      {v.setMailFix && !v.locked ? (
        <label class="check">
          <input
            type="checkbox"
            checked={edit.setMail === true}
            data-b2b="set-mail"
            onChange={(e) => p.trusted(e) && p.onEdit({ setMail: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('review_email_setMail')}</span>
        </label>
      ) : null}
      {v.emailNotOnUser && !v.locked ? (
        <label class="check">
          <input
            type="checkbox"
            checked={edit.addToOtherMails}
            data-b2b="add-other-mails"
            onChange={(e) => p.trusted(e) && p.onEdit({ addToOtherMails: (e.currentTarget as HTMLInputElement).checked })}
          />
          <span>{t('review_email_addOtherMails')}</span>
        </label>
      ) : null}
    </>
  );
}
