// Warnings that come before the list, so they are read before the confirm button is reached: the page belongs to
// another tenant than the signed-in one, the admin's roles may not allow inviting, or the users' directory roles could
// not be read (converting then waits for the admin's acknowledgement).
import type { PreflightResult } from '../../../src/messages';
import { t } from '../../../src/i18n';
import type { IsTrusted } from './types';

export function ReviewWarnings(p: {
  tenantMismatch: string | undefined;
  result: PreflightResult;
  rolesAcknowledged: boolean;
  onAcknowledgeRoles: (v: boolean) => void;
  trusted: IsTrusted;
}) {
  return (
    <>
      {p.tenantMismatch ? (
        <div class="msg warn" role="alert" data-b2b="tenant-mismatch">
          <strong>{t('review_warn_otherTenant')}</strong> {p.tenantMismatch}
        </div>
      ) : null}
      {p.result.adminRoleProblem ? (
        <div class="msg warn" role="alert" data-b2b="admin-role-problem">
          <strong>{t('review_warn_adminRoles')}</strong> {p.result.adminRoleProblem}
        </div>
      ) : null}
      {p.result.rolesNotVerified ? (
        <div class="msg warn" role="alert" data-b2b="roles-not-verified">
          <strong>{t('review_warn_rolesNotVerified')}</strong> {p.result.rolesNotVerified}
          <label>
            <input
              type="checkbox"
              checked={p.rolesAcknowledged}
              onChange={(e) => p.trusted(e) && p.onAcknowledgeRoles((e.currentTarget as HTMLInputElement).checked)}
            />{' '}
            {t('review_warn_rolesAcknowledge')}
          </label>
        </div>
      ) : null}
      {p.result.eligibleRolesNotChecked ? (
        <div class="msg info" data-b2b="eligible-roles-not-checked">
          {p.result.eligibleRolesNotChecked}
        </div>
      ) : null}
    </>
  );
}
