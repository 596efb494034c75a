// Lint: typescript-eslint's recommended rules plus the project's security rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Shipped code imports zod through src/zod.ts, which turns off its `new Function` probe (a CSP violation).
const ZOD_DIRECT = { name: 'zod', message: "Import { z } from src/zod.ts: it configures zod's jitless mode (no eval probe)." };

// Attributes whose value people read or hear (names, descriptions, tooltips, placeholders).
const TEXT_ATTRIBUTES = '/^(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label)$/';

export default tseslint.config(
  { ignores: ['dist/**', 'artifacts/**', 'node_modules/**', 'test-results/**', '.demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Data never becomes markup: no innerHTML/outerHTML/insertAdjacentHTML/document.write in shipped code.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build DOM nodes; never parse data as HTML.' },
        { property: 'outerHTML', message: 'Build DOM nodes; never parse data as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Build DOM nodes; never parse data as HTML.' },
        { object: 'document', property: 'write', message: 'Never write markup.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The core is pure: no browser extension API may be reached from src/.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ZOD_DIRECT], patterns: ['webextension-polyfill', '@azure/msal-browser'] }],
      'no-restricted-globals': ['error', 'chrome', 'browser', 'window', 'document'],
    },
  },
  {
    // The first-run set-up runs in Node before any dependency is installed.
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    files: ['background/**/*.{ts,tsx}', 'content/**/*.{ts,tsx}', 'popup/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [ZOD_DIRECT] }] },
  },
  {
    // The worker reaches the browser through ports (background/worker-ports.ts) built in one module,
    // browser-ports.ts. The offscreen document that hosts MSAL is a context of its own: offscreen-main.ts is its edge
    // (one listener; the rule for who may ask is in msal-host-protocol.ts). No other file touches chrome.* / browser.*.
    // The worker imports no other context, and no other context imports the worker.
    files: ['background/**/*.{ts,tsx}'],
    ignores: ['background/browser-ports.ts', 'background/offscreen/offscreen-main.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'Take a port (background/worker-ports.ts); only background/browser-ports.ts touches chrome.*.' },
        { name: 'browser', message: 'Take a port (background/worker-ports.ts); only background/browser-ports.ts touches browser.*.' },
      ],
    },
  },
  {
    files: ['background/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ZOD_DIRECT], patterns: [{ group: ['**/content/**', '**/popup/**', '**/review/**'], message: 'The worker imports no other context: share through src/.' }] },
      ],
    },
  },
  {
    files: ['content/**/*.{ts,tsx}', 'popup/**/*.{ts,tsx}', 'review/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [ZOD_DIRECT], patterns: [{ group: ['**/background/**'], message: 'Pages and content scripts reach the worker by message (src/messages.ts), never by import.' }] },
      ],
    },
  },
  {
    // Issue 12: every user-facing string comes from the i18n catalogue (src/i18n: t(), tn()). Text written into a
    // component (a JSX text with a letter, or a letter in a literal given to a text attribute) is refused.
    files: ['content/**/*.tsx', 'popup/**/*.tsx', 'review/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/\\p{L}/u]', message: 'User-facing text comes from the catalogue: t("key") (src/i18n).' },
        {
          selector: `JSXAttribute[name.name=${TEXT_ATTRIBUTES}] > Literal[value=/\\p{L}/u]`,
          message: 'User-facing text comes from the catalogue: t("key") (src/i18n).',
        },
        {
          selector: `JSXAttribute[name.name=${TEXT_ATTRIBUTES}] > JSXExpressionContainer > TemplateLiteral > TemplateElement[value.raw=/\\p{L}/u]`,
          message: 'User-facing text comes from the catalogue: t("key", { params }) (src/i18n).',
        },
      ],
    },
  },
  {
    // The one place zod is configured (jitless) before any schema is used.
    files: ['src/zod.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['webextension-polyfill', '@azure/msal-browser'] }] },
  },
  {
    // The sandbox replicas serve HTML to the browser; they are test code, never shipped.
    files: ['test/**/*.{ts,tsx}'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
