// The modal's shell, the same in every phase: backdrop, the labelled dialog element that takes focus, and the title
// bar with its close button. The phase's body and footer go inside.
import type { JSX } from 'preact';

export function DialogFrame(p: {
  dialogRef: { current: HTMLDivElement | null };
  onKeyDown: (e: KeyboardEvent) => void;
  onClose: () => void;
  children: JSX.Element | JSX.Element[];
}) {
  return (
    <div class="backdrop">
      <div
        class="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="b2b-review-title"
        aria-describedby="b2b-review-summary"
        tabIndex={-1}
        ref={p.dialogRef}
        onKeyDown={p.onKeyDown}
      >
        <header>
          <h2 id="b2b-review-title">Convert to external users</h2>
          <button type="button" class="close" aria-label="Close" title="Close" onClick={p.onClose}>
            ✕
          </button>
        </header>
        {p.children}
      </div>
    </div>
  );
}
