// The languages offered for the invitation email: Graph's messageLanguage codes with their names in their own
// language (how a language list is read by someone looking for theirs). The empty code leaves the choice to
// Microsoft (the user's preferred language); its label is ours, from the catalogue.
import { t } from '../../../src/i18n';

export const invitationLanguages = (): ReadonlyArray<readonly [code: string, label: string]> => [['', t('review_options_languageDefault')], ...INVITATION_LANGUAGES];

export const INVITATION_LANGUAGES: ReadonlyArray<readonly [code: string, label: string]> = [
  ['en-US', 'English (United States)'],
  ['en-GB', 'English (United Kingdom)'],
  ['de-DE', 'Deutsch'],
  ['fr-FR', 'Français'],
  ['es-ES', 'Español'],
  ['it-IT', 'Italiano'],
  ['nl-NL', 'Nederlands'],
  ['pt-BR', 'Português (Brasil)'],
  ['sv-SE', 'Svenska'],
  ['da-DK', 'Dansk'],
  ['nb-NO', 'Norsk bokmål'],
  ['fi-FI', 'Suomi'],
  ['pl-PL', 'Polski'],
  ['ja-JP', '日本語'],
  ['ko-KR', '한국어'],
  ['zh-CN', '中文(简体)'],
  ['zh-TW', '中文(繁體)'],
];
