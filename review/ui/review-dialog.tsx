// The review dialog: pre-flight of every selected user, the admin's edits and options, the confirm button, then the
// job's live progress. Every piece of user data is rendered as text (preact escapes it; no markup from data).
// This module runs the phases and keeps keyboard focus inside the modal; each phase's view lives in ./parts/.
// It always runs in an extension document (review/review.html framed in the admin center or in the extension's
// own window, or the fallback picker): no page script can reach its inputs or its Convert button.
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_USERS_PER_JOB, type PreflightResult } from '../../src/messages';
import type { AuthWatch } from '../../content/auth-watch';
import { describeFailure, type Failure, type Services } from '../../content/services';
import { useObservable } from '../../content/ui/hooks';
import { DialogFrame } from './parts/dialog-frame';
import { DiscardPrompt } from './parts/discard-prompt';
import { wrapTabFocus } from './parts/focus-trap';
import { t } from '../../src/i18n';
import { JobProgress } from './parts/job-progress';
import type { SelectedUser } from './parts/job-result';
import { RetryPrompt } from './parts/retry-prompt';
import { PreflightStatus } from './parts/preflight-status';
import { ReviewBody } from './parts/review-body';
import type { Tier } from './parts/types';
import type { ReviewPlacement } from '../../src/confirm-gate';
import { useConfirmGate, type GateEnv } from './confirm-gate';

export interface ReviewProps {
  ids: readonly string[];
  services: Services;
  auth: AuthWatch;
  requireTrusted: boolean;
  /** Where the review is shown: decides how Convert is guarded (src/confirm-gate.ts). */
  placement: ReviewPlacement;
  gateEnv: GateEnv;
  /** Framed review that cannot verify its visibility: the same review continues in the extension's own window. */
  onContinueInWindow?: () => Promise<void>;
  onClose: () => void;
  /** The job was accepted for these users (the selection lets go of them). */
  onSubmitted: (userIds: string[]) => void;
  /** Makes these users the selection in the admin center's list ("Select the failed users"); absent without a list. */
  onSelectUsers?: (users: SelectedUser[]) => void;
  /** Opens the job's page with every user's result ("View results"). */
  onViewResults?: (jobId: string) => void;
  /** How often to ask for the job's progress when no broadcast arrives (ms). */
  pollMs?: number;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'review'; result: PreflightResult }
  | { kind: 'running'; result: PreflightResult; jobId: string; total: number };

