// The review dialog: pre-flight of every selected user, the admin's edits and options, the confirm button, then the
// job's live progress. Every piece of user data is rendered as text (preact escapes it; no markup from data).
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { MAX_USERS_PER_JOB, type JobSummary, type PreflightResult, type PreflightUser } from '../../src/messages';
import type { AuthView, AuthWatch } from '../auth-watch';
import {
  applyEdit,
  buildSubmission,
  confirmProblem,
  convertLabel,
  countRows,
  evaluateRows,
  initialEdits,
  initialOptions,
  shownReasons,
  STATUS_LABELS,
  tierNeeded,
  validateOptions,
  type OptionsDraft,
  type RowEdit,
  type RowVerdict,
} from '../../src/review';
import { describeFailure, type Failure, type Services } from '../services';
import { useObservable } from './hooks';

export interface ReviewProps {
  ids: readonly string[];
  services: Services;
  auth: AuthWatch;
  requireTrusted: boolean;
  onClose: () => void;
  /** The job was accepted for these users (the selection lets go of them). */
  onSubmitted: (userIds: string[]) => void;
  /** How often to ask for the job's progress when no broadcast arrives (ms). */
  pollMs?: number;
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; failure: Failure }
  | { kind: 'review'; result: PreflightResult }
  | { kind: 'running'; result: PreflightResult; jobId: string; total: number };

const TIER_ORDER = ['read', 'invite', 'write'] as const;
const LANGUAGES: Array<[string, string]> = [
  ['', 'Default (the user’s language)'],
  ['en-US', 'English (United States)'],
  ['en-GB', 'English (United Kingdom)'],
  ['de-DE', 'Deutsch'],
  ['fr-FR', 'Français'],
  ['es-ES', 'Español'],
  ['it-IT', 'Italiano'],
  ['nl-NL', 'Nederlands'],
  ['pt-BR', 'Português (Brasil)'],
  ['sv-SE', 'Svenska'],
  ['da-DK', 'Dansk'],
  ['nb-NO', 'Norsk bokmål'],
  ['fi-FI', 'Suomi'],
  ['pl-PL', 'Polski'],
  ['ja-JP', '日本語'],
  ['ko-KR', '한국어'],
  ['zh-CN', '中文(简体)'],
  ['zh-TW', '中文(繁體)'],
];
const PAGE_ROWS = 500;
const fmt = (n: number) => n.toLocaleString('en-US');

function FailureText({ failure }: { failure: Failure }) {
  return (
    <>
      {failure.message}
      {failure.graphCode ? (
        <>
          {' '}
          (Microsoft Graph error <code data-b2b="graph-code">{failure.graphCode}</code>
          {failure.status ? `, HTTP ${failure.status}` : ''})
        </>
      ) : null}
      {failure.requestId ? <span class="upn">Request id: {failure.requestId}</span> : null}
    </>
  );
}

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [href], [tabindex]:not([tabindex="-1"])';

