// The command-bar control: "Convert to external users" with the selected count, and the bulk-select helpers.
import type { SelectionStore } from '../../src/selection';
import { convertBlockedReason, type AuthWatch } from '../auth-watch';
import type { BulkSelect } from '../bulk-select';
import type { GridFacts } from '../grid-watch';
import type { Observable } from '../observable';
import { describeFailure, type Services } from '../services';
import { useObservable, useSelectionVersion } from './hooks';
import { useState } from 'preact/hooks';

export interface ControlProps {
  store: SelectionStore;
  auth: AuthWatch;
  bulk: BulkSelect;
  grid: Observable<GridFacts | undefined>;
  services: Services;
  openReview: () => void;
  /** Why the review could not be opened, when it could not. */
  reviewProblem: Observable<string>;
  /** Only real clicks open the review (a page script's synthetic click does not). Off in unit tests. */
  requireTrusted: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function Control(props: ControlProps) {
  const { store, bulk } = props;
  useSelectionVersion(store);
  const auth = useObservable(props.auth.view);
  const grid = useObservable(props.grid);
  const status = useObservable(bulk.status);
  const [signInError, setSignInError] = useState('');
  const reviewProblem = useObservable(props.reviewProblem);
  const size = store.size;
  const reason = convertBlockedReason(size, auth);
  const found = grid?.foundCount;
  // Also when the account is remembered but its session ended (e.g. after a browser restart): same as the popup.
  const canSignIn = auth.state === 'ready' && auth.status.configured && (!auth.status.signedIn || auth.status.sessionEnded === true);

  const trusted = (e: Event) => !props.requireTrusted || e.isTrusted;
  const onConvert = (e: MouseEvent) => {
    if (!trusted(e) || reason) return;
    props.openReview();
  };
  const onSignIn = async (e: MouseEvent) => {
    if (!trusted(e)) return;
    setSignInError('');
    try {
      await props.services.request('auth/signIn', { tier: 'read' });
    } catch (err) {
      setSignInError(describeFailure(err).message);
    }
    await props.auth.refresh();
  };

  return (
    <div class="bar" role="group" aria-label="B2B Convert for Entra">
      <span class="convert-wrap">
        <button
          type="button"
          class="cmd convert"
          data-b2b="convert"
          aria-haspopup="dialog"
          aria-disabled={reason ? 'true' : undefined}
          aria-describedby={reason ? 'b2b-convert-why' : undefined}
          title={reason}
          onClick={onConvert}
        >
          <span class="icon" aria-hidden="true">⇄</span>
          <span>Convert to external users</span>
          <span class="badge" aria-label={`${size} selected`}>{fmt(size)}</span>
        </button>
        {reason ? (
          <span class="tip" role="tooltip" id="b2b-convert-why">
            {reason}
          </span>
        ) : null}
      </span>
      <span class="count" role="status" aria-live="polite" data-b2b="count">
        {fmt(size)} selected
      </span>
      {found !== undefined && found > 0 ? (
        <button type="button" class="cmd" data-b2b="select-all-found" aria-disabled={status.busy ? 'true' : undefined} onClick={(e) => trusted(e) && !status.busy && void bulk.selectAllFound()}>
          Select all {fmt(found)} users found
        </button>
      ) : null}
      {size > 0 ? (
        <button type="button" class="cmd" data-b2b="clear" onClick={(e) => trusted(e) && bulk.clear()}>
          Clear
        </button>
      ) : null}
      {canSignIn ? (
        <button type="button" class="cmd" data-b2b="sign-in" onClick={(e) => void onSignIn(e)}>
          Sign in
        </button>
      ) : null}
      {canSignIn && auth.state === 'ready' && auth.status.sessionEnded ? (
        <span class="note" role="status" data-b2b="session-ended">
          Signed in as {auth.status.account?.username} — session ended
        </span>
      ) : null}
      {status.message || signInError || reviewProblem ? (
        <span class={`note${status.error || signInError || reviewProblem ? ' error' : ''}`} role={status.error || signInError || reviewProblem ? 'alert' : 'status'}>
          {signInError || reviewProblem || status.message}
        </span>
      ) : null}
    </div>
  );
}
