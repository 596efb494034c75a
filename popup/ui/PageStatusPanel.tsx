// Whether the current tab is an All users page the extension recognised. The fallback picker is offered only when
// it can work (configured and signed in); the layout name and the selectors that did not match are diagnostics,
// behind a collapsed section.
import type { PageStatus } from '../../src/messages';
import { Diagnostics, Notice } from './common';

export function PageStatusPanel(props: {
  status: PageStatus | undefined | 'unknown';
  /** Configured and signed in with a usable session: the picker can search the directory. */
  canPick: boolean;
  onOpenPicker: () => void;
}) {
  const { status } = props;
  const picker = props.canPick ? (
    <button type="button" onClick={props.onOpenPicker}>
      Open the fallback picker
    </button>
  ) : (
    <p class="small muted">Sign in to pick users by search, a pasted list or a CSV file instead.</p>
  );
  if (status === undefined) {
    return (
      <section class="card" aria-busy="true" aria-label="Current page">
        <p class="muted">Checking this page…</p>
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === true) {
    return (
      <section class="card" aria-label="Current page">
        <p>
          <span class="badge ok">Recognised</span> This is an All users page. Select users in the list, then use{' '}
          <strong>Convert to external users</strong>.
        </p>
        {status.layout && <Diagnostics lines={[`Layout: ${status.layout}`]} />}
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === false) {
    return (
      <section class="card" aria-label="Current page">
        <Notice kind="warn">
          <p>The layout of this page was not recognised, so the Convert button is not shown here.</p>
          {props.canPick && <p>You can still pick users by search, a pasted list or a CSV file.</p>}
          {picker}
          {/* Selectors that did not match, or why a grid that is there was not used (two lists shown at once). */}
          {status.missing && status.missing.length > 0 && <Diagnostics lines={[`Not found: ${status.missing.join(', ')}`]} />}
        </Notice>
      </section>
    );
  }
  return (
    <section class="card" aria-label="Current page">
      <p class="small">
        This tab is not an Entra All users page. Open <em>Users › All users</em> in the Entra admin center
        {props.canPick ? ', or pick users here:' : '.'}
      </p>
      {picker}
    </section>
  );
}
