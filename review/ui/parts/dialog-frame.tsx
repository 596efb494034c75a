// The modal's shell, the same in every phase: backdrop, the labelled dialog element that takes focus, and the title
// bar with its close button. The phase's body and footer go inside; `overlay` (a prompt such as "Discard changes?")
// is laid over them, and while it shows everything else in the dialog is inert.
import type { JSX } from 'preact';
import { t } from '../../../src/i18n';

export function DialogFrame(p: {
  dialogRef: { current: HTMLDivElement | null };
  onKeyDown: (e: KeyboardEvent) => void;
  onClose: () => void;
  overlay?: JSX.Element | null;
  children: JSX.Element | JSX.Element[];
}) {
  const covered = p.overlay ? true : undefined;
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
        <div class="phase" inert={covered} aria-hidden={covered ? 'true' : undefined}>
          <header>
            <h2 id="b2b-review-title">{t('content_convert')}</h2>
            <button type="button" class="close" aria-label={t('review_close')} title={t('review_close')} onClick={p.onClose}>
              ✕
            </button>
          </header>
          {p.children}
        </div>
        {p.overlay ?? null}
      </div>
    </div>
  );
}