export function ReviewDialog(props: ReviewProps) {
  const { services } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const dialogRef = useRef<HTMLDivElement>(null);
  const auth = useObservable(props.auth.view);
  const trusted = (e: Event) => !props.requireTrusted || e.isTrusted;
  const gate = useConfirmGate(dialogRef, props.placement, props.gateEnv);
  /** The admin changed something in the review (ReviewBody reports it): closing asks first. */
  const dirty = useRef(false);
  const [askDiscard, setAskDiscard] = useState(false);
  /** "Retry the failed users?", asked for the job result; `confirm` sends the retry. */
  const [askRetry, setAskRetry] = useState<{ count: number; confirm: () => void } | undefined>(undefined);
  /** Where the focus was when the prompt opened: "Keep editing" puts it back. */
  const focusBeforePrompt = useRef<HTMLElement | null>(null);

  const rememberFocus = () => {
    const dialog = dialogRef.current;
    const active = dialog ? (dialog.getRootNode() as ShadowRoot | Document).activeElement : null;
    focusBeforePrompt.current = active instanceof HTMLElement && dialog?.contains(active) ? active : null;
  };
  const requestClose = () => {
    if (phase.kind === 'review' && dirty.current) {
      rememberFocus();
      setAskDiscard(true);
      return;
    }
    props.onClose();
  };
  const keepEditing = () => {
    setAskDiscard(false);
    setAskRetry(undefined);
    const back = focusBeforePrompt.current;
    setTimeout(() => (back?.isConnected ? back.focus() : dialogRef.current?.focus()), 0);
  };
  const discard = () => {
    dirty.current = false;
    setAskDiscard(false);
    props.onClose();
  };

  // In the extension's own window the browser's close button would lose the edits as silently: it asks too.
  useEffect(() => {
    if (props.placement !== 'window') return;
    const win = props.gateEnv.win;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (dirty.current) e.preventDefault();
    };
    win.addEventListener('beforeunload', onBeforeUnload);
    return () => win.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  // Framed: when the page hands the focus back to the review (it can focus our frame at will), a key press must not
  // land on Convert; the focus goes to the dialog itself, and the admin tabs to Convert.
  useEffect(() => {
    if (props.placement !== 'frame') return;
    const win = props.gateEnv.win;
    const onFocus = () =>
      win.setTimeout(() => {
        const active = win.document.activeElement;
        if (active instanceof HTMLElement && active.dataset.b2b === 'confirm') dialogRef.current?.focus();
      }, 0);
    win.addEventListener('focus', onFocus);
    return () => win.removeEventListener('focus', onFocus);
  }, []);

  // Pre-flight: batched Graph reads in the worker; nothing is written.
  useEffect(() => {
    let live = true;
    setPhase({ kind: 'loading' });
    if (props.ids.length === 0) {
      setPhase({ kind: 'failed', failure: { kind: 'failed', message: t('review_noneSelected') } });
      return;
    }
    if (props.ids.length > MAX_USERS_PER_JOB) {
      setPhase({ kind: 'failed', failure: { kind: 'failed', message: t('content_tooMany', { selected: props.ids.length, max: MAX_USERS_PER_JOB }) } });
      return;
    }
    services.request('users/preflight', { userIds: [...props.ids] }).then(
      (result) => live && setPhase({ kind: 'review', result }),
      (err: unknown) => live && setPhase({ kind: 'failed', failure: describeFailure(err) }),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  // Focus: into the dialog when it opens, and back into it whenever a phase change took the focused element away.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const root = dialog.getRootNode() as ShadowRoot | Document;
    if (!root.activeElement || !dialog.contains(root.activeElement)) dialog.focus();
  }, [phase.kind]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (askDiscard || askRetry) keepEditing();
      else requestClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const dialog = dialogRef.current;
    const prompt = dialog?.querySelector<HTMLElement>('.prompt');
    if (prompt) wrapTabFocus(prompt, e);
    else if (dialog) wrapTabFocus(dialog, e);
  };

  const signIn = async (tier: Tier) => {
    try {
      await services.request('auth/signIn', { tier });
    } finally {
      await props.auth.refresh();
    }
  };
  const retry = () => setAttempt((a) => a + 1);

  return (
    <DialogFrame
      dialogRef={dialogRef}
      onKeyDown={onKeyDown}
      onClose={requestClose}
      overlay={
        askDiscard ? (
          <DiscardPrompt onDiscard={discard} onKeep={keepEditing} />
        ) : askRetry ? (
          <RetryPrompt
            count={askRetry.count}
            gate={gate}
            trusted={trusted}
            onCancel={keepEditing}
            onConfirm={() => {
              const { confirm } = askRetry;
              keepEditing();
              confirm();
            }}
          />
        ) : null
      }
    >
      {phase.kind === 'review' ? (
        <ReviewBody
          result={phase.result}
          services={services}
          auth={auth}
          trusted={trusted}
          gate={gate}
          onContinueInWindow={props.onContinueInWindow}
          signIn={signIn}
          onClose={requestClose}
          onChanged={(changed) => (dirty.current = changed)}
          onSubmitted={props.onSubmitted}
          onRunning={(jobId, total) => setPhase({ kind: 'running', result: phase.result, jobId, total })}
        />
      ) : phase.kind === 'running' ? (
        <JobProgress
          jobId={phase.jobId}
          total={phase.total}
          result={phase.result}
          services={services}
          pollMs={props.pollMs}
          trusted={trusted}
          signIn={signIn}
          onClose={props.onClose}
          onSelectUsers={props.onSelectUsers}
          onViewResults={props.onViewResults}
          askRetry={(count, confirm) => {
            rememberFocus();
            setAskRetry({ count, confirm });
          }}
        />
      ) : (
        <PreflightStatus
          failure={phase.kind === 'failed' ? phase.failure : undefined}
          selectedCount={props.ids.length}
          trusted={trusted}
          signIn={signIn}
          onRetry={retry}
          onClose={props.onClose}
        />
      )}
    </DialogFrame>
  );
}
