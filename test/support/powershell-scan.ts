// A small PowerShell tokenizer for tests, enough for the scripts src/plan/powershell.ts writes: it separates
// single-quoted literals (with PowerShell's rules: any of ' ‘ ’ ‚ ‛ opens and closes, a doubled one is a quote),
// double-quoted strings, comments and code. The tests use it to prove data only ever lands inside literals.

const SQ = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
const DQ = new Set(['"', '\u201C', '\u201D', '\u201E']);

export interface Scan {
  /** The values of the single-quoted literals, in order. */
  literals: string[];
  /** Everything outside single-quoted literals and comments (double-quoted strings included, verbatim). */
  code: string;
}

export function scanPowerShell(script: string): Scan {
  const literals: string[] = [];
  let code = '';
  let i = 0;
  const n = script.length;
  while (i < n) {
    const ch = script[i]!;
    if (ch === '<' && script[i + 1] === '#') {
      const end = script.indexOf('#>', i + 2);
      if (end < 0) throw new Error('unterminated block comment');
      i = end + 2;
    } else if (ch === '#') {
      while (i < n && script[i] !== '\n') i++;
    } else if (SQ.has(ch)) {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error('unterminated single-quoted string');
        const c = script[i]!;
        if (SQ.has(c)) {
          if (i + 1 < n && SQ.has(script[i + 1]!)) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      literals.push(value);
      code += '\u0000LIT\u0000';
    } else if (DQ.has(ch)) {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new Error('unterminated double-quoted string');
        const c = script[j]!;
        if (c === '`') {
          j += 2;
          continue;
        }
        if (DQ.has(c)) {
          if (j + 1 < n && DQ.has(script[j + 1]!)) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      code += script.slice(i, j + 1);
      i = j + 1;
    } else {
      code += ch;
      i++;
    }
  }
  return { literals, code };
}

/** Evaluate a psLiteral expression: 'x' or ('a' + [string][char]0x0a + 'b'). */
export function evalPsLiteral(expr: string): string {
  const parts = expr.startsWith('(') && expr.endsWith(')') ? expr.slice(1, -1) : expr;
  let out = '';
  const scan = scanPowerShell(parts);
  let lit = 0;
  for (const token of scan.code.split(' + ')) {
    const t = token.trim();
    if (t === '\u0000LIT\u0000') out += scan.literals[lit++]!;
    else {
      const m = /^\[string\]\[char\]0x([0-9a-f]{2})$/.exec(t);
      if (!m) throw new Error(`not a literal part: ${t}`);
      out += String.fromCharCode(parseInt(m[1]!, 16));
    }
  }
  return out;
}
