// t() and tn() over the real catalogue format: placeholders by name, plural categories per language, numbers
// formatted per language, and an unknown key shown as itself.
import { describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatList, formatNumber, installMessageSource, messageLocale, t, tn } from '../../src/i18n';
import { catalogMessageSource } from '../../src/i18n/catalog-source';
import { formatCatalogMessage, type Catalog } from '../../src/i18n/message-format';
import type { MessageKey, PluralKey } from '../../src/i18n';

function catalog(locale: string, extra: Catalog): Catalog {
  return { i18n_locale: { message: locale }, ...extra };
}

const sample = (locale: string) =>
  catalog(locale, {
    greet: { message: 'Hello $NAME$, $COUNT$ left', placeholders: { count: { content: '$1' }, name: { content: '$2' } } },
    users_one: { message: '$COUNT$ user', placeholders: { count: { content: '$1' } } },
    users_other: { message: '$COUNT$ users', placeholders: { count: { content: '$1' } } },
    price: { message: 'Costs $$5' },
  });

// Keys of the sample catalogue, not of the product's: the type is the product's, the values are this test's.
const key = (k: string) => k as MessageKey;
const plural = (k: string) => k as PluralKey;

describe('message format (as the browsers apply it)', () => {
  it('substitutes named placeholders, case-insensitively, and keeps $$ as a dollar', () => {
    const c = sample('en');
    expect(formatCatalogMessage(c, 'greet', ['3', 'Adele'])).toBe('Hello Adele, 3 left');
    expect(formatCatalogMessage(c, 'GREET', ['3', 'Adele'])).toBe('Hello Adele, 3 left');
    expect(formatCatalogMessage(c, 'price')).toBe('Costs $5');
    expect(formatCatalogMessage(c, 'missing')).toBe('');
  });

  it('does not re-read a substituted value as a placeholder', () => {
    expect(formatCatalogMessage(sample('en'), 'greet', ['1', '$COUNT$ and $1'])).toBe('Hello $COUNT$ and $1, 1 left');
  });
});

describe('t and tn', () => {
  it('pass parameters in alphabetical order of their names, numbers formatted for the catalogue language', () => {
    installMessageSource(catalogMessageSource(sample('de')));
    expect(t(key('greet'), { name: 'Adele', count: 1234 })).toBe('Hello Adele, 1.234 left');
    expect(messageLocale()).toBe('de');
  });

  it('choose the plural form of the catalogue language, falling back to other', () => {
    installMessageSource(catalogMessageSource(sample('en')));
    expect(tn(plural('users'), 1)).toBe('1 user');
    expect(tn(plural('users'), 0)).toBe('0 users');
    installMessageSource(catalogMessageSource(sample('fr')));
    // French counts 0 as singular; a million is "many", which this catalogue leaves to "other".
    expect(tn(plural('users'), 0)).toBe('0 user');
    expect(tn(plural('users'), 1_000_000)).toMatch(/^1\s000\s000 users$/u);
  });

  it('show an unknown key as itself rather than an empty string', () => {
    installMessageSource(catalogMessageSource(sample('en')));
    expect(t(key('nope'))).toBe('nope');
  });

  it('format numbers, dates and lists for the catalogue language', () => {
    installMessageSource(catalogMessageSource(sample('fr')));
    expect(formatNumber(1234.5)).toMatch(/^1\s234,5$/u);
    expect(formatList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(formatDateTime(Date.UTC(2026, 11, 6, 10, 0))).toMatch(/2026/);
  });

  it('refuse to run without a message source rather than show nothing', async () => {
    vi.resetModules();
    const fresh = await import('../../src/i18n/translate');
    expect(() => fresh.t(key('greet'))).toThrow(/no message source installed/);
  });
});
