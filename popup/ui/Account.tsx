// Who is signed in, to which tenant — or a Sign in button. Used by the popup, the options page and the picker.
// The tenant shows by name and domain; its id is on hover and behind a Copy button.
import type { AuthStatus } from '../../src/messages';
import { domainOf } from '../lib/format';
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
      <span class="muted">Tenant</span>
      <span class="truncate" title={`Tenant ID ${account.tenantId}`} data-b2b="tenant">
        <strong>{name}</strong>
        {domain && domain !== name ? <span class="muted"> · {domain}</span> : null}
        {status.cloud && status.cloud !== 'Global' ? <span class="muted"> · {status.cloud}</span> : null}
      </span>
      {copy && <CopyButton text={account.tenantId} label="Copy the tenant ID" copy={copy} />}
    </div>
  );
}

export function AccountPanel({ status, busy, onSignIn, onSignOut, onOpenOptions, copy }: AccountPanelProps) {
  if (!status) {
    // Plain words rather than a grey block: the worker may take a moment to start.
    return (
      <section class="card" aria-busy="true" aria-label="Account">
        <p class="muted">Checking the sign-in…</p>
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
          </div>
          <TenantLine status={status} copy={copy} />
          {status.sessionEnded ? (
            // The account is remembered, but no token can be had without the admin: never claim a usable session.
            <p class="small" role="status">
              Signed in as {status.account.username} — session ended. Sign in again to continue.
            </p>
          ) : null}
        </>
      ) : (
        <div class="spread">
          <p>Not signed in{status.configuredTenant && status.configuredTenant !== 'organizations' ? ` (tenant ${status.configuredTenant})` : ''}.</p>
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
