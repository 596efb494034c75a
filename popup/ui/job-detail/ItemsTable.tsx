// The page of users on screen, one row each, with a box to select them all; a placeholder row while the page loads
// and a note when nothing matches. Selection is by user id, so it survives paging.
import type { JobItemRow as JobItemView } from '../../../src/messages';
import { ItemRow } from './ItemRow';

export function ItemsTable(props: {
  /** Undefined until the first page arrives. */
  items: readonly JobItemView[] | undefined;
  loadFailed: boolean;
  selected: ReadonlySet<string>;
  onSelect: (next: Set<string>) => void;
  copy: (t: string) => Promise<void>;
}) {
  const { items, selected } = props;
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    props.onSelect(next);
  };
  const pageIds = items?.map((i) => i.userId) ?? [];
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const togglePage = () => {
    const next = new Set(selected);
    for (const id of pageIds) {
      if (allOnPage) next.delete(id);
      else next.add(id);
    }
    props.onSelect(next);
  };
  return (
    <div class="table-wrap" style={{ minHeight: '120px' }}>
      <table>
        <caption class="visually-hidden">Users in this job</caption>
        <thead>
          <tr>
            <th scope="col">
              <input type="checkbox" aria-label="Select all users on this page" checked={allOnPage} onChange={togglePage} disabled={pageIds.length === 0} />
            </th>
            <th scope="col">User</th>
            <th scope="col">Result</th>
            <th scope="col">Invitation</th>
          </tr>
        </thead>
        <tbody>
          {items === undefined && !props.loadFailed && (
            <tr>
              <td colSpan={4}>
                <p class="skeleton" aria-busy="true">
                  Loading users…
                </p>
              </td>
            </tr>
          )}
          {items?.length === 0 && (
            <tr>
              <td colSpan={4} class="muted">
                No users match.
              </td>
            </tr>
          )}
          {items?.map((item) => (
            <ItemRow key={item.userId} item={item} selected={selected.has(item.userId)} onToggle={() => toggle(item.userId)} copy={props.copy} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
