// A user's eligibility: the status pill, every reason behind it (each tagged with its code), and the privileged-role
// override when the block is one the admin may lift.
import type { PreflightUser } from '../../../src/messages';
import { shownReasons, statusLabel, type RowEdit, type RowVerdict } from '../../../src/review';
import { PrivilegedOverride } from './privileged-override';
import type { IsTrusted } from './types';
import { t } from '../../../src/i18n';

/** The pill's colour for a row's status: a missing address is for the admin to fill in, not a block (amber, not red). */
const PILL: Record<RowVerdict['status'], string> = { eligible: 'eligible', warning: 'warning', blocked: 'blocked', needsEmail: 'warning', excluded: '' };

export function EligibilityCell(p: { name: string; user: PreflightUser; edit: RowEdit; verdict: RowVerdict; onEdit: (c: Partial<RowEdit>) => void; trusted: IsTrusted }) {
  const { user: u, edit, verdict: v } = p;
  const reasons = shownReasons(v);
  return (
    <>
      <span class={`pill ${PILL[v.status]}`}>{statusLabel(v.status)}</span>
      {u.accountEnabled ? null : v.reasons.some((r) => r.code === 'accountDisabled') ? null : <span class="reason warn">{t('review_accountDisabled')}</span>}
      {reasons.map((r) => (
        <span key={r.code} class={`reason ${r.severity === 'blocked' ? 'block' : 'warn'}`} data-code={r.code}>
          {r.message}
        </span>
      ))}
      {v.overridable || edit.override > 0 ? <PrivilegedOverride name={p.name} edit={edit} onEdit={p.onEdit} trusted={p.trusted} /> : null}
    </>
  );
}
