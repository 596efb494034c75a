// A MessageSource backed by a parsed messages.json: what unit tests and Node-side tools use in place of the browser's
// i18n API (same file, same format rules — see message-format.ts).
import { formatCatalogMessage, type Catalog } from './message-format';
import type { MessageSource } from './translate';

export function catalogMessageSource(catalog: Catalog): MessageSource {
  return { getMessage: (key, substitutions) => formatCatalogMessage(catalog, key, substitutions) };
}
