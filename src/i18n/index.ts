// i18n (issue 12). How to use it, in every context:
// - `t('area_thing')` for a message, `t('area_thing', { name })` with named parameters, `tn('area_users', n)` for
//   plurals (keys `area_users_one` / `area_users_other`, each with a `count` placeholder). Call them at render or
//   run time, never at module top level (the source is installed by each context's entry after its imports).
// - Keys live in _locales/{en,de,fr}/messages.json, prefixed by area (popup_, options_, picker_, job_, review_,
//   content_, worker_, error_, state_…), sorted (`npm run i18n:sort`). A placeholder's content is `$1`, `$2`… in
//   alphabetical order of the placeholder names. test/unit/i18n-catalogs.test.ts checks all of that for every language.
// - Numbers, dates and lists: formatNumber / formatDateTime / formatList (the catalogue's language), never
//   toLocaleString('en-US').
// - Components: eslint refuses JSX text with letters and literal text attributes (aria-label, title…); a component
//   test can render under usePseudoLocale() (test/support/i18n.ts) and expect untranslatedText(root, data) to be [].
export { t, tn, formatNumber, formatDateTime, formatList, messageLocale, installMessageSource } from './translate';
export type { MessageSource, MessageParams } from './translate';
export type { MessageKey, PluralKey } from './keys';
export { messageSourceFrom } from './browser-source';
