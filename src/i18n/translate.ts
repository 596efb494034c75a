// Every user-facing string goes through here. The words come from the extension i18n API
// (`_locales/<lang>/messages.json`; in the browser `chrome.i18n.getMessage`), installed once per context at start-up
// as a MessageSource — src/ stays free of browser APIs and unit tests install the English catalogue.
//
// Conventions the catalogue checks enforce (test/unit/i18n-catalogs.test.ts):
// - named parameters: `t('key', { count: 3, name: 'Adele' })`; in messages.json each is a placeholder whose content
//   is `$1`, `$2`… in the ALPHABETICAL order of the placeholder names (that is the order t() passes them);
// - plurals: `tn('base', n)` picks `base_<category>` by Intl.PluralRules of the catalogue's language (one, other,
//   and for some languages few/many…), falling back to `base_other`; the count is the `count` placeholder;
// - numbers are formatted for the catalogue's language before they are substituted;
// - `i18n_locale` in each catalogue names its language, so formatting follows the words actually shown, not a UI
//   language for which there is no catalogue.
import type { MessageKey, PluralKey } from './keys';

export interface MessageSource {
  /** The API's getMessage: '' when the key is unknown. */
  getMessage(key: string, substitutions: string[]): string;
}

export type MessageParams = Readonly<Record<string, string | number>>;

let source: MessageSource | undefined;
let cachedLocale: string | undefined;

/** Installs the context's message source (the browser's i18n API, or a catalogue in tests). */
export function installMessageSource(next: MessageSource): void {
  source = next;
  cachedLocale = undefined;
}

/** The language of the catalogue in use (a BCP 47 tag such as "en", "de", "fr"). */
export function messageLocale(): string {
  if (cachedLocale === undefined) cachedLocale = current().getMessage('i18n_locale', []) || 'en';
  return cachedLocale;
}

/** The message for `key`; an unknown key shows as the key itself (and fails the catalogue tests, never silently). */
export function t(key: MessageKey, params?: MessageParams): string {
  return lookup(key, params);
}

/** The plural form of `base` for `count`; `count` is also passed as the `count` placeholder. */
export function tn(base: PluralKey, count: number, params?: MessageParams): string {
  const category = pluralRules().select(count);
  const withCount = { ...params, count };
  const specific = `${base}_${category}`;
  const text = current().getMessage(specific, substitutions(withCount));
  return text !== '' ? text : lookup(`${base}_other`, withCount);
}

/** A number formatted for the catalogue's language (grouping separators and all). */
export function formatNumber(n: number): string {
  return numberFormat().format(n);
}

/** A date and time formatted for the catalogue's language. */
export function formatDateTime(epochMs: number, style: 'short' | 'medium' = 'medium'): string {
  return new Intl.DateTimeFormat(messageLocale(), { dateStyle: style, timeStyle: 'short' }).format(epochMs);
}

/** A list ("a, b and c") in the catalogue's language. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
  return new Intl.ListFormat(messageLocale(), { style: 'long', type }).format(items);
}

function lookup(key: string, params?: MessageParams): string {
  const text = current().getMessage(key, substitutions(params));
  return text !== '' ? text : key;
}

/** Parameter values in alphabetical order of their names, numbers formatted (see the conventions above). */
export function substitutions(params?: MessageParams): string[] {
  if (!params) return [];
  // Placeholder names are case-insensitive in messages.json: order them the same way the catalogue checks do.
  return Object.keys(params)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
    .map((name) => {
      const value = params[name]!;
      return typeof value === 'number' ? formatNumber(value) : value;
    });
}

function current(): MessageSource {
  if (!source) throw new Error('i18n: no message source installed (call installMessageSource at start-up)');
  return source;
}

let rules: { locale: string; plural: Intl.PluralRules; number: Intl.NumberFormat } | undefined;
function formatters() {
  const locale = messageLocale();
  if (rules?.locale !== locale) {
    rules = { locale, plural: new Intl.PluralRules(locale), number: new Intl.NumberFormat(locale) };
  }
  return rules;
}
function pluralRules(): Intl.PluralRules {
  return formatters().plural;
}
function numberFormat(): Intl.NumberFormat {
  return formatters().number;
}
