// The detail view's title row: back to the job list and "open in a tab" where the host offers them (the popup does;
// the full tab shows neither).
import { t } from '../../../src/i18n';

export function JobDetailHeader(props: { onBack?: () => void; onOpenInTab?: () => void }) {
  return (
    <div class="spread">
      <div class="row">
        {props.onBack && (
          <button type="button" onClick={props.onBack}>
            {t('detail_back')}
          </button>
        )}
        <h1 style={{ margin: 0 }}>{t('detail_title')}</h1>
      </div>
      {props.onOpenInTab && (
        <button type="button" class="link" onClick={props.onOpenInTab}>
          {t('detail_openInTab')}
        </button>
      )}
    </div>
  );
}
