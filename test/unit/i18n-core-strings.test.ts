// The words the core (src/) and the background produce come from the catalogue too: a sentence written into their
// code (a string that starts with a capitalised word and runs on for at least two more) fails this test unless it is
// listed below with the reason it is not shown to the admin as our own words. eslint does the same for components.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The job engine stores language-free records: its own reasons carry a stable code and an English message, and the
 * job views show them in the admin's language from the code (src/engine-reasons.ts). The list only shrinks: an entry
 * without English left fails the test below.
 */
const NOT_YET_TRANSLATED: readonly string[] = [];
const NOT_YET_TRANSLATED_DIRS = ['src/jobs/'];

/** Not the product's words to the admin, with why. */
const NOT_PRODUCT_WORDS: Readonly<Record<string, string>> = {
  // The exported PowerShell script is a technical artefact in the language of its cmdlets.
  'src/plan/powershell.ts': 'script',
  // The i18n layer's own developer error.
  'src/i18n/translate.ts': 'developer',
};
const ALLOWED: Readonly<Record<string, string>> = {
  'Not signed in.': 'MSAL host reply (errorCode no_account): the worker falls back to a sign-in, never shows it',
  'The sign-in did not return a result.': 'MSAL host reply (errorCode no_result): the worker shows worker_signInNoResult instead',
  'Hosts the Microsoft sign-in library (MSAL), which cannot run in a service worker.': "offscreen justification: read by Chromium, not shown",
  'The batch response did not include this request.': "a GraphError's message (status 0): the admin sees the translated advice, this stays the detail",
  'Refusing to follow a link to …': "a GraphError's message (status 0): the admin sees the translated advice",
  'GET /me returned no user id.': "a GraphError's message: the admin sees the translated advice with Graph's code",
  'Too many requests': "HTTP reason phrase standing in for Graph's own message when it sent none",
  'Internal server error': "HTTP reason phrase standing in for Graph's own message when it sent none",
  'Graph SDK returned no HTTP response': 'transport invariant; becomes a network error with translated advice',
  'The redirect URL must be a full https:// address.': 'protocol check of job/submit; the review validates first (its own words)',
  'The redirect URL may not contain a user name or password.': 'protocol check of job/submit; the review validates first (its own words)',
  'Message is not an object.': 'protocol error: only a sender that broke the protocol sees it',
  'Unknown operation ….': 'protocol error: only a sender that broke the protocol sees it',
  'Invalid … request…: ….': 'protocol error: only a sender that broke the protocol sees it',
  'CSV parse error: …': 'parsing a plan back, for tests and checks; never shown',
};

const SENTENCE = /^[A-Z][A-Za-z'’]*(?: \S+){2,}/;

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) ? [path.split('\\').join('/')] : [];
  });
}

/** Sentence-like string and template literals (a template's text parts joined by "…"), console output excepted. */
function sentences(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === 'console') return;
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
    if (text !== undefined && SENTENCE.test(text.trim())) found.push(text.trim());
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the core and the background', () => {
  const checked = [...files('src'), ...files('background')]
    .filter((f) => !NOT_YET_TRANSLATED.includes(f) && !NOT_YET_TRANSLATED_DIRS.some((d) => f.startsWith(d)))
    .filter((f) => !(f in NOT_PRODUCT_WORDS));

  it('write no sentence of their own outside the catalogue', () => {
    expect(checked.length).toBeGreaterThan(40);
    const written = checked.flatMap((f) => sentences(f).filter((s) => !(s in ALLOWED)).map((s) => `${relative(ROOT, join(ROOT, f))}: ${s}`));
    expect(written).toEqual([]);
  });

  it('list only exceptions that still exist', () => {
    const all = new Set(checked.flatMap(sentences));
    expect(Object.keys(ALLOWED).filter((s) => !all.has(s))).toEqual([]);
    const present = new Set([...files('src'), ...files('background')]);
    expect([...NOT_YET_TRANSLATED, ...Object.keys(NOT_PRODUCT_WORDS)].filter((f) => !present.has(f))).toEqual([]);
    const stillEnglish = (f: string) => sentences(f).length > 0;
    expect(NOT_YET_TRANSLATED.filter((f) => !stillEnglish(f))).toEqual([]);
    expect(NOT_YET_TRANSLATED_DIRS.filter((d) => !files(d).some(stillEnglish))).toEqual([]);
  });

  it('finds a sentence written into code (the check itself works)', () => {
    expect(SENTENCE.test('Sign in to continue.')).toBe(true);
    expect(SENTENCE.test('worker_signInToContinue')).toBe(false);
    expect(SENTENCE.test('startswith(displayName,x)')).toBe(false);
  });
});
