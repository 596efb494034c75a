// "Check my setup" (options page; the permission errors link here with #check-setup): one click lists what the
// extension needs for the signed-in account — consent per tier, the admin's roles, role reads, verified domains,
// the cloud — each line with its state in words (not only a symbol) and the fix.
import { useEffect, useState } from 'preact/hooks';
import type { SetupLine, SetupLineState } from '../../src/setup-check';
import type { OptionsServices } from '../lib/platform';
import { describeError } from '../lib/errors';
import { Notice } from './common';
import { t, tn } from '../../src/i18n';

const MARK: Record<SetupLineState, string> = { ok: '✓', missing: '✗', optional: '–', unknown: '?' };

/** Each line's state in words (a function: the words exist only once the catalogue is installed). */
function stateWords(state: SetupLineState): string {
  return { ok: t('setupCheck_ok'), missing: t('setupCheck_missing'), optional: t('setupCheck_optional'), unknown: t('setupCheck_unknown') }[state];
}

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
      <h2 id="setup-check-h">{t('setupCheck_title')}</h2>
      <p class="small muted">{t('setupCheck_intro')}</p>
      <div class="row">
        <button type="button" onClick={run} disabled={busy}>
          {busy ? t('setupCheck_checking') : lines ? t('setupCheck_again') : t('setupCheck_title')}
        </button>
        <span role="status" aria-live="polite">
          {lines && !busy ? (needing === 0 ? t('setupCheck_allGood') : tn('setupCheck_needing', needing)) : ''}
        </span>
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {lines && (
        <ul class="plain setup-check" aria-label={t('setupCheck_results')}>
          {lines.map((l) => (
            <li key={l.id} data-setup-line={l.id} data-state={l.state}>
              <strong>
                <span aria-hidden="true">{MARK[l.state]} </span>
                {t('setupCheck_line', { label: l.label, state: stateWords(l.state) })}
              </strong>{' '}
              {l.detail}
              {l.fix && <span class="small"> {t('setupCheck_fix', { fix: l.fix })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
