// Counts as the dialog prints them: grouped for the language of the words around them (the catalogue's, src/i18n).
import { formatNumber } from '../../../src/i18n';

export const fmt = (n: number) => formatNumber(n);
