// The extension i18n API's message format, implemented for the places that have no browser behind them (unit tests,
// the demo's Node side, the catalogue checks). In the browser, `chrome.i18n.getMessage` applies the same rules to
// the same `_locales/<lang>/messages.json`; this module exists so those rules are tested, not assumed.
//
// Rules (Chrome's and Firefox's documented format): a message may name placeholders as `$name$` (case-insensitive);
// each placeholder's `content` may refer to the call's substitutions as `$1`…`$9`; `$$` is a literal dollar.

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalog = Record<string, CatalogEntry>;

const PLACEHOLDER = /\$([A-Za-z0-9_@]+)\$/g;
// `$$` (a dollar), `$name$` (a placeholder) or `$1`…`$9` (a substitution written directly in the message).
const TOKEN = /(\$\$)|\$([A-Za-z0-9_@]+)\$|\$(\d)/g;

/** The message for `key` with `substitutions` applied, or '' when the catalogue has no such key (as the API does). */
export function formatCatalogMessage(catalog: Catalog, key: string, substitutions: readonly string[] = []): string {
  const entry = lookup(catalog, key);
  if (!entry) return '';
  const placeholders = lowerKeys(entry.placeholders ?? {});
  const positional = (n: string) => substitutions[Number(n) - 1] ?? '';
  // One pass over the message, so a substituted value is never read again as a placeholder or `$n`.
  return entry.message.replace(TOKEN, (whole, dollar?: string, name?: string, n?: string) => {
    if (dollar) return '$';
    if (n) return positional(n);
    const p = placeholders[name!.toLowerCase()];
    return p ? p.content.replace(/\$\$|\$(\d)/g, (_m, d?: string) => (d ? positional(d) : '$')) : whole;
  });
}

/** Placeholder names a message uses, lower-cased (the API matches them case-insensitively). */
export function placeholdersUsed(message: string): string[] {
  return [...message.replaceAll('$$', '').matchAll(PLACEHOLDER)].map((m) => m[1]!.toLowerCase());
}

function lookup(catalog: Catalog, key: string): CatalogEntry | undefined {
  if (Object.hasOwn(catalog, key)) return catalog[key];
  const lower = key.toLowerCase();
  const found = Object.keys(catalog).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : catalog[found];
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
}
