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

/**
 * Text a component may still write in English (eslint.config.js lists those files): the English, or its translation
 * once a catalogue message has that English, whichever the component shows. A message of the same English may exist
 * before that component uses it (another component's key), so both are accepted.
 */
export function sameText(english: string, lang: string): RegExp {
  const en = readCatalog('en');
  const target = readCatalog(lang);
  const translations = Object.keys(en)
    .filter((k) => en[k]!.message === english && target[k] !== undefined)
    .map((k) => target[k]!.message);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:${[english, ...translations].map(escape).join('|')})$`, 'u');
}

/** The English text or its translation in any of the extension's languages: for helpers that run in every language. */
export function inAnyLanguage(english: string): RegExp {
  const alternatives = new Set(localeNames().flatMap((lang) => sameText(english, lang).source.replace(/^\^\(\?:|\)\$$/g, '').split('|')));
  return new RegExp(`^(?:${[...alternatives].join('|')})$`, 'u');
}

/** Like sameText, for text that is part of a longer one. */
export function containsSameText(english: string, lang: string): RegExp {
  return new RegExp(sameText(english, lang).source.replace(/^\^|\$$/g, ''), 'u');
}
