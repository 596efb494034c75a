// "Discard changes?": asked when Esc, the close button or Cancel would throw away what the admin changed in the
// review. The safe answer (keep editing) has the focus, so a second Esc or Enter loses nothing.
import { useEffect, useRef } from 'preact/hooks';

export function DiscardPrompt(p: { onDiscard: () => void; onKeep: () => void }) {
  const keep = useRef<HTMLButtonElement>(null);
  useEffect(() => keep.current?.focus(), []);
  return (
    <div class="prompt-layer">
      <div class="prompt" role="alertdialog" aria-modal="true" aria-labelledby="b2b-discard-title" aria-describedby="b2b-discard-text" data-b2b="discard-prompt">
        <h3 id="b2b-discard-title">Discard changes?</h3>
        <p id="b2b-discard-text">The email addresses, choices and invitation options you changed in this review will be lost. Nothing has been converted.</p>
        <div class="actions">
          <button type="button" class="btn" data-b2b="discard" onClick={p.onDiscard}>
            Discard changes
          </button>
          <button type="button" class="btn primary" data-b2b="keep-editing" ref={keep} onClick={p.onKeep}>
            Keep editing
          </button>
        </div>
      </div>
    </div>
  );
}
