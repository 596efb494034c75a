// Who is signed in, to which tenant — or a Sign in button. Used by the popup, the options page and the picker.
import type { AuthStatus } from '../../src/messages';
import { ConfirmButton } from './Confirm';
import { Notice } from './common';

export interface AccountPanelProps {
  status: AuthStatus | undefined;
  /** True while a sign-in/out request is in flight. */
  busy?: boolean;
  onSignIn: () => void;
  /** When given, a Sign out button (with confirmation) is shown. */
  onSignOut?: () => void;
  /** When given, a link to the settings is offered if the extension is not configured. */
  onOpenOptions?: () => void;
}

export function AccountPanel({ status, busy, onSignIn, onSignOut, onOpenOptions }: AccountPanelProps) {
  if (!status) {
    // Same height as the loaded panel: no layout jump when the status arrives.
    return (
      <section class="card" aria-busy="true" aria-label="Account">
        <p class="skeleton">Loading account…</p>
        <p class="skeleton small">Tenant</p>
      </section>
    );
  }
  if (!status.configured) {
    return (
      <section class="card" aria-label="Account">
        <Notice kind="warn">
          <p>{status.configProblem ?? 'The extension is not set up yet.'}</p>
          {onOpenOptions && (
            <button type="button" class="primary" onClick={onOpenOptions}>
              Open settings
            </button>
          )}
        </Notice>
      </section>
    );
  }
  return (
    <section class="card" aria-label="Account">
      {status.signedIn && status.account ? (
        <div class="spread">
          <div style={{ minWidth: 0 }}>
            <p class="truncate wrap" title={status.account.username}>
              <strong>{status.account.name || status.account.username}</strong>
            </p>
            <p class="small muted truncate wrap">{status.account.username}</p>
            <p class="small muted">
              Tenant {status.tenantName ? <strong>{status.tenantName}</strong> : null} <span class="mono">{status.account.tenantId}</span>
              {status.cloud && status.cloud !== 'Global' ? ` · ${status.cloud}` : ''}
            </p>
            {status.sessionEnded ? (
              // The account is remembered, but no token can be had without the admin: never claim a usable session.
              <p class="small" role="status">
                Signed in as {status.account.username} — session ended. Sign in again to continue.
              </p>
            ) : null}
          </div>
          {status.sessionEnded ? (
            <button type="button" class="primary" onClick={onSignIn} disabled={busy}>
              {busy ? 'Signing in…' : 'Sign in'}
            </button>
          ) : null}
          {onSignOut && (
            <ConfirmButton
              label="Sign out"
              question="Sign out? Running jobs pause until you sign in again."
              confirmLabel="Sign out"
              onConfirm={onSignOut}
              disabled={busy}
            />
          )}
        </div>
      ) : (
        <div class="spread">
          <p>Not signed in{status.configuredTenant ? ` (tenant ${status.configuredTenant})` : ''}.</p>
          <button type="button" class="primary" onClick={onSignIn} disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      )}
      {status.tenantMismatch && (
        <Notice kind="warn" role="alert">
          <strong>Different tenant. </strong>
          {status.tenantMismatch}
        </Notice>
      )}
    </section>
  );
}
