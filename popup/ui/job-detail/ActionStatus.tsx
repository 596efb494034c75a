// Below the action buttons, announced as it changes: the action under way, then its outcome, with the sign-in that
// lets a refused action run again.
import { Notice } from '../common';
import type { ActionMessage, PendingAction } from './use-action-runner';
import { t } from '../../../src/i18n';

export function ActionStatus(props: { busy: string | undefined; message: ActionMessage; needsWrite: PendingAction; onSignIn: () => void }) {
  const { busy, message, needsWrite } = props;
  return (
    <div aria-live="polite" style={{ minHeight: '1.4em' }}>
      {busy && <p class="small muted">{t('actions_busy', { action: busy })}</p>}
      {message && (
        <Notice kind={message.kind === 'info' ? 'info' : message.kind} role={message.kind === 'error' ? 'alert' : 'status'}>
          <span class="wrap">{message.text}</span>
          {needsWrite && (
            <p>
              {needsWrite.tier === 'write' ? t('actions_needsWrite') : t('actions_signInAgain')}{' '}
              <button type="button" class="primary" onClick={props.onSignIn}>
                {needsWrite.tier === 'write' ? t('actions_signInWrite') : t('account_signIn')}
              </button>
            </p>
          )}
        </Notice>
      )}
    </div>
  );
}
