// Step 2 of the fallback picker: the review. Nothing is written to Graph before "Convert N users".
import { useMemo, useState } from 'preact/hooks';
import type { AuthStatus, PreflightResult, PreflightUser } from '../../src/messages';
import type { UiServices } from '../lib/platform';
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
  type RowStatus,
  type RowVerdict,
} from '../../src/review';
import { consentTier as tierFromError, describeError, needsConsent } from '../lib/errors';
import { pageLabel } from '../lib/filters';
import { Notice } from './common';

const PAGE = 100;

export interface ReviewProps {
  services: UiServices;
  preflight: PreflightResult;
  auth?: AuthStatus;
  onBack: () => void;
  onSubmitted: (jobId: string) => void;
  onAuth?: (s: AuthStatus) => void;
}

/** The badge's tone for a row's status. */
const TONE: Record<RowStatus, string> = { eligible: 'ok', warning: 'warn', blocked: 'bad', needsEmail: 'bad', excluded: '' };

export function Review({ services, preflight, auth, onBack, onSubmitted, onAuth }: ReviewProps) {
  const [edits, setEdits] = useState<ReadonlyMap<string, RowEdit>>(() => initialEdits(preflight));
  const [options, setOptions] = useState<OptionsDraft>(() => initialOptions(preflight));
  const [view, setView] = useState<'all' | 'attention'>('all');
  const [offset, setOffset] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [consentTier, setConsentTier] = useState<'read' | 'invite' | 'write'>();
  const [rolesAcknowledged, setRolesAcknowledged] = useState(false);

  const verdicts = useMemo(() => evaluateRows(preflight, edits), [preflight, edits]);
  const counts = countRows(preflight, verdicts);
  const optionErrors = validateOptions(options);
  const submission = buildSubmission(preflight, edits, verdicts, options, rolesAcknowledged);
  const tier = tierNeeded(submission);
  const shown = view === 'all' ? preflight.users : preflight.users.filter((u) => verdicts.get(u.id)?.status !== 'eligible');
  const visible = shown.slice(offset, offset + PAGE);
  const why = confirmProblem(counts, optionErrors, auth?.tenantMismatch, { notVerified: preflight.rolesNotVerified !== undefined, acknowledged: rolesAcknowledged });
  const canSubmit = why === undefined && !submitting;

  const edit = (id: string, change: Partial<RowEdit>) => setEdits((e) => applyEdit(preflight, e, id, change));
  const opt = <K extends keyof OptionsDraft>(k: K, v: OptionsDraft[K]) => setOptions((o) => ({ ...o, [k]: v }));

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    setConsentTier(undefined);
    try {
      const r = await services.request('job/submit', submission);
      onSubmitted(r.jobId);
    } catch (e) {
      if (needsConsent(e)) setConsentTier(tierFromError(e, tier));
      setError(describeError(e));
    } finally {
      setSubmitting(false);
    }
  };

  const signInAndSubmit = async () => {
    if (!consentTier) return;
    setSubmitting(true);
    try {
      const s = await services.request('auth/signIn', { tier: consentTier });
      onAuth?.(s);
    } catch (e) {
      setError(describeError(e));
      setSubmitting(false);
      return;
    }
    await submit();
  };

  const tenantLabel = preflight.tenantName ? `${preflight.tenantName} (${preflight.tenantId})` : preflight.tenantId;

  return (
    <div>
      <div class="row">
        <button type="button" onClick={onBack}>
          ← Back to the selection
        </button>
        <h2 style={{ margin: 0 }}>Review</h2>
      </div>

      {preflight.adminRoleProblem && (
        <Notice kind="warn" role="alert">
          {preflight.adminRoleProblem}
        </Notice>
      )}
      {preflight.rolesNotVerified && (
        <Notice kind="warn" role="alert">
          <p>
            <strong>Role check not verified.</strong> {preflight.rolesNotVerified}
          </p>
          <label>
            <input type="checkbox" checked={rolesAcknowledged} onChange={(e) => setRolesAcknowledged(e.currentTarget.checked)} /> I understand that these
            users' directory roles were not checked
          </label>
        </Notice>
      )}
      {preflight.eligibleRolesNotChecked && <Notice kind="info">{preflight.eligibleRolesNotChecked}</Notice>}
      {preflight.missing.length > 0 && (
        <Notice kind="warn" role="alert">
          <p>
            {preflight.missing.length} selected user{preflight.missing.length === 1 ? ' no longer exists' : 's no longer exist'} in the directory and
            will not be converted:
          </p>
          <ul>
            {preflight.missing.slice(0, 50).map((id) => (
              <li key={id} class="mono">
                {id}
              </li>
            ))}
          </ul>
        </Notice>
      )}

      <div class="row" style={{ margin: '8px 0' }}>
        <label for="review-view" class="inline">
          Show
          <select
            id="review-view"
            value={view}
            onChange={(e) => {
              setView(e.currentTarget.value as 'all' | 'attention');
              setOffset(0);
            }}
            style={{ width: 'auto' }}
          >
            <option value="all">All users ({preflight.users.length})</option>
            <option value="attention">Blocked, warnings and edits needed ({preflight.users.length - (counts.convert - counts.warnings)})</option>
          </select>
        </label>
      </div>

      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Users to convert, with the proposed external email and eligibility</caption>
          <thead>
            <tr>
              <th scope="col">Convert</th>
              <th scope="col">User</th>
              <th scope="col">External email</th>
              <th scope="col">Eligibility</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((u) => (
              <ReviewRowView key={u.id} user={u} verdict={verdicts.get(u.id)!} edit={edits.get(u.id)!} onEdit={(c) => edit(u.id, c)} />
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > PAGE && (
        <nav class="spread" aria-label="Review pages" style={{ marginTop: '8px' }}>
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span class="small">{pageLabel(offset, visible.length, shown.length)}</span>
          <button type="button" disabled={offset + PAGE >= shown.length} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </nav>
      )}

      <fieldset class="card">
        <legend>Invitation options</legend>
        <label class="inline">
          <input type="checkbox" checked={options.sendInvitationMessage} onChange={(e) => opt('sendInvitationMessage', e.currentTarget.checked)} />
          Send an invitation email
        </label>
        <p class="hint">Off by default: users can sign in with their external account without an email.</p>
        <div class="field">
          <label for="opt-message">Message (plain text)</label>
          <textarea
            id="opt-message"
            rows={3}
            value={options.customizedMessageBody}
            onInput={(e) => opt('customizedMessageBody', e.currentTarget.value)}
            disabled={!options.sendInvitationMessage}
            aria-invalid={optionErrors.customizedMessageBody ? 'true' : undefined}
            aria-describedby="opt-message-err"
          />
          <p class="field-error" id="opt-message-err">
            {optionErrors.customizedMessageBody}
          </p>
        </div>
        <OptionInput id="opt-lang" label="Message language" type="text" value={options.messageLanguage} error={optionErrors.messageLanguage} onInput={(v) => opt('messageLanguage', v)} placeholder="en-US" disabled={!options.sendInvitationMessage} />
        <OptionInput id="opt-cc" label="Copy the invitation to (one address)" type="email" value={options.ccRecipient} error={optionErrors.ccRecipient} onInput={(v) => opt('ccRecipient', v)} disabled={!options.sendInvitationMessage} />
        <OptionInput id="opt-redirect" label="Redirect URL after accepting" type="url" value={options.inviteRedirectUrl} error={optionErrors.inviteRedirectUrl} onInput={(v) => opt('inviteRedirectUrl', v)} />
        <label class="inline">
          <input type="checkbox" checked={options.setUserTypeGuest} onChange={(e) => opt('setUserTypeGuest', e.currentTarget.checked)} />
          Also set the user type to Guest (needs write permission, User.ReadWrite.All)
        </label>
      </fieldset>

      <section class="card" aria-labelledby="summary-h">
        <h3 id="summary-h">Summary</h3>
        <p>
          Convert <strong>{counts.convert.toLocaleString('en-US')}</strong> user{counts.convert === 1 ? '' : 's'} of tenant{' '}
          <strong class="wrap">{tenantLabel}</strong> into B2B collaboration users. This cannot be undone.
        </p>
        <ul class="small">
          {counts.blocked > 0 && <li>{counts.blocked} blocked and not converted.</li>}
          {counts.excluded > 0 && <li>{counts.excluded} excluded by you.</li>}
          {counts.needsEmail > 0 && (
            <li class="field-error">
              {counts.needsEmail} need a valid external email: fix the address or untick the row.{' '}
              <button
                type="button"
                class="link"
                onClick={() =>
                  setEdits((e) => {
                    const next = new Map(e);
                    for (const [id, v] of verdicts) if (v.status === 'needsEmail') next.set(id, { ...next.get(id)!, include: false });
                    return next;
                  })
                }
              >
                Exclude these {counts.needsEmail}
              </button>
            </li>
          )}
          {counts.warnings > 0 && <li>{counts.warnings} with warnings (see the rows).</li>}
          {counts.addToOtherMails > 0 && <li>{counts.addToOtherMails} will get the address added to their other emails first.</li>}
          {counts.setMail > 0 && <li>{counts.setMail} will get their mail set to the address first.</li>}
          {tier === 'write' && <li>This job needs write permission (User.ReadWrite.All); you may be asked to consent.</li>}
        </ul>
        {auth?.tenantMismatch && (
          <Notice kind="warn" role="alert">
            {auth.tenantMismatch} Sign in to the right tenant before converting.
          </Notice>
        )}
        {error && (
          <Notice kind="error">
            <p class="wrap">Nothing was converted: {error}</p>
            {consentTier && (
              <button type="button" class="primary" onClick={() => void signInAndSubmit()} disabled={submitting}>
                Sign in with {consentTier} permission and convert
              </button>
            )}
          </Notice>
        )}
        {why && (
          <p class="small" id="review-confirm-why">
            {why}
          </p>
        )}
        <button type="button" class="primary" disabled={!canSubmit} aria-describedby={why ? 'review-confirm-why' : undefined} onClick={() => void submit()}>
          {submitting ? 'Starting…' : convertLabel(counts.convert)}
        </button>
      </section>
    </div>
  );
}