export function ReviewDialog(props: ReviewProps) {
  const { services } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const dialogRef = useRef<HTMLDivElement>(null);
  const auth = useObservable(props.auth.view);
  const trusted = (e: Event) => !props.requireTrusted || e.isTrusted;

  // Pre-flight: batched Graph reads in the worker; nothing is written.
  useEffect(() => {
    let live = true;
    setPhase({ kind: 'loading' });
    if (props.ids.length === 0) {
      setPhase({ kind: 'failed', failure: { kind: 'failed', message: 'No users are selected. Select users in the list first.' } });
      return;
    }
    if (props.ids.length > MAX_USERS_PER_JOB) {
      setPhase({ kind: 'failed', failure: { kind: 'failed', message: `${fmt(props.ids.length)} users are selected; one conversion can take at most ${fmt(MAX_USERS_PER_JOB)}. Narrow the selection.` } });
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
      props.onClose();
      return;
    }
    if (e.key !== 'Tab') return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.hidden && el.getAttribute('aria-hidden') !== 'true');
    if (items.length === 0) return;
    const root = dialog.getRootNode() as ShadowRoot | Document;
    const active = root.activeElement;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && (active === first || active === dialog || !dialog.contains(active))) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (active === last || !dialog.contains(active))) {
      e.preventDefault();
      first.focus();
    }
  };

  const signIn = async (tier: 'read' | 'invite' | 'write') => {
    try {
      await services.request('auth/signIn', { tier });
    } finally {
      await props.auth.refresh();
    }
  };

  let body: JSX.Element;
  let footer: JSX.Element;
  if (phase.kind === 'loading') {
    body = (
      <p role="status" data-b2b="loading">
        Checking the {fmt(props.ids.length)} selected user{props.ids.length === 1 ? '' : 's'} in Microsoft Graph… Nothing is changed until you confirm.
      </p>
    );
    footer = (
      <button type="button" class="btn" onClick={props.onClose}>
        Cancel
      </button>
    );
  } else if (phase.kind === 'failed') {
    const f = phase.failure;
    body = (
      <div class="msg error" role="alert" data-b2b="preflight-error">
        <strong>Could not check the selected users.</strong> <FailureText failure={f} /> Nothing was converted.
      </div>
    );
    footer = (
      <>
        {f.kind === 'sign-in' ? (
          <button type="button" class="btn" onClick={(e) => trusted(e) && void signIn(f.tier ?? 'read').then(() => setAttempt((a) => a + 1), () => setAttempt((a) => a + 1))}>
            Sign in
          </button>
        ) : null}
        {props.ids.length > 0 && props.ids.length <= MAX_USERS_PER_JOB ? (
          <button type="button" class="btn primary" data-b2b="retry" onClick={() => setAttempt((a) => a + 1)}>
            Retry
          </button>
        ) : null}
        <button type="button" class="btn" onClick={props.onClose}>
          Close
        </button>
      </>
    );
  } else if (phase.kind === 'review') {
    return (
      <Frame dialogRef={dialogRef} onKeyDown={onKeyDown} onClose={props.onClose}>
        <ReviewBody
          result={phase.result}
          props={props}
          auth={auth}
          trusted={trusted}
          signIn={signIn}
          onRunning={(jobId, total) => setPhase({ kind: 'running', result: phase.result, jobId, total })}
        />
      </Frame>
    );
  } else {
    return (
      <Frame dialogRef={dialogRef} onKeyDown={onKeyDown} onClose={props.onClose}>
        <Progress jobId={phase.jobId} total={phase.total} result={phase.result} props={props} trusted={trusted} />
      </Frame>
    );
  }
  return (
    <Frame dialogRef={dialogRef} onKeyDown={onKeyDown} onClose={props.onClose}>
      <div class="body">{body}</div>
      <footer>{footer}</footer>
    </Frame>
  );
}

