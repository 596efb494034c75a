// The review itself: holds the admin's edits and options, judges every row as they change, and on confirm submits
// exactly the users that are to be converted, signing in first when the job needs a tier not yet granted.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PreflightResult } from '../../../src/messages';
import { applyEdit, countRows, editsChanged, evaluateRows, initialEdits, type RowEdit } from '../../../src/review';
import { initialOptions, optionsChanged, validateOptions, type OptionsDraft } from '../../../src/review-options';
import { buildSubmission, confirmProblem, tierNeeded } from '../../../src/review-submit';
import type { AuthView } from '../../../content/auth-watch';
import { describeFailure, type Failure, type Services } from '../../../content/services';
import { buildPlan } from '../../../src/plan/plan';
import { ConfirmFooter } from './confirm-footer';
import { GuidancePanel } from './guidance-panel';
import { PlanExport } from './plan-export';
import { SponsorPicker } from './sponsor-picker';
import { UserWarnings } from './user-warnings';
import { InvitationOptions } from './invitation-options';
import { ReviewWarnings } from './review-warnings';
import { SelectionSummary } from './selection-summary';
import { SubmitError } from './submit-error';
import type { IsTrusted, SignIn } from './types';
import type { ConfirmGate } from '../confirm-gate';
import { UserTable } from './user-table';

/** Each tier includes the ones before it. */
const TIER_ORDER = ['read', 'invite', 'write'] as const;

export function ReviewBody(p: {
  result: PreflightResult;
  services: Services;
  auth: AuthView;
  trusted: IsTrusted;
  gate: ConfirmGate;
  onContinueInWindow: (() => Promise<void>) | undefined;
  signIn: SignIn;
  onClose: () => void;
  /** Whether the admin's edits or options differ from how the review opened (closing would lose them). */
  onChanged: (changed: boolean) => void;
  /** The job was accepted for these users. */
  onSubmitted: (userIds: string[]) => void;
  onRunning: (jobId: string, total: number) => void;
}) {
  const { result, trusted, services, auth } = p;
  const initial = useMemo(() => initialEdits(result), [result]);
  const [edits, setEdits] = useState(initial);
  const [options, setOptions] = useState<OptionsDraft>(() => initialOptions(result));
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<Failure | undefined>(undefined);
  const [rolesAcknowledged, setRolesAcknowledged] = useState(false);
  const [exportedHash, setExportedHash] = useState<string | undefined>(undefined);

  const verdicts = useMemo(() => evaluateRows(result, edits), [result, edits]);
  const counts = countRows(result, verdicts);
  const optionErrors = validateOptions(options);
  const plan = useMemo(() => buildPlan(result, edits, verdicts, options), [result, edits, verdicts, options]);
  const mismatch = auth.state === 'ready' ? auth.status.tenantMismatch : undefined;
  const problem = confirmProblem(counts, optionErrors, mismatch, { notVerified: result.rolesNotVerified !== undefined, acknowledged: rolesAcknowledged });
  const gateReason = p.gate.verdict.ready ? undefined : p.gate.verdict.reason;
  const why = problem ?? gateReason;
  const canConfirm = problem === undefined && p.gate.verdict.ready && !busy;
  const unverifiable = !p.gate.verdict.ready && p.gate.verdict.unverifiable === true;

  useEffect(() => p.onChanged(editsChanged(result, edits, initial) || optionsChanged(result, options)), [edits, options]);

  const edit = (id: string, change: Partial<RowEdit>) => setEdits((prev) => applyEdit(result, prev, id, change));
  const setOption = <K extends keyof OptionsDraft>(k: K, v: OptionsDraft[K]) => setOptions((o) => ({ ...o, [k]: v }));

  const confirm = async (e: Event) => {
    // The gate is asked again at the moment of the click: the page may have covered the dialog since the last render.
    if (!trusted(e) || !canConfirm || !p.gate.readyNow()) return;
    const built = buildSubmission(result, edits, verdicts, options, rolesAcknowledged);
    if (built.items.length === 0) return;
    // The exported plan's hash goes with the job only while the review still is that plan.
    const submission = exportedHash !== undefined && exportedHash === plan.hash ? { ...built, planHash: exportedHash } : built;
    setBusy(true);
    setSubmitError(undefined);
    try {
      const tier = tierNeeded(submission);
      const granted = auth.state === 'ready' ? auth.status.grantedTiers : [];
      const covered = granted.some((g) => TIER_ORDER.indexOf(g) >= TIER_ORDER.indexOf(tier));
      if (!covered) await p.signIn(tier);
      const { jobId } = await services.request('job/submit', submission);
      p.onChanged(false);
      p.onSubmitted(submission.items.map((i) => i.userId));
      p.onRunning(jobId, submission.items.length);
    } catch (err) {
      setSubmitError(describeFailure(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="body">
        <ReviewWarnings tenantMismatch={mismatch} result={result} rolesAcknowledged={rolesAcknowledged} onAcknowledgeRoles={setRolesAcknowledged} trusted={trusted} />
        <GuidancePanel result={result} options={options} />
        <SelectionSummary result={result} counts={counts} />
        <UserTable result={result} edits={edits} verdicts={verdicts} onEdit={edit} trusted={trusted} />
        <UserWarnings result={result} edits={edits} verdicts={verdicts} />
        <InvitationOptions options={options} errors={optionErrors} set={setOption} trusted={trusted} />
        <SponsorPicker sponsors={options.sponsors ?? []} error={optionErrors.sponsors} set={(s) => setOption('sponsors', s)} services={services} trusted={trusted} />
        <PlanExport plan={plan} exportedHash={exportedHash} onExported={setExportedHash} trusted={trusted} />
        {submitError ? <SubmitError failure={submitError} trusted={trusted} signIn={p.signIn} onFailure={setSubmitError} /> : null}
      </div>
      <ConfirmFooter
        why={why}
        canConfirm={canConfirm}
        busy={busy}
        convertCount={counts.convert}
        onConfirm={(e) => void confirm(e)}
        onCancel={p.onClose}
        onContinueInWindow={unverifiable && problem === undefined ? p.onContinueInWindow : undefined}
      />
    </>
  );
}