function ReviewRowView({ user: u, verdict: v, edit, onEdit }: { user: PreflightUser; verdict: RowVerdict; edit: RowEdit; onEdit: (c: Partial<RowEdit>) => void }) {
  const name = u.displayName || u.userPrincipalName;
  const id = `r-${u.id}`;
  return (
    <tr data-status={v.status}>
      <td>
        <input
          type="checkbox"
          aria-label={`Convert ${name}`}
          checked={edit.include && !v.locked}
          disabled={v.locked}
          onChange={(e) => onEdit({ include: e.currentTarget.checked })}
        />
      </td>
      <td class="wrap">
        <div>{u.displayName}</div>
        <div class="small muted">{u.userPrincipalName}</div>
      </td>
      <td>
        <label for={`${id}-email`} class="visually-hidden">
          External email for {name}
        </label>
        <input
          id={`${id}-email`}
          type="email"
          value={edit.email}
          disabled={v.hardBlocked}
          aria-invalid={v.emailError ? 'true' : undefined}
          aria-describedby={`${id}-email-err`}
          onInput={(e) => onEdit({ email: e.currentTarget.value })}
        />
        <p class="field-error" id={`${id}-email-err`}>
          {v.emailError?.message}
        </p>
        {v.setMailFix && !v.locked && (
          <label class="inline small">
            <input type="checkbox" checked={edit.setMail === true} onChange={(e) => onEdit({ setMail: e.currentTarget.checked })} />
            Set the user’s mail to it first, as Microsoft documents (needs write permission, User.ReadWrite.All)
          </label>
        )}
        {v.emailNotOnUser && !v.locked && (
          <label class="inline small">
            <input type="checkbox" checked={edit.addToOtherMails} onChange={(e) => onEdit({ addToOtherMails: e.currentTarget.checked })} />
            Add it to the user’s other emails first (needs write permission, User.ReadWrite.All)
          </label>
        )}
      </td>
      <td>
        <span class={`badge ${TONE[v.status]}`}>{STATUS_LABELS[v.status]}</span>
        <ul class="small" style={{ paddingLeft: '16px', margin: '4px 0' }}>
          {shownReasons(v).map((r, i) => (
            <li key={`${r.code}-${i}`} class={r.severity === 'blocked' ? 'field-error' : undefined}>
              {r.message}
            </li>
          ))}
        </ul>
        {v.overridable && (
          <div>
            <label class="inline small">
              <input type="checkbox" checked={edit.override >= 1} onChange={(e) => onEdit({ override: e.currentTarget.checked ? 1 : 0 })} />
              Convert {name} anyway
            </label>
            {edit.override >= 1 && (
              <label class="inline small" style={{ display: 'flex' }}>
                <input type="checkbox" checked={edit.override === 2} onChange={(e) => onEdit({ override: e.currentTarget.checked ? 2 : 1 })} />
                I confirm again: {name} holds privileged roles and will be converted.
              </label>
            )}
          </div>
        )}
      </td>
    </tr>
  );
}

/** One labelled option input with its error line (the error is announced through aria-describedby). */
function OptionInput(props: { id: string; label: string; type: 'text' | 'email' | 'url'; value: string; error?: string; placeholder?: string; disabled?: boolean; onInput: (value: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        // preact types each `type` value separately; all three are text boxes with the same attributes.
        type={props.type as 'text'}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={`${props.id}-err`}
      />
      <p class="field-error" id={`${props.id}-err`}>
        {props.error}
      </p>
    </div>
  );
}
