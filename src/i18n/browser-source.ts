// The shape of the browser's i18n API that a context hands to installMessageSource at start-up. Taking the function
// (not `chrome`) keeps src/ free of browser globals; each context's entry passes its own chrome.i18n.getMessage.
import type { MessageSource } from './translate';

export function messageSourceFrom(getMessage: (key: string, substitutions: string[]) => string): MessageSource {
  // getMessage throws on more than 9 substitutions; no catalogue message takes that many (checked by the tests).
  return { getMessage: (key, substitutions) => getMessage(key, substitutions) };
}
