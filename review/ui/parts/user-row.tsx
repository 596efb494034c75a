// One selected user: the include box, who they are, the address they will be invited at, and their eligibility.
import type { PreflightUser } from '../../../src/messages';
import type { RowEdit, RowVerdict } from '../../../src/review';
import { EligibilityCell } from './eligibility-cell';
import { EmailField } from './email-field';
import type { IsTrusted } from './types';
import { t } from '../../../src/i18n';

export function UserRow(p: { index: number; user: PreflightUser; edit: RowEdit; verdict: RowVerdict; onEdit: (c: Partial<RowEdit>) => void; trusted: IsTrusted }) {
  const { user: u, edit, verdict: v, index } = p;
  const blocked = v.status === 'blocked';
  // A user blocked only for the address can be ticked (and is, as soon as an address is typed); others cannot.
  const included = edit.include && !v.locked;
  const name = u.displayName || u.userPrincipalName;
  return (
    <tr class={blocked ? 'blocked' : ''} data-b2b="review-row" data-user-id={u.id} data-status={v.status}>
      <td>
        <input
          type="checkbox"
          checked={included}
          disabled={v.locked}
          aria-label={t('review_include', { name })}
          onChange={(e) => {
            if (!p.trusted(e)) return;
            p.onEdit({ include: (e.currentTarget as HTMLInputElement).checked });
          }}
        />
      </td>
      <td>
        <span class="name" dir="auto" title={name}>
          {name}
        </span>
        <span class="upn" dir="auto">
          {u.userPrincipalName}
        </span>
      </td>
      <td>
        <EmailField name={name} errorId={`b2b-email-err-${index}`} edit={edit} verdict={v} onEdit={p.onEdit} trusted={p.trusted} />
      </td>
      <td>
        <EligibilityCell name={name} user={u} edit={edit} verdict={v} onEdit={p.onEdit} trusted={p.trusted} />
      </td>
    </tr>
  );
}
