// The catalogues (_locales/<lang>/messages.json) are complete and consistent: the same keys in every language, the
// same placeholders, the conventions src/i18n/translate.ts relies on, and what the browsers require of the manifest.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localeNames, readCatalog } from '../support/i18n';
import { placeholdersUsed, type Catalog } from '../../src/i18n/message-format';

const REQUIRED = ['de', 'en', 'fr'];
const english = readCatalog('en');
const manifest = readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8');

describe('i18n catalogues', () => {
  it('exist for English, German and French', () => {
    expect(localeNames()).toEqual(expect.arrayContaining(REQUIRED));
  });

  for (const lang of localeNames()) {
    const catalog = readCatalog(lang);
    describe(lang, () => {
      it('has exactly the English keys', () => {
        const keys = Object.keys(catalog);
        expect({ missing: Object.keys(english).filter((k) => !keys.includes(k)), extra: keys.filter((k) => !(k in english)) }).toEqual({
          missing: [],
          extra: [],
        });
      });

      it('keeps its keys sorted (npm run i18n:sort) so branches merge cleanly', () => {
        const keys = Object.keys(catalog);
        expect(keys).toEqual([...keys].sort());
      });

      it('names its own language in i18n_locale', () => {
        expect(catalog.i18n_locale?.message).toBe(lang);
      });

      it('uses only key characters the browsers accept, and no key twice ignoring case', () => {
        const keys = Object.keys(catalog);
        expect(keys.filter((k) => !/^[A-Za-z0-9_]+$/.test(k))).toEqual([]);
        expect(new Set(keys.map((k) => k.toLowerCase())).size).toBe(keys.length);
      });

      it('has a non-empty message for every key, with the placeholders English has', () => {
        const problems: string[] = [];
        for (const [key, entry] of Object.entries(catalog)) {
          if (typeof entry.message !== 'string' || entry.message.trim() === '') problems.push(`${key}: empty`);
          const mine = placeholderNames(catalog, key);
          const theirs = placeholderNames(english, key);
          if (mine.join() !== theirs.join()) problems.push(`${key}: placeholders ${mine.join() || '-'} ≠ English ${theirs.join() || '-'}`);
          for (const used of placeholdersUsed(entry.message ?? '')) {
            if (!mine.includes(used)) problems.push(`${key}: $${used}$ is not declared`);
          }
        }
        expect(problems).toEqual([]);
      });

      it('numbers placeholders $1, $2… in alphabetical order of their names (the order t() passes them)', () => {
        const problems: string[] = [];
        for (const [key, entry] of Object.entries(catalog)) {
          const names = Object.keys(entry.placeholders ?? {}).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
          names.forEach((name, i) => {
            const content = entry.placeholders![name]!.content;
            if (content !== `$${i + 1}`) problems.push(`${key}.${name}: content ${content}, expected $${i + 1}`);
          });
        }
        expect(problems).toEqual([]);
      });

      it('has the one and other forms of every plural message', () => {
        const bases = Object.keys(english).filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length));
        expect(bases.filter((b) => !(`${b}_one` in catalog) || !(`${b}_other` in catalog))).toEqual([]);
      });
    });
  }

  it('has every key the manifest names, within the stores’ length limits', () => {
    const used = [...manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const lang of REQUIRED) {
      const catalog = readCatalog(lang);
      for (const key of used) expect(catalog[key]?.message, `${lang}: ${key}`).toBeTruthy();
      expect(catalog.extDescription!.message.length, `${lang} description`).toBeLessThanOrEqual(132);
      expect(catalog.extShortName!.message.length, `${lang} short name`).toBeLessThanOrEqual(12);
    }
  });
});

function placeholderNames(catalog: Catalog, key: string): string[] {
  return Object.keys(catalog[key]?.placeholders ?? {})
    .map((n) => n.toLowerCase())
    .sort();
}

describe('i18n catalogue use', () => {
  // Every key is used by shipped code: literally ('key' or "key"), as a plural base, by the manifest, or through a
  // template literal on its prefix (`state_${status}`). A key nobody uses is a translation nobody maintains.
  it('has no key that the shipped code never uses', () => {
    const code = shippedSources();
    const used = (key: string) => {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
      if ([`'${key}'`, `"${key}"`, `__MSG_${key}__`, `'${base}'`, `"${base}"`].some((s) => code.includes(s))) return true;
      const parts = key.split('_');
      for (let i = parts.length - 1; i > 0; i--) if (code.includes(`\`${parts.slice(0, i).join('_')}_\${`)) return true;
      return false;
    };
    expect(Object.keys(english).filter((k) => k !== 'i18n_locale' && !used(k))).toEqual([]);
  });
});

function shippedSources(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const files: string[] = ['manifest.json'];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry.name)) files.push(path);
    }
  };
  for (const dir of ['src', 'content', 'popup', 'review', 'background']) walk(dir);
  return files.map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
}
