// Sorts the keys of every _locales/<lang>/messages.json (code-unit order) and rewrites it with two-space indent.
// Sorted catalogues keep additions from different branches in different places, so they merge without conflicts;
// test/unit/i18n-catalogs.test.ts checks the order.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '_locales');
for (const lang of readdirSync(root)) {
  const file = join(root, lang, 'messages.json');
  const catalog = JSON.parse(readFileSync(file, 'utf8'));
  const sorted = Object.fromEntries(Object.keys(catalog).sort().map((k) => [k, catalog[k]]));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}
