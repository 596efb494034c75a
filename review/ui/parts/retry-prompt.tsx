// "Retry the failed users?": retrying writes to the directory again, so it is confirmed here, in the extension's
// own document, and the confirm button obeys the same gate as Convert (visible, unobscured, focused for a while).
import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from '../../../src/i18n';
import type { ConfirmGate } from '../confirm-gate';
import type { IsTrusted } from './types';

export function RetryPrompt(p: { count: number; gate: ConfirmGate; trusted: IsTrusted; onConfirm: () => void; onCancel: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    p.gate.restart();
  }, []);
  const why = p.gate.verdict.ready ? undefined : p.gate.verdict.reason;
  return (
    <div class="prompt-layer">
      <div class="prompt" role="alertdialog" aria-modal="true" aria-labelledby="b2b-retry-title" aria-describedby="b2b-retry-text" data-b2b="retry-prompt">
        <h3 id="b2b-retry-title">{tn('review_retry_title', p.count)}</h3>
        <p id="b2b-retry-text">{tn('review_retry_text', p.count)}</p>
        {why ? (
          <p class="upn" id="b2b-retry-why">
            {why}
          </p>
        ) : null}
        <div class="actions">
          <button type="button" class="btn" ref={cancel} onClick={p.onCancel}>
            {t('review_cancel')}
          </button>
          <button
            type="button"
            class="btn primary"
            data-b2b="retry-confirm"
            disabled={!p.gate.verdict.ready}
            aria-describedby={why ? 'b2b-retry-why' : undefined}
            onClick={(e) => p.trusted(e) && p.gate.readyNow() && p.onConfirm()}
          >
            {tn('review_retry_confirm', p.count)}
          </button>
        </div>
      </div>
    </div>
  );
}
