// Whether the current tab is an All users page the extension recognised.
import type { PageStatus } from '../../src/messages';
import { Notice } from './common';

export function PageStatusPanel(props: { status: PageStatus | undefined | 'unknown'; onOpenPicker: () => void }) {
  const { status } = props;
  const picker = (
    <button type="button" onClick={props.onOpenPicker}>
      Open the fallback picker
    </button>
  );
  if (status === undefined) {
    return (
      <section class="card" aria-busy="true" aria-label="Current page">
        <p class="skeleton">Checking this page…</p>
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === true) {
    return (
      <section class="card" aria-label="Current page">
        <p>
          <span class="badge ok">Recognised</span> This is an All users page{status.layout ? ` (layout ${status.layout})` : ''}. Select
          users in the grid, then use <strong>Convert to external users</strong>.
        </p>
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === false) {
    return (
      <section class="card" aria-label="Current page">
        <Notice kind="warn">
          <p>The layout of this page was not recognised, so the Convert button is not shown here.</p>
          {/* Selectors that did not match, or why a grid that is there was not used (two lists shown at once). */}
          {status.missing && status.missing.length > 0 && <p class="small">Why: {status.missing.join(', ')}</p>}
          <p>You can still pick users by search, a pasted list or a CSV file.</p>
          {picker}
        </Notice>
      </section>
    );
  }
  return (
    <section class="card" aria-label="Current page">
      <p class="small">
        This tab is not an Entra All users page. Open <em>Users › All users</em> in the Entra admin center, or pick users here:
      </p>
      {picker}
    </section>
  );
}