function Frame(p: { dialogRef: { current: HTMLDivElement | null }; onKeyDown: (e: KeyboardEvent) => void; onClose: () => void; children: JSX.Element | JSX.Element[] }) {
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

/** The pill's colour for a row's status. */
const PILL: Record<RowVerdict['status'], string> = { eligible: 'eligible', warning: 'warning', blocked: 'blocked', needsEmail: 'blocked', excluded: '' };

function ReviewBody(p: {
  result: PreflightResult;
  props: ReviewProps;
  auth: AuthView;
  trusted: (e: Event) => boolean;
  signIn: (tier: 'read' | 'invite' | 'write') => Promise<void>;
  onRunning: (jobId: string, total: number) => void;
}) {
  const { result, trusted } = p;
  const { services } = p.props;
  const [edits, setEdits] = useState(() => initialEdits(result));
  const [options, setOptions] = useState<OptionsDraft>(() => initialOptions(result));
  const [limit, setLimit] = useState(PAGE_ROWS);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<Failure | undefined>(undefined);

  const verdicts = useMemo(() => evaluateRows(result, edits), [result, edits]);
  const counts = countRows(result, verdicts);
  const optionErrors = validateOptions(options);
  const auth = p.auth;
  const mismatch = auth.state === 'ready' ? auth.status.tenantMismatch : undefined;
  const why = confirmProblem(counts, optionErrors, mismatch);
  const canConfirm = why === undefined && !busy;

  const edit = (id: string, change: Partial<RowEdit>) => setEdits((prev) => applyEdit(result, prev, id, change));
  const setOption = <K extends keyof OptionsDraft>(k: K, v: OptionsDraft[K]) => setOptions((o) => ({ ...o, [k]: v }));

  const confirm = async (e: Event) => {
    if (!trusted(e) || !canConfirm) return;
    const submission = buildSubmission(result, edits, verdicts, options);
    if (submission.items.length === 0) return;
    setBusy(true);
    setSubmitError(undefined);
    try {
      const tier = tierNeeded(submission);
      const granted = auth.state === 'ready' ? auth.status.grantedTiers : [];
      const covered = granted.some((g) => TIER_ORDER.indexOf(g) >= TIER_ORDER.indexOf(tier));
      if (!covered) await p.signIn(tier);
      const { jobId } = await services.request('job/submit', submission);
      p.props.onSubmitted(submission.items.map((i) => i.userId));
      p.onRunning(jobId, submission.items.length);
    } catch (err) {
      setSubmitError(describeFailure(err));
    } finally {
      setBusy(false);
    }
  };

  const shown = result.users.slice(0, limit);
  return (
    <>
      <div class="body">
        {mismatch ? (
          <div class="msg warn" role="alert" data-b2b="tenant-mismatch">
            <strong>Different tenant.</strong> {mismatch}
          </div>
        ) : null}
        {result.adminRoleProblem ? (
          <div class="msg warn" role="alert" data-b2b="admin-role-problem">
            <strong>Your roles may not allow inviting.</strong> {result.adminRoleProblem}
          </div>
        ) : null}
        <p id="b2b-review-summary" class="summary" data-b2b="summary">
          {counts.convert === 0
            ? `None of the ${fmt(counts.selected)} selected users can be converted in ${result.tenantName || 'this tenant'} as the list stands.`
            : `${fmt(counts.convert)} of ${fmt(counts.selected)} selected user${counts.selected === 1 ? '' : 's'} will be converted to B2B collaboration users in ${result.tenantName || 'the tenant'} (${result.tenantId}).`}
        </p>
        <p class="upn">
          {fmt(counts.blocked)} blocked · {fmt(counts.excluded)} excluded · {fmt(counts.needsEmail)} with an email to fix
          {counts.missing > 0 ? ` · ${fmt(counts.missing)} no longer exist` : ''}. Nothing is written to the directory before you confirm.
        </p>
        {result.missing.length > 0 ? (
          <div class="msg warn" data-b2b="missing">
            {fmt(result.missing.length)} selected user{result.missing.length === 1 ? ' was' : 's were'} not found (deleted since you selected them) and will be skipped:{' '}
            {result.missing.slice(0, 20).join(', ')}
            {result.missing.length > 20 ? ', …' : ''}
          </div>
        ) : null}
        <table class="users" data-b2b="review-list">
          <colgroup>
            <col class="inc" />
            <col />
            <col />
            <col class="state" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">
                <span class="sr-only">Include</span>
              </th>
              <th scope="col">User</th>
              <th scope="col">External email</th>
              <th scope="col">Eligibility</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u, i) => (
              <UserRow key={u.id} index={i} user={u} edit={edits.get(u.id)!} verdict={verdicts.get(u.id)!} onEdit={(c) => edit(u.id, c)} trusted={trusted} />
            ))}
          </tbody>
        </table>
        {result.users.length > shown.length ? (
          <button type="button" class="btn subtle" onClick={() => setLimit((l) => l + PAGE_ROWS)}>
            Show {fmt(Math.min(PAGE_ROWS, result.users.length - shown.length))} more of {fmt(result.users.length - shown.length)} not shown
          </button>
        ) : null}
        <Options options={options} errors={optionErrors} set={setOption} trusted={trusted} />
        {submitError ? (
          <div class="msg error" role="alert" data-b2b="submit-error">
            <strong>The conversion was not started.</strong> <FailureText failure={submitError} />
            {submitError.kind === 'sign-in' ? (
              <>
                {' '}
                <button type="button" class="btn" onClick={(e) => trusted(e) && void p.signIn(submitError.tier ?? 'invite').then(() => setSubmitError(undefined), (err: unknown) => setSubmitError(describeFailure(err)))}>
                  Sign in
                </button>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      <footer>
        {why ? (
          <span class="upn" id="b2b-confirm-why">
            {why}
          </span>
        ) : null}
        <button type="button" class="btn" onClick={p.props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          class="btn primary"
          data-b2b="confirm"
          disabled={!canConfirm}
          aria-describedby={why ? 'b2b-confirm-why' : undefined}
          onClick={(e) => void confirm(e)}
        >
          {busy ? 'Starting…' : convertLabel(counts.convert)}
        </button>
      </footer>
    </>
  );
}

function UserRow(p: { index: number; user: PreflightUser; edit: RowEdit; verdict: RowVerdict; onEdit: (c: Partial<RowEdit>) => void; trusted: (e: Event) => boolean }) {
  const { user: u, edit, verdict: v, index } = p;
  const blocked = v.status === 'blocked';
  // A user blocked only for the address can be ticked (and is, as soon as an address is typed); others cannot.
  const included = edit.include && !v.locked;
  const name = u.displayName || u.userPrincipalName;
  const errId = `b2b-email-err-${index}`;
  const reasons = shownReasons(v);
  return (
    <tr class={blocked ? 'blocked' : ''} data-b2b="review-row" data-user-id={u.id} data-status={v.status}>
      <td>
        <input
          type="checkbox"
          checked={included}
          disabled={v.locked}
          aria-label={`Include ${name}`}
          onChange={(e) => {
            if (!p.trusted(e)) return;
            p.onEdit({ include: (e.currentTarget as HTMLInputElement).checked });
          }}
        />
      </td>
      <td>
        <span class="name" dir="auto" title={name}>
          {name}
        </span>
        <span class="upn" dir="auto">
          {u.userPrincipalName}
        </span>
      </td>
      <td>
        <input
          type="email"
          value={edit.email}
          dir="auto"
          spellcheck={false}
          autocomplete="off"
          aria-label={`External email for ${name}`}
          aria-invalid={v.emailError ? 'true' : undefined}
          aria-describedby={v.emailError ? errId : undefined}
          onInput={(e) => {
            if (!p.trusted(e)) return;
            p.onEdit({ email: (e.currentTarget as HTMLInputElement).value });
          }}
        />
        {v.emailError ? (
          <span class="field-error" id={errId} data-b2b="email-error" data-code={v.emailError.code}>
            {v.emailError.message}
          </span>
        ) : null}
        {v.emailNotOnUser && !v.locked ? (
          <label class="check">
            <input
              type="checkbox"
              checked={edit.addToOtherMails}
              data-b2b="add-other-mails"
              onChange={(e) => p.trusted(e) && p.onEdit({ addToOtherMails: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span>Add it to the user’s other emails first (needs consent to User.ReadWrite.All)</span>
          </label>
        ) : null}
      </td>
      <td>
        <span class={`pill ${PILL[v.status]}`}>{STATUS_LABELS[v.status]}</span>
        {u.accountEnabled ? null : v.reasons.some((r) => r.code === 'accountDisabled') ? null : <span class="reason warn">The account is disabled.</span>}
        {reasons.map((r) => (
          <span key={r.code} class={`reason ${r.severity === 'blocked' ? 'block' : 'warn'}`} data-code={r.code}>
            {r.message}
          </span>
        ))}
        {v.overridable || edit.override > 0 ? <Override name={name} edit={edit} onEdit={p.onEdit} trusted={p.trusted} /> : null}
      </td>
    </tr>
  );
}

/** The privileged-role override: two separate confirmations, for this one user. */
function Override(p: { name: string; edit: RowEdit; onEdit: (c: Partial<RowEdit>) => void; trusted: (e: Event) => boolean }) {
  const step = p.edit.override;
  if (step === 0) {
    return (
      <button type="button" class="btn subtle" data-b2b="override" onClick={(e) => p.trusted(e) && p.onEdit({ override: 1 })}>
        Override for this user…
      </button>
    );
  }
  if (step === 1) {
    return (
      <div class="confirm-box" role="group" aria-label={`Confirm the override for ${p.name}`}>
        <span class="reason block">
          Converting an administrator changes how they sign in, and their admin roles will then be used from an external identity. Confirm again that{' '}
          <bdi>{p.name}</bdi> should be converted anyway.
        </span>
        <button type="button" class="btn" data-b2b="override-confirm" onClick={(e) => p.trusted(e) && p.onEdit({ override: 2 })}>
          Yes, convert this privileged user
        </button>{' '}
        <button type="button" class="btn subtle" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
          Cancel
        </button>
      </div>
    );
  }
  return (
    <button type="button" class="btn subtle" data-b2b="override-undo" onClick={(e) => p.trusted(e) && p.onEdit({ override: 0 })}>
      Undo override
    </button>
  );
}

function Options(p: {
  options: OptionsDraft;
  errors: ReturnType<typeof validateOptions>;
  set: <K extends keyof OptionsDraft>(k: K, v: OptionsDraft[K]) => void;
  trusted: (e: Event) => boolean;
}) {
  const o = p.options;
  const text = (k: 'customizedMessageBody' | 'messageLanguage' | 'ccRecipient' | 'inviteRedirectUrl') => (e: Event) =>
    p.trusted(e) && p.set(k, (e.currentTarget as HTMLInputElement).value);
  const flag = (k: 'sendInvitationMessage' | 'setUserTypeGuest') => (e: Event) => p.trusted(e) && p.set(k, (e.currentTarget as HTMLInputElement).checked);
  const err = (k: keyof OptionsDraft) =>
    p.errors[k] ? (
      <span class="field-error" id={`b2b-opt-${k}`}>
        {p.errors[k]}
      </span>
    ) : null;
  return (
    <fieldset data-b2b="options">
      <legend>Invitation options</legend>
      <label class="check">
        <input type="checkbox" checked={o.sendInvitationMessage} data-b2b="send-invitation" onChange={flag('sendInvitationMessage')} />
        <span>Send an invitation email</span>
      </label>
      {o.sendInvitationMessage ? (
        <div class="grid2">
          <label class="field">
            <span>Message (optional)</span>
            <textarea rows={3} maxLength={4000} value={o.customizedMessageBody} onInput={text('customizedMessageBody')} aria-describedby={p.errors.customizedMessageBody ? 'b2b-opt-customizedMessageBody' : undefined} />
            {err('customizedMessageBody')}
          </label>
          <div>
            <label class="field">
              <span>Language</span>
              <select value={o.messageLanguage} onChange={text('messageLanguage')}>
                {LANGUAGES.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label class="field">
              <span>Cc (one recipient, optional)</span>
              <input
                type="email"
                value={o.ccRecipient}
                onInput={text('ccRecipient')}
                aria-invalid={p.errors.ccRecipient ? 'true' : undefined}
                aria-describedby={p.errors.ccRecipient ? 'b2b-opt-ccRecipient' : undefined}
              />
              {err('ccRecipient')}
            </label>
          </div>
        </div>
      ) : null}
      <label class="field">
        <span>Redirect URL after the invitation is accepted</span>
        <input
          type="url"
          value={o.inviteRedirectUrl}
          data-b2b="redirect-url"
          onInput={text('inviteRedirectUrl')}
          aria-invalid={p.errors.inviteRedirectUrl ? 'true' : undefined}
          aria-describedby={p.errors.inviteRedirectUrl ? 'b2b-opt-inviteRedirectUrl' : undefined}
        />
        {err('inviteRedirectUrl')}
      </label>
      <label class="check">
        <input type="checkbox" checked={o.setUserTypeGuest} data-b2b="set-guest" onChange={flag('setUserTypeGuest')} />
        <span>Also set the user type to Guest</span>
      </label>
    </fieldset>
  );
}

const STATE_LABELS: Record<string, string> = {
  queued: 'Queued',
  pending: 'Queued',
  running: 'Converting',
  paused: 'Paused',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
  done: 'Finished',
  finished: 'Finished',
  completed: 'Finished',
  failed: 'Stopped with errors',
};

function Progress(p: { jobId: string; total: number; result: PreflightResult; props: ReviewProps; trusted: (e: Event) => boolean }) {
  const { services } = p.props;
  const [summary, setSummary] = useState<JobSummary | undefined>(undefined);
  const [pollProblem, setPollProblem] = useState('');
  const [cancelError, setCancelError] = useState('');
  const finished = summary?.finishedAt !== undefined;

  useEffect(() => {
    const controller = new AbortController();
    let done = false;
    const accept = (s: JobSummary) => {
      setSummary(s);
      if (s.finishedAt !== undefined) done = true;
    };
    services.onEvent((e) => {
      if (e.event === 'job/progress' && e.jobId === p.jobId) accept(e.summary);
    }, controller.signal);
    const poll = () => {
      if (done || controller.signal.aborted) return;
      services.request('job/get', { jobId: p.jobId }).then(
        (s) => {
          setPollProblem('');
          if (!controller.signal.aborted) accept(s);
        },
        (err: unknown) => !controller.signal.aborted && setPollProblem(describeFailure(err).message),
      );
    };
    poll();
    const timer = setInterval(poll, p.props.pollMs ?? 2000);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [p.jobId]);

  const c = summary?.counters;
  const total = c?.total ?? p.total;
  const processed = c ? c.done + c.failed + c.blocked + c.cancelled : 0;
  const pct = total > 0 ? Math.round((processed / total) * 100) : 0;
  const state = summary ? (STATE_LABELS[summary.state] ?? summary.state) : 'Starting';
  const cancel = async (e: Event) => {
    if (!p.trusted(e)) return;
    try {
      setSummary(await services.request('job/control', { jobId: p.jobId, action: 'cancel' }));
    } catch (err) {
      setCancelError(describeFailure(err).message);
    }
  };
  return (
    <>
      <div class="body">
        <p id="b2b-review-summary" class="summary">
          Converting {fmt(total)} user{total === 1 ? '' : 's'} in {p.result.tenantName || p.result.tenantId}.
        </p>
        <div role="status" aria-live="polite" data-b2b="progress">
          <p>
            {state}: {fmt(c?.done ?? 0)} converted, {fmt(c?.failed ?? 0)} failed, {fmt(c?.blocked ?? 0)} blocked
            {c && c.cancelled > 0 ? `, ${fmt(c.cancelled)} cancelled` : ''}, {fmt(c?.remaining ?? total)} remaining.
          </p>
        </div>
        <div class="progress" role="progressbar" aria-label="Conversion progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={processed}>
          <div style={{ width: `${pct}%` }} />
        </div>
        {pollProblem && !summary ? <p class="upn">Waiting for progress from the extension… ({pollProblem})</p> : null}
        {cancelError ? (
          <div class="msg error" role="alert">
            {cancelError}
          </div>
        ) : null}
        <p class="msg info">
          {finished
            ? 'The conversion has finished. The extension’s popup lists the result of every user.'
            : 'You can close this dialog: the conversion goes on in the background, and the extension’s popup shows its progress and results.'}
        </p>
      </div>
      <footer>
        {!finished ? (
          <button type="button" class="btn" onClick={(e) => void cancel(e)}>
            Cancel remaining
          </button>
        ) : null}
        <button type="button" class="btn primary" onClick={p.props.onClose}>
          Close
        </button>
      </footer>
    </>
  );
}
