// Who is signed in, to which tenant — or a Sign in button. Used by the popup, the options page and the picker.
// The tenant shows by name and domain; its id is on hover and behind a Copy button.
import { t } from '../../src/i18n';
import type { AuthStatus } from '../../src/messages';
import { domainOf } from '../lib/format';
import { cloudChoices } from '../lib/settings-form';
import { ConfirmButton } from './Confirm';
import { CopyButton, Notice } from './common';

export interface AccountPanelProps {
  status: AuthStatus | undefined;
  /** True while a sign-in/out request is in flight. */
  busy?: boolean;
  onSignIn: () => void;
  /** When given, a Sign out button (with confirmation) is shown. */
  onSignOut?: () => void;
  /** When given, a link to the settings is offered if the extension is not configured. */
  onOpenOptions?: () => void;
  /** Copies the tenant id; without it no Copy button is shown. */
  copy?: (text: string) => Promise<void>;
}

/** "Contoso · contoso.onmicrosoft.com", the id on hover and by Copy. */
export function TenantLine({ status, copy }: { status: AuthStatus; copy?: (t: string) => Promise<void> }) {
  const account = status.account;
  if (!account) return null;
  const domain = domainOf(account.username);
  const name = status.tenantName || domain || account.tenantId;
  return (
    <div class="copy-row small">
      <span class="muted">{t('account_tenant')}</span>
      <span class="truncate" title={t('account_tenantId', { id: account.tenantId })} data-b2b="tenant">
        <strong>{name}</strong>
        {domain && domain !== name ? <span class="muted"> · {domain}</span> : null}
        {status.cloud && status.cloud !== 'Global' ? <span class="muted"> · {cloudChoices().find((c) => c.value === status.cloud)?.label ?? status.cloud}</span> : null}
      </span>
      {copy && <CopyButton text={account.tenantId} label={t('account_copyTenantId')} shown={t('account_copyId')} copy={copy} />}
    </div>
  );
}

const signInLabel = (busy: boolean | undefined) => (busy ? t('account_signingIn') : t('account_signIn'));

export function AccountPanel({ status, busy, onSignIn, onSignOut, onOpenOptions, copy }: AccountPanelProps) {
  if (!status) {
    // Plain words rather than a grey block: the worker may take a moment to start.
    return (
      <section class="card" aria-busy="true" aria-label={t('account_region')}>
        <p class="muted">{t('account_checking')}</p>
      </section>
    );
  }
  if (!status.configured) {
    return (
      <section class="card" aria-label={t('account_region')}>
        <Notice kind="warn">
          <p>{status.configProblem ?? t('account_notSetUp')}</p>
          {onOpenOptions && (
            <button type="button" class="primary" onClick={onOpenOptions}>
              {t('account_openSettings')}
            </button>
          )}
        </Notice>
      </section>
    );
  }
  return (
    <section class="card" aria-label={t('account_region')}>
      {status.signedIn && status.account ? (
        <>
          <div class="spread">
            <div style={{ minWidth: 0 }}>
              <p class="truncate" title={status.account.username}>
                <strong>{status.account.name || status.account.username}</strong>
              </p>
              <p class="small muted truncate" title={status.account.username}>
                {status.account.username}
              </p>
            </div>
            <div class="row">
              {status.sessionEnded ? (
                <button type="button" class="primary" onClick={onSignIn} disabled={busy}>
                  {signInLabel(busy)}
                </button>
              ) : null}
              {onSignOut && (
                <ConfirmButton
                  label={t('account_signOut')}
                  question={t('account_signOutQuestion')}
                  confirmLabel={t('account_signOut')}
                  onConfirm={onSignOut}
                  disabled={busy}
                />
              )}
            </div>
          </div>
          <TenantLine status={status} copy={copy} />
          {status.sessionEnded ? (
            // The account is remembered, but no token can be had without the admin: never claim a usable session.
            <p class="small" role="status">
              {t('account_sessionEnded', { user: status.account.username })}
            </p>
          ) : null}
        </>
      ) : (
        <div class="spread">
          <p>
            {status.configuredTenant && status.configuredTenant !== 'organizations'
              ? t('account_notSignedInTenant', { tenant: status.configuredTenant })
              : t('account_notSignedIn')}
          </p>
          <button type="button" class="primary" onClick={onSignIn} disabled={busy}>
            {signInLabel(busy)}
          </button>
        </div>
      )}
      {status.tenantMismatch && (
        <Notice kind="warn" role="alert">
          <strong>{t('account_differentTenant')} </strong>
          {status.tenantMismatch}
        </Notice>
      )}
    </section>
  );
}
