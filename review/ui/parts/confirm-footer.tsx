// The review's footer: why confirming is not possible yet (the confirm button's description), Cancel, and the
// confirm button that names how many users it converts.
import { convertLabel } from '../../../src/review-submit';
import { t } from '../../../src/i18n';

export function ConfirmFooter(p: {
  /** Why the confirm button is disabled; undefined when nothing stands in the way. */
  why: string | undefined;
  canConfirm: boolean;
  busy: boolean;
  convertCount: number;
  onConfirm: (e: Event) => void;
  onCancel: () => void;
  /** Offered when this browser cannot verify the framed dialog is visible. */
  onContinueInWindow?: () => Promise<void>;
}) {
  const { why } = p;
  return (
    <footer>
      {why ? (
        <span class="upn" id="b2b-confirm-why">
          {why}
        </span>
      ) : null}
      <button type="button" class="btn" onClick={p.onCancel}>
        {t('review_cancel')}
      </button>
      {p.onContinueInWindow ? (
        <button type="button" class="btn" data-b2b="continue-in-window" onClick={() => void p.onContinueInWindow?.()}>
          {t('review_continueInWindow')}
        </button>
      ) : null}
      <button type="button" class="btn primary" data-b2b="confirm" disabled={!p.canConfirm} aria-describedby={why ? 'b2b-confirm-why' : undefined} onClick={p.onConfirm}>
        {p.busy ? t('review_starting') : convertLabel(p.convertCount)}
      </button>
    </footer>
  );
}
