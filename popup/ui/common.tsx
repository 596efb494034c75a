// Small shared pieces: notices, copy button, progress bar, job state badge, collapsed diagnostics.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../src/i18n';
import { jobStateText } from '../../src/job-state';
import type { JobSummaryCounters as JobCounters, JobSummary } from '../../src/messages';
import { counterParts, describeCounters, progressFraction } from '../lib/format';

export function Notice(props: { kind?: 'info' | 'warn' | 'error' | 'ok'; children: ComponentChildren; role?: 'alert' | 'status' }) {
  const kind = props.kind ?? 'info';
  return (
    <div class={`notice ${kind === 'info' ? '' : kind}`} role={props.role ?? (kind === 'error' ? 'alert' : undefined)}>
      {props.children}
    </div>
  );
}

/** `label` names what is copied (screen readers); `shown`, when given, is the button's visible idle text. */
export function CopyButton(props: { text: string; label: string; copy: (t: string) => Promise<void>; shown?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <>
      <button
        type="button"
        aria-label={props.label}
        onClick={() => {
          props.copy(props.text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
          setTimeout(() => setState('idle'), 2500);
        }}
      >
        {state === 'copied' ? t('copy_done') : state === 'failed' ? t('copy_failed') : (props.shown ?? t('copy_button'))}
      </button>
      <span class="visually-hidden" aria-live="polite">
        {state === 'copied' ? t('copy_doneAnnounced') : state === 'failed' ? t('copy_failedAnnounced') : ''}
      </span>
    </>
  );
}

/** A stacked bar: done, failed, blocked, cancelled, then what remains. */
export function ProgressBar(props: { counters: JobCounters; label: string }) {
  const c = props.counters;
  const total = Math.max(c.total, 1);
  const pct = (n: number) => `${(100 * n) / total}%`;
  return (
    <div>
      <div
        class="progress"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(progressFraction(c) * 100)}
        aria-valuetext={describeCounters(c)}
      >
        <div class="done" style={{ width: pct(c.done) }} />
        <div class="failed" style={{ width: pct(c.failed) }} />
        <div class="blocked" style={{ width: pct(c.blocked) }} />
        <div class="cancelled" style={{ width: pct(c.cancelled) }} />
      </div>
      <div class="legend">
        {counterParts(c).map((part) => (
          <span key={part}>{part}</span>
        ))}
      </div>
    </div>
  );
}

/** A job's state in Fluent's status colours, with the shared wording ("Finished with 2 failed"). */
export function JobStateBadge({ job }: { job: Pick<JobSummary, 'state' | 'counters' | 'inFlight'> }) {
  const { label, tone } = jobStateText(job);
  return <strong class={`state-badge tone-${tone}`}>{label}</strong>;
}

/** Technical details for support (layout names, selectors, round trips, ids), collapsed by default. */
export function Diagnostics({ lines, children }: { lines?: readonly string[]; children?: ComponentChildren }) {
  return (
    <details class="diagnostics small">
      <summary>{t('diagnostics_title')}</summary>
      {lines?.map((l) => (
        <p key={l} class="mono wrap">
          {l}
        </p>
      ))}
      {children}
    </details>
  );
}
