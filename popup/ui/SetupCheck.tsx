// "Check my setup" (options page; the permission errors link here with #check-setup): one click lists what the
// extension needs for the signed-in account — consent per tier, the admin's roles, role reads, verified domains,
// the cloud — each line with its state in words (not only a symbol) and the fix.
import { useEffect, useState } from 'preact/hooks';
import type { SetupLine, SetupLineState } from '../../src/setup-check';
import type { OptionsServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import { Notice } from './common';

const STATE_TEXT: Record<SetupLineState, { mark: string; words: string }> = {
  ok: { mark: '✓', words: 'OK' },
  missing: { mark: '✗', words: 'Needs attention' },
  optional: { mark: '–', words: 'Optional' },
  unknown: { mark: '?', words: 'Not checked' },
};

export const SETUP_CHECK_ANCHOR = 'check-setup';

export function SetupCheck({ services, autoRun }: { services: Pick<OptionsServices, 'request'>; autoRun: boolean }) {
  const [lines, setLines] = useState<SetupLine[]>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const run = () => {
    setBusy(true);
    setError(undefined);
    services
      .request('setup/check', {})
      .then((r) => setLines(r.lines), (e: unknown) => setError(describeError(e)))
      .finally(() => setBusy(false));
  };
  useEffect(() => {
    if (autoRun) run();
  }, [autoRun]);

  const needing = lines?.filter((l) => l.state === 'missing').length ?? 0;
  return (
    <section id={SETUP_CHECK_ANCHOR} aria-labelledby="setup-check-h">
      <h2 id="setup-check-h">Check my setup</h2>
      <p class="small muted">What the extension needs for the signed-in account in this tenant, read from the sign-in and from Microsoft Graph (reads only).</p>
      <div class="row">
        <button type="button" onClick={run} disabled={busy}>
          {busy ? 'Checking…' : lines ? 'Check my setup again' : 'Check my setup'}
        </button>
        <span role="status" aria-live="polite">
          {lines && !busy ? (needing === 0 ? 'Everything needed is in place.' : `${needing} ${needing === 1 ? 'item needs' : 'items need'} attention.`) : ''}
        </span>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {lines && (
        <ul class="plain setup-check" aria-label="Setup check results">
          {lines.map((l) => (
            <li key={l.id} data-setup-line={l.id} data-state={l.state}>
              <strong>
                <span aria-hidden="true">{STATE_TEXT[l.state].mark} </span>
                {l.label}: {STATE_TEXT[l.state].words}.
              </strong>{' '}
              {l.detail}
              {l.fix && <span class="small"> Fix: {l.fix}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
