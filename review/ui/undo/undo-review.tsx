// The undo review: Convert back to internal (preview) for users a job of this extension converted and who accepted.
// It shows what the worker read (undo/preview), collects what Learn requires per user — a new user principal name in a
// verified domain and a temporary password for a cloud user (generated here with crypto.getRandomValues, shown once,
// with Copy; the user changes it at the next sign-in), nothing for a synced user — and states that this uses a
// Microsoft Graph beta API. Submitting (undo/submit) hands the passwords to the worker, which keeps each only in its
// job item until that item ends; this page drops them from the screen at once.
import { useEffect, useState } from 'preact/hooks';
import type { UndoPreview } from '../../../src/messages';
import { temporaryPassword, undoInputProblems, type UndoProblem } from '../../../src/undo';
import { t, tn } from '../../../src/i18n';
import { undoFacts } from '../../../src/undo-facts';
import { describeError } from '../../../popup/lib/errors';
import type { UiServices } from '../../../popup/lib/platform';
import { Notice } from '../../../popup/ui/common';
import { LearnFacts } from '../../../popup/ui/LearnFacts';
import { UndoProgress } from './undo-progress';
import { UndoRow } from './undo-row';

type Phase =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'review'; preview: UndoPreview }
  | { kind: 'running'; jobId: string; total: number };

export interface UndoReviewProps {
  services: UiServices;
  /** From the page's fragment; undefined when it names no job or no users. */
  target: { jobId: string; userIds: string[] } | undefined;
  /** crypto.getRandomValues in the page. */
  randomBytes: (n: number) => Uint8Array;
}

export function UndoReview(props: UndoReviewProps) {
  const { services, target } = props;
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [upns, setUpns] = useState(new Map<string, string>());
  const [passwords, setPasswords] = useState(new Map<string, string>());
  const [copied, setCopied] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string>();

  useEffect(() => {
    if (!target) {
      setPhase({ kind: 'failed', message: t('undo_review_noTarget') });
      return;
    }
    services.request('undo/preview', { jobId: target.jobId, userIds: target.userIds }).then(
      (preview) => {
        const ready = preview.users.filter((u) => u.blocks.length === 0 && !u.synced);
        setUpns(new Map(ready.map((u) => [u.id, u.proposedUpn])));
        setPasswords(new Map(ready.map((u) => [u.id, temporaryPassword(props.randomBytes)])));
        setPhase({ kind: 'review', preview });
      },
      (e: unknown) => setPhase({ kind: 'failed', message: describeError(e) }),
    );
  }, []);

  const heading = <h1>{t('undo_title')}</h1>;
  if (phase.kind === 'loading') {
    return (
      <main class="page">
        {heading}
        <p class="skeleton" aria-busy="true">
          {t('undo_review_loading')}
        </p>
      </main>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <main class="page">
        {heading}
        <Notice kind="error">{phase.message}</Notice>
      </main>
    );
  }
  if (phase.kind === 'running') {
    return (
      <main class="page">
        {heading}
        <Notice kind="ok" role="status">
          {tn('undo_review_running', phase.total)}
        </Notice>
        <UndoProgress services={services} jobId={phase.jobId} />
      </main>
    );
  }

  const { preview } = phase;
  const ready = preview.users.filter((u) => u.blocks.length === 0);
  const problemsOf = (id: string): UndoProblem[] => {
    const user = preview.users.find((u) => u.id === id);
    if (!user || user.synced || user.blocks.length > 0) return [];
    // The review's own copy of the rules, for feedback as the admin types; the worker applies them again.
    return undoInputProblems({ onPremisesSyncEnabled: user.synced, onPremisesUserPrincipalName: null }, { userPrincipalName: upns.get(id) ?? '', password: passwords.get(id) ?? '' }, preview.verifiedDomains);
  };
  const anyProblem = ready.some((u) => problemsOf(u.id).length > 0);
  const cloud = ready.filter((u) => !u.synced);
  const needsCopy = cloud.length > 0;

  const submit = () => {
    setSubmitting(true);
    setSubmitError(undefined);
    const items = ready.map((u) => (u.synced ? { userId: u.id } : { userId: u.id, userPrincipalName: (upns.get(u.id) ?? '').trim(), password: passwords.get(u.id) ?? '' }));
    services.request('undo/submit', { jobId: preview.jobId, expectedTenantId: preview.tenantId, items }).then(
      ({ jobId }) => {
        // Shown once: gone from this page as soon as the worker has them.
        setPasswords(new Map());
        setPhase({ kind: 'running', jobId, total: items.length });
      },
      (e: unknown) => setSubmitError(describeError(e)),
    ).finally(() => setSubmitting(false));
  };

  const allPasswords = cloud.map((u) => `${(upns.get(u.id) ?? '').trim()}\t${passwords.get(u.id) ?? ''}`).join('\n');
  return (
    <main class="page">
      {heading}
      <Notice kind="warn">
        <p>
          <strong>{t('undo_review_previewLabel')}</strong> {t('undo_review_previewText')}
        </p>
      </Notice>
      <LearnFacts facts={undoFacts()} label={t('undo_facts_label')} />
      <p class="small muted wrap">
        {[
          t('undo_review_jobTenant', { job: preview.jobId, tenant: preview.tenantId }),
          tn('undo_review_ready', preview.users.length, { ready: ready.length }),
          ...(preview.missing.length > 0 ? [tn('undo_review_missing', preview.missing.length)] : []),
        ].join(' · ')}
      </p>
      <div class="table-wrap">
        <table aria-label={t('undo_review_table')}>
          <thead>
            <tr>
              <th scope="col">{t('undo_review_colUser')}</th>
              <th scope="col">{t('undo_review_colUpn')}</th>
              <th scope="col">{t('undo_review_colPassword')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.users.map((u) => (
              <UndoRow
                key={u.id}
                user={u}
                upn={upns.get(u.id) ?? ''}
                password={passwords.get(u.id)}
                problems={problemsOf(u.id)}
                onUpn={(value) => setUpns((m) => new Map(m).set(u.id, value))}
                copy={services.copyText}
              />
            ))}
          </tbody>
        </table>
      </div>
      {needsCopy && (
        <div class="row">
          <button type="button" onClick={() => void services.copyText(allPasswords)}>
            {t('undo_review_copyAll')}
          </button>
          <label>
            <input type="checkbox" checked={copied} onChange={(e) => setCopied(e.currentTarget.checked)} /> {t('undo_review_copied')}
          </label>
        </div>
      )}
      {submitError && <Notice kind="error">{submitError}</Notice>}
      <div class="row">
        <button type="button" class="primary" disabled={ready.length === 0 || anyProblem || (needsCopy && !copied) || submitting} onClick={submit}>
          {submitting ? t('undo_review_submitting') : tn('undo_review_convert', ready.length)}
        </button>
        <button type="button" onClick={() => window.close()}>
          {t('undo_review_close')}
        </button>
      </div>
    </main>
  );
}
