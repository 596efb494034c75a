// A button whose action runs only after an inline confirmation. Inline (not a modal) so it works in the
// small popup; focus moves into the question and back to the button when it closes; Escape cancels.
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { t } from '../../src/i18n';

export interface ConfirmButtonProps {
  label: string;
  /** The question, e.g. "Cancel this job? Users not yet converted stay internal." */
  question: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  disabled?: boolean;
  danger?: boolean;
  className?: string;
}

export function ConfirmButton(props: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    queueMicrotask(() => trigger.current?.focus());
  };
  return (
    <>
      <button
        ref={trigger}
        type="button"
        class={props.className ?? (props.danger ? 'danger' : undefined)}
        disabled={props.disabled || open}
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        {props.label}
      </button>
      {open && (
        <ConfirmPanel
          question={props.question}
          confirmLabel={props.confirmLabel}
          danger={props.danger}
          onCancel={close}
          onConfirm={() => {
            setOpen(false);
            void props.onConfirm();
          }}
        />
      )}
    </>
  );
}

export interface ConfirmPanelProps {
  question: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmPanel(props: ConfirmPanelProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-labelledby={`${id}-q`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      <p id={`${id}-q`}>{props.question}</p>
      <div class="row">
        <button type="button" class={props.danger ? 'danger' : 'primary'} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {t('confirm_keep')}
        </button>
      </div>
    </div>
  );
}
