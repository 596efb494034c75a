// i18n for tests: the real catalogues from _locales, installed as the message source (what the browser's i18n API
// does with the same files), and a pseudo-locale that marks every catalogue string so a test can find rendered
// text that did not come from the catalogue.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installMessageSource } from '../../src/i18n';
import { catalogMessageSource } from '../../src/i18n/catalog-source';
import type { Catalog } from '../../src/i18n/message-format';

// A path, not a URL: DOM test environments replace the global URL with one node:fs does not accept.
const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '_locales');

export function localeNames(): string[] {
  return readdirSync(LOCALES).sort();
}

export function readCatalog(lang: string): Catalog {
  return JSON.parse(readFileSync(join(LOCALES, lang, 'messages.json'), 'utf8')) as Catalog;
}

/** Installs the catalogue of `lang` (English unless a test asks for another). */
export function useLocale(lang = 'en'): void {
  installMessageSource(catalogMessageSource(readCatalog(lang)));
}

// Private-use characters no message or fixture contains.
const OPEN = '\uE000';
const CLOSE = '\uE001';

/** Installs English with every message wrapped in markers; untranslatedText() then finds what is not wrapped. */
export function usePseudoLocale(): void {
  const english = catalogMessageSource(readCatalog('en'));
  installMessageSource({
    getMessage: (key, subs) => {
      const text = english.getMessage(key, subs);
      // The locale tag is data, not text shown.
      return text === '' || key === 'i18n_locale' ? text : `${OPEN}${text}${CLOSE}`;
    },
  });
}

const TEXT_ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'aria-valuetext'];

/**
 * Rendered text (text nodes and attributes people read) that has a letter outside a catalogue string, after removing
 * `data` (names, addresses… that the test itself supplied). Empty means everything shown came from the catalogue.
 */
export function untranslatedText(root: Element, data: readonly string[] = []): string[] {
  const found: string[] = [];
  const check = (text: string | null) => {
    if (!text) return;
    let rest = stripMarked(text);
    for (const d of [...data].sort((a, b) => b.length - a.length)) rest = rest.replaceAll(d, '');
    if (/\p{L}/u.test(rest)) found.push(text.replaceAll(OPEN, '⟦').replaceAll(CLOSE, '⟧'));
  };
  const walker = root.ownerDocument.createTreeWalker(root, 0x1 | 0x4 /* elements and text */);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
    if (node.nodeType === 3) {
      const parent = node.parentElement;
      if (parent && ['STYLE', 'SCRIPT'].includes(parent.tagName)) continue;
      check(node.textContent);
    } else {
      for (const name of TEXT_ATTRIBUTES) check((node as Element).getAttribute(name));
    }
  }
  return found;
}

function stripMarked(text: string): string {
  // Markers may nest (a translated string substituted into another): strip innermost first.
  let previous: string;
  let current = text;
  do {
    previous = current;
    current = current.replace(new RegExp(`${OPEN}[^${OPEN}${CLOSE}]*${CLOSE}`, 'gu'), '');
  } while (current !== previous);
  return current;
}
