// Whether the current tab is an All users page the extension recognised. The fallback picker is offered only when
// it can work (configured and signed in); the layout name and the selectors that did not match are diagnostics,
// behind a collapsed section.
import { t } from '../../src/i18n';
import type { PageStatus } from '../../src/messages';
import { Diagnostics, Notice } from './common';

export function PageStatusPanel(props: {
  status: PageStatus | undefined | 'unknown';
  /** Configured and signed in with a usable session: the picker can search the directory. */
  canPick: boolean;
  onOpenPicker: () => void;
}) {
  const { status } = props;
  const picker = props.canPick ? (
    <button type="button" onClick={props.onOpenPicker}>
      {t('pageStatus_openPicker')}
    </button>
  ) : (
    <p class="small muted">{t('pageStatus_signInToPick')}</p>
  );
  if (status === undefined) {
    return (
      <section class="card" aria-busy="true" aria-label={t('pageStatus_region')}>
        <p class="muted">{t('pageStatus_checking')}</p>
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === true) {
    return (
      <section class="card" aria-label={t('pageStatus_region')}>
        <p>
          <span class="badge ok">{t('pageStatus_recognised')}</span> {t('pageStatus_allUsers', { control: t('pageStatus_controlName') })}
        </p>
        {status.layout && <Diagnostics lines={[t('pageStatus_layout', { layout: status.layout })]} />}
      </section>
    );
  }
  if (status !== 'unknown' && status.recognized === false) {
    return (
      <section class="card" aria-label={t('pageStatus_region')}>
        <Notice kind="warn">
          <p>{t('pageStatus_notRecognised')}</p>
          {props.canPick && <p>{t('pageStatus_stillPick')}</p>}
          {picker}
          {/* Selectors that did not match, or why a grid that is there was not used (two lists shown at once). */}
          {status.missing && status.missing.length > 0 && <Diagnostics lines={[t('pageStatus_notFound', { parts: status.missing.join(', ') })]} />}
        </Notice>
      </section>
    );
  }
  return (
    <section class="card" aria-label={t('pageStatus_region')}>
      <p class="small">{props.canPick ? t('pageStatus_otherPagePick') : t('pageStatus_otherPage')}</p>
      {picker}
    </section>
  );
}
