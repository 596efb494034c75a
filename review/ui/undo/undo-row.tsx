// One user of the undo review: who they are and, per what Learn requires, what the admin gives them — a cloud user a
// new user principal name (in a verified domain) and a temporary password shown here once, with Copy; a synced user
// nothing. A user the rules block shows why instead. Every value is rendered as text.
import { t } from '../../../src/i18n';
import type { UndoPreviewUser } from '../../../src/messages';
import type { UndoProblem } from '../../../src/undo';
import { CopyButton } from '../../../popup/ui/common';

function stateText(state: string | null): string {
  if (state === 'Accepted') return t('undo_row_accepted');
  if (state === 'PendingAcceptance') return t('undo_row_pending');
  return state ?? t('undo_row_internal');
}

export function UndoRow(props: {
  user: UndoPreviewUser;
  upn: string;
  password: string | undefined;
  problems: readonly UndoProblem[];
  onUpn: (value: string) => void;
  copy: (text: string) => Promise<void>;
}) {
  const { user } = props;
  const name = user.displayName || user.userPrincipalName;
  const upnId = `upn-${user.id}`;
  return (
    <tr data-user={user.id}>
      <td class="wrap">
        <div>{user.displayName}</div>
        <div class="small muted">{user.userPrincipalName}</div>
        <div class="small">{t('undo_row_convertedWith', { email: user.email })}</div>
        <div class="small muted">{stateText(user.externalUserState)}</div>
      </td>
      {user.blocks.length > 0 ? (
        <td colSpan={2}>
          <ul class="small" aria-label={t('undo_row_whyBlocked', { name })}>
            {user.blocks.map((b) => (
              <li key={b.code} data-block={b.code}>
                {b.message}
              </li>
            ))}
          </ul>
        </td>
      ) : user.synced ? (
        <td colSpan={2} class="small">
          {t('undo_row_synced')}
        </td>
      ) : (
        <>
          <td>
            <label for={upnId} class="small">
              {t('undo_row_newUpn', { name })}
            </label>
            <input
              id={upnId}
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={props.upn}
              aria-invalid={props.problems.some((p) => p.code.startsWith('upn')) ? 'true' : undefined}
              aria-describedby={props.problems.length > 0 ? `${upnId}-error` : undefined}
              onInput={(e) => props.onUpn(e.currentTarget.value)}
            />
            {props.problems.length > 0 && (
              <p class="field-error" id={`${upnId}-error`}>
                {props.problems.map((p) => p.message).join(' ')}
              </p>
            )}
          </td>
          <td>
            {props.password !== undefined ? (
              <div class="row">
                <code class="mono" aria-label={t('undo_row_password', { name })} data-b2b="password">
                  {props.password}
                </code>
                <CopyButton text={props.password} label={t('undo_row_copyPassword', { name })} copy={props.copy} />
              </div>
            ) : null}
            <p class="small muted">{t('undo_row_changeAtSignIn')}</p>
          </td>
        </>
      )}
    </tr>
  );
}
