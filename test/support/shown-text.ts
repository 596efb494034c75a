// The text the extension shows in a language, for the Node side of the e2e tests and the demo: the same catalogue
// (_locales/<lang>) and the same t()/tn() the extension uses, so an expectation follows the translation instead of
// hard-coding it. A component that still writes English (the files eslint.config.js lists as not yet translated)
// shows the English text; sameText() finds its translation once a key with that English message exists.
import { t, tn, type MessageKey, type PluralKey } from '../../src/i18n';
import { localeNames, readCatalog, useLocale } from './i18n';

export { t, tn };
export type { MessageKey, PluralKey };

/** Installs `lang`'s catalogue for t()/tn() in this process; refuses a language the extension has no catalogue for. */
export function showIn(lang: string): void {
  if (!localeNames().includes(lang)) throw new Error(`No catalogue for "${lang}": the extension has ${localeNames().join(', ')}.`);
  useLocale(lang);
}

/** The translation of a text a component may still write in English: the message whose English is exactly `english`. */
export function sameText(english: string, lang: string): string {
  const en = readCatalog('en');
  const key = Object.keys(en).find((k) => en[k]!.message === english);
  return key === undefined ? english : (readCatalog(lang)[key]?.message ?? english);
}
