// The languages offered for the invitation email: Graph's messageLanguage codes with their names in their own
// language. The empty code leaves the choice to Microsoft (the user's preferred language).
export const INVITATION_LANGUAGES: ReadonlyArray<readonly [code: string, label: string]> = [
  ['', 'Default (the user’s language)'],
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
