// The command-bar control: "Convert to external users", which users are selected (Show selected), and the
// bulk-select helpers. The selection count is said once: in "Show selected (N)", and to screen readers as it changes.
import type { SelectionStore } from '../../src/selection';
import { t, tn } from '../../src/i18n';
import { convertBlockedReason, type AuthWatch } from '../auth-watch';
import type { BulkSelect } from '../bulk-select';
import type { GridFacts } from '../grid-watch';
import type { Observable } from '../observable';
import { describeFailure, type Services } from '../services';
import { useObservable, useSelectionVersion } from './hooks';
import { SelectedList } from './selected-list';
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
  const note = signInError || reviewProblem || status.message;
  const noteIsError = Boolean(status.error || signInError || reviewProblem);

  return (
    <div class="bar" role="group" aria-label={t('extName')}>
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
          <span class="icon" aria-hidden="true">
            ⇄
          </span>
          <span>{t('content_convert')}</span>
        </button>
        {reason ? (
          <span class="tip" role="tooltip" id="b2b-convert-why">
            {reason}
          </span>
        ) : null}
      </span>
      <span class="sr-only" role="status" aria-live="polite" data-b2b="count">
        {tn('content_selectedCount', size)}
      </span>
      <SelectedList store={store} size={size} trusted={trusted} />
      {found !== undefined && found > 0 ? (
        <button type="button" class="cmd" data-b2b="select-all-found" aria-disabled={status.busy ? 'true' : undefined} onClick={(e) => trusted(e) && !status.busy && void bulk.selectAllFound()}>
          {tn('content_selectAllFound', found)}
        </button>
      ) : null}
      {size > 0 ? (
        <button type="button" class="cmd" data-b2b="clear" onClick={(e) => trusted(e) && bulk.clear()}>
          {t('content_clear')}
        </button>
      ) : null}
      {canSignIn ? (
        <button type="button" class="cmd" data-b2b="sign-in" onClick={(e) => void onSignIn(e)}>
          {t('content_signIn')}
        </button>
      ) : null}
      {canSignIn && auth.state === 'ready' && auth.status.sessionEnded ? (
        <span class="note" role="status" data-b2b="session-ended">
          {t('content_sessionEnded', { account: auth.status.account?.username ?? '' })}
        </span>
      ) : null}
      {note ? (
        <span class={`note${noteIsError ? ' error' : ''}`} role={noteIsError ? 'alert' : 'status'}>
          {note}
        </span>
      ) : null}
    </div>
  );
}
