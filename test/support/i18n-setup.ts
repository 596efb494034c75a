// Vitest setup: every test starts with the English catalogue installed, as every extension context does at start-up.
import { beforeEach } from 'vitest';
import { useLocale } from './i18n';

useLocale('en');
beforeEach(() => useLocale('en'));
