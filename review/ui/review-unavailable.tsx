// The review document could not have the selection (framed by a page that is not the admin center, opened by hand,
// or the selection expired): it says why, and writes nothing.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../src/i18n';
import { DialogFrame } from './parts/dialog-frame';

export function ReviewUnavailable(p: { message: string; onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => dialogRef.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') p.onClose();
  };
  return (
    <DialogFrame dialogRef={dialogRef} onKeyDown={onKeyDown} onClose={p.onClose}>
      <div class="body">
        <div class="msg error" role="alert" id="b2b-review-summary" data-b2b="review-unavailable">
          {p.message} {t('review_nothingConverted')}
        </div>
      </div>
      <footer>
        <button type="button" class="btn" onClick={p.onClose}>
          {t('review_close')}
        </button>
      </footer>
    </DialogFrame>
  );
}
