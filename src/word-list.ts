// Words joined as a sentence lists them: "a, b or c", "a, b und c", "a, b et c".
import { t } from './i18n';

/**
 * The last link comes from the catalogue (list_and, list_or) rather than Intl.ListFormat, whose English adds the
 * serial comma ("a, b, or c") that the rest of the product's English does not use. German and French separate the
 * other items with a comma too.
 */
export function joinWords(words: readonly string[], type: 'and' | 'or'): string {
  if (words.length <= 1) return words.join('');
  return t(type === 'and' ? 'list_and' : 'list_or', { head: words.slice(0, -1).join(', '), last: words.at(-1)! });
}
