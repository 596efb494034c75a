// The selected users, one row each, rendered a page of rows at a time: thousands of rows with inputs at once would
// make the portal's tab sluggish, so the admin asks for more.
import { useState } from 'preact/hooks';
import type { PreflightResult } from '../../../src/messages';
import type { Edits, RowEdit, RowVerdict } from '../../../src/review';
import type { IsTrusted } from './types';
import { UserRow } from './user-row';
import { t } from '../../../src/i18n';

const PAGE_ROWS = 500;

export function UserTable(p: {
  result: PreflightResult;
  edits: Edits;
  verdicts: ReadonlyMap<string, RowVerdict>;
  onEdit: (userId: string, change: Partial<RowEdit>) => void;
  trusted: IsTrusted;
}) {
  const { result } = p;
  const [limit, setLimit] = useState(PAGE_ROWS);
  const shown = result.users.slice(0, limit);
  return (
    <>
      <table class="users" data-b2b="review-list">
        <colgroup>
          <col class="inc" />
          <col />
          <col />
          <col class="state" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">
              <span class="sr-only">{t('review_table_include')}</span>
            </th>
            <th scope="col">{t('review_table_user')}</th>
            <th scope="col">{t('review_table_email')}</th>
            <th scope="col">{t('review_table_eligibility')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((u, i) => (
            <UserRow key={u.id} index={i} user={u} edit={p.edits.get(u.id)!} verdict={p.verdicts.get(u.id)!} onEdit={(c) => p.onEdit(u.id, c)} trusted={p.trusted} />
          ))}
        </tbody>
      </table>
      {result.users.length > shown.length ? (
        <button type="button" class="btn subtle" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
          {t('review_table_more', { next: Math.min(PAGE_ROWS, result.users.length - shown.length), rest: result.users.length - shown.length })}
        </button>
      ) : null}
    </>
  );
}
