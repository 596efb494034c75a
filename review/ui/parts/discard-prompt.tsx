// "Discard changes?": asked when Esc, the close button or Cancel would throw away what the admin changed in the
// review. The safe answer (keep editing) has the focus, so a second Esc or Enter loses nothing.
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../../src/i18n';

export function DiscardPrompt(p: { onDiscard: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div class="prompt-layer">
      <div class="prompt" role="alertdialog" aria-modal="true" aria-labelledby="b2b-discard-title" aria-describedby="b2b-discard-text" data-b2b="discard-prompt">
        <h3 id="b2b-discard-title">{t('review_discard_title')}</h3>
        <p id="b2b-discard-text">{t('review_discard_text')}</p>
        <div class="actions">
          <button type="button" class="btn" data-b2b="discard" onClick={p.onDiscard}>
            {t('review_discard_confirm')}
          </button>
          <button type="button" class="btn primary" data-b2b="keep-editing" ref={keep} onClick={p.onKeep}>
            {t('review_discard_keep')}
          </button>
        </div>
      </div>
    </div>
  );
}
