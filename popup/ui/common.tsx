// Small shared pieces: notices, copy button, progress bar.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { jobStateText } from '../../src/job-state';
import type { JobSummaryCounters as JobCounters, JobSummary } from '../../src/messages';
import { describeCounters, progressFraction } from '../lib/format';

export function Notice(props: { kind?: 'info' | 'warn' | 'error' | 'ok'; children: ComponentChildren; role?: 'alert' | 'status' }) {
  const kind = props.kind ?? 'info';
  return (
    <div class={`notice ${kind === 'info' ? '' : kind}`} role={props.role ?? (kind === 'error' ? 'alert' : undefined)}>
      {props.children}
    </div>
  );
}

export function CopyButton(props: { text: string; label: string; copy: (t: string) => Promise<void> }) {
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
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy'}
      </button>
      <span class="visually-hidden" aria-live="polite">
        {state === 'copied' ? 'Copied to the clipboard' : state === 'failed' ? 'Could not copy' : ''}
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
        <span>{c.done.toLocaleString('en-US')} done</span>
        <span>{c.failed.toLocaleString('en-US')} failed</span>
        {c.blocked > 0 && <span>{c.blocked.toLocaleString('en-US')} blocked</span>}
        {c.cancelled > 0 && <span>{c.cancelled.toLocaleString('en-US')} cancelled</span>}
        {c.verifying ? <span>{c.verifying.toLocaleString('en-US')} verifying</span> : null}
        <span>{c.remaining.toLocaleString('en-US')} remaining</span>
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
      <summary>Diagnostics</summary>
      {lines?.map((l) => (
        <p key={l} class="mono wrap">
          {l}
        </p>
      ))}
      {children}
    </details>
  );
}
