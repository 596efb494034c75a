// Warnings that come before the list, so they are read before the confirm button is reached: the page belongs to
// another tenant than the signed-in one, or the admin's roles may not allow inviting.
import type { PreflightResult } from '../../../src/messages';

export function ReviewWarnings(p: { tenantMismatch: string | undefined; result: PreflightResult }) {
  return (
    <>
      {p.tenantMismatch ? (
        <div class="msg warn" role="alert" data-b2b="tenant-mismatch">
          <strong>Different tenant.</strong> {p.tenantMismatch}
        </div>
      ) : null}
      {p.result.adminRoleProblem ? (
        <div class="msg warn" role="alert" data-b2b="admin-role-problem">
          <strong>Your roles may not allow inviting.</strong> {p.result.adminRoleProblem}
        </div>
      ) : null}
    </>
  );
}
