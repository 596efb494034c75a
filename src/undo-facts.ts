// What the options page and the undo review say about Convert back to internal: each statement a paraphrase of the
// Microsoft Learn page named by `source` (src/learn.ts), shown with a link to it. Nothing here is our own opinion.
// A function, not a constant: the words come from the catalogue (t()), which is installed after the modules load.
import type { GuidanceFact } from './guidance';
import { t } from './i18n';
import { UNDO_PERMISSION } from './undo';

export function undoFacts(): GuidanceFact[] {
  return [
    { id: 'beta', text: t('undo_fact_beta'), source: 'convertExternalToInternalApi' },
    { id: 'what', text: t('undo_fact_what'), source: 'convertExternalToInternalApi' },
    { id: 'keeps', text: t('undo_fact_keeps'), source: 'convertExternalToInternal' },
    { id: 'cloud', text: t('undo_fact_cloud'), source: 'convertExternalToInternal' },
    { id: 'synced', text: t('undo_fact_synced'), source: 'convertExternalToInternalApi' },
    { id: 'permission', text: t('undo_fact_permission', { permission: UNDO_PERMISSION }), source: 'convertExternalToInternalApi' },
  ];
}
