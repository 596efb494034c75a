// A small OData $filter parser and evaluator covering what directory queries use: eq/ne, in, startswith,
// endswith, not, and/or, parentheses and `coll/any(x:x eq 'v')`. It also reports which operators need
// "advanced query" mode (ConsistencyLevel: eventual + $count=true) so the caller can refuse like Graph does.
import { GraphError, unsupportedQuery } from './errors';
import type { Json } from './model';

export type Literal = string | number | boolean | null;

export type FilterNode =
  | { kind: 'or' | 'and'; items: FilterNode[] }
  | { kind: 'not'; item: FilterNode }
  | { kind: 'cmp'; op: 'eq' | 'ne' | 'ge' | 'le' | 'gt' | 'lt'; prop: string; value: Literal }
  | { kind: 'in'; prop: string; values: Literal[] }
  | { kind: 'fn'; fn: 'startswith' | 'endswith'; prop: string; value: string }
  | { kind: 'any'; prop: string; op: 'eq' | 'startswith'; value: string };

type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'num'; v: number } | { t: 'punct'; v: string };

/** Graph answers malformed filters with 400 BadRequest "Invalid filter clause…". */
const syntax = (detail: string) => new GraphError(400, 'BadRequest', `Invalid filter clause: ${detail}`);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      // OData escapes a quote inside a string by doubling it.
      let v = '';
      i++;
      for (;;) {
        if (i >= src.length) throw syntax(`unterminated string literal in '${src}'.`);
        const ch = src[i] as string;
        if (ch === "'") {
          if (src[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += ch;
        i++;
      }
      out.push({ t: 'str', v });
    } else if ('(),:/'.includes(c)) {
      out.push({ t: 'punct', v: c });
      i++;
    } else if (/[-0-9]/.test(c) && /^-?\d/.test(src.slice(i))) {
      const m = /^-?\d+(\.\d+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_@$]/.test(c)) {
      const m = /^[A-Za-z_@$][A-Za-z0-9_.@$]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    } else {
      throw syntax(`unexpected character '${c}' at position ${i} in '${src}'.`);
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly toks: Token[],
    private readonly src: string,
  ) {}

  parse(): FilterNode {
    const node = this.or();
    if (this.pos < this.toks.length) throw syntax(`syntax error at position ${this.pos} in '${this.src}'.`);
    return node;
  }

  private peek(): Token | undefined {
    return this.toks[this.pos];
  }
  private next(): Token {
    const t = this.toks[this.pos++];
    if (!t) throw syntax(`unexpected end of '${this.src}'.`);
    return t;
  }
  private isWord(v: string): boolean {
    const t = this.peek();
    return t?.t === 'word' && t.v.toLowerCase() === v;
  }
  private expectPunct(v: string): void {
    const t = this.next();
    if (t.t !== 'punct' || t.v !== v) throw syntax(`expected '${v}' in '${this.src}'.`);
  }
  private word(): string {
    const t = this.next();
    if (t.t !== 'word') throw syntax(`expected a property name in '${this.src}'.`);
    return t.v;
  }
  private literal(): Literal {
    const t = this.next();
    if (t.t === 'str' || t.t === 'num') return t.v;
    if (t.t === 'word') {
      const w = t.v.toLowerCase();
      if (w === 'null') return null;
      if (w === 'true') return true;
      if (w === 'false') return false;
    }
    throw syntax(`expected a literal in '${this.src}'.`);
  }
  private stringLiteral(): string {
    const v = this.literal();
    if (typeof v !== 'string') throw syntax(`expected a string literal in '${this.src}'.`);
    return v;
  }

  private or(): FilterNode {
    const items = [this.and()];
    while (this.isWord('or')) {
      this.pos++;
      items.push(this.and());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'or', items };
  }
  private and(): FilterNode {
    const items = [this.unary()];
    while (this.isWord('and')) {
      this.pos++;
      items.push(this.unary());
    }
    return items.length === 1 ? (items[0] as FilterNode) : { kind: 'and', items };
  }
  private unary(): FilterNode {
    if (this.isWord('not')) {
      this.pos++;
      return { kind: 'not', item: this.unary() };
    }
    return this.primary();
  }
  private primary(): FilterNode {
    const t = this.peek();
    if (t?.t === 'punct' && t.v === '(') {
      this.pos++;
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    const name = this.word();
    const lower = name.toLowerCase();
    if (lower === 'startswith' || lower === 'endswith') {
      this.expectPunct('(');
      const prop = this.word();
      this.expectPunct(',');
      const value = this.stringLiteral();
      this.expectPunct(')');
      return { kind: 'fn', fn: lower, prop, value };
    }
    const after = this.peek();
    if (after?.t === 'punct' && after.v === '/') {
      // coll/any(x:x eq 'v') or coll/any(x:startswith(x,'v'))
      this.pos++;
      if (this.word().toLowerCase() !== 'any') throw syntax(`only the any() lambda is supported in '${this.src}'.`);
      this.expectPunct('(');
      const v = this.word();
      this.expectPunct(':');
      let node: FilterNode;
      if (this.isWord('startswith')) {
        this.pos++;
        this.expectPunct('(');
        if (this.word() !== v) throw syntax(`unknown range variable in '${this.src}'.`);
        this.expectPunct(',');
        node = { kind: 'any', prop: name, op: 'startswith', value: this.stringLiteral() };
        this.expectPunct(')');
      } else {
        if (this.word() !== v) throw syntax(`unknown range variable in '${this.src}'.`);
        if (!this.isWord('eq')) throw syntax(`only eq and startswith are supported inside any() in '${this.src}'.`);
        this.pos++;
        node = { kind: 'any', prop: name, op: 'eq', value: this.stringLiteral() };
      }
      this.expectPunct(')');
      return node;
    }
    const opTok = this.word().toLowerCase();
    if (opTok === 'in') {
      this.expectPunct('(');
      const values: Literal[] = [this.literal()];
      for (;;) {
        const p = this.next();
        if (p.t === 'punct' && p.v === ')') break;
        if (p.t !== 'punct' || p.v !== ',') throw syntax(`expected ',' or ')' in '${this.src}'.`);
        values.push(this.literal());
      }
      return { kind: 'in', prop: name, values };
    }
    if (opTok === 'eq' || opTok === 'ne' || opTok === 'ge' || opTok === 'le' || opTok === 'gt' || opTok === 'lt') {
      return { kind: 'cmp', op: opTok, prop: name, value: this.literal() };
    }
    throw syntax(`unknown operator '${opTok}' in '${this.src}'.`);
  }
}

export function parseFilter(src: string): FilterNode {
  return new Parser(tokenize(src), src).parse();
}

/** Properties a filter names (used to validate them against the entity type). */
export function filterProps(node: FilterNode): string[] {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.items.flatMap(filterProps);
    case 'not':
      return filterProps(node.item);
    default:
      return [node.prop];
  }
}

/** The first construct that only works in advanced-query mode, with the property it applies to. */
export function advancedConstruct(node: FilterNode): { what: string; prop: string } | undefined {
  switch (node.kind) {
    case 'or':
    case 'and':
      for (const n of node.items) {
        const a = advancedConstruct(n);
        if (a) return a;
      }
      return undefined;
    case 'not':
      return { what: 'not', prop: filterProps(node.item)[0] ?? '' };
    case 'cmp':
      return node.op === 'ne' ? { what: 'ne', prop: node.prop } : undefined;
    case 'fn':
      return node.fn === 'endswith' ? { what: 'endswith', prop: node.prop } : undefined;
    default:
      return undefined;
  }
}

/** How many values a clause compares against: an `in` counts each value, any other comparison one. */
function valueCount(node: FilterNode): number {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.items.reduce((n, i) => n + valueCount(i), 0);
    case 'not':
      return valueCount(node.item);
    case 'in':
      return node.values.length;
    default:
      return 1;
  }
}

const hasOrOrIn = (node: FilterNode): boolean =>
  node.kind === 'in' || node.kind === 'or' || ((node.kind === 'and') && node.items.some(hasOrOrIn)) || (node.kind === 'not' && hasOrOrIn(node.item));

/**
 * The 15-value cap of `in` applies to the whole filter clause: values of every `in` and every `or` branch count
 * together (https://learn.microsoft.com/en-us/graph/aad-advanced-queries, "in operator … limited to 15 values").
 */
export function checkInListSizes(node: FilterNode, max = 15): void {
  if (!hasOrOrIn(node)) return;
  const n = valueCount(node);
  if (n > max) {
    throw unsupportedQuery(`Too many child clauses specified in search filter expression containing 'OR' operators: ${n}. Max allowed: ${max}.`);
  }
}

/** Directory `eq` (and `in`) values longer than 120 characters are refused. */
export const MAX_EQ_VALUE_LENGTH = 120;
export function checkValueLengths(node: FilterNode): void {
  const tooLong = (v: Literal) => typeof v === 'string' && v.length > MAX_EQ_VALUE_LENGTH;
  switch (node.kind) {
    case 'or':
    case 'and':
      node.items.forEach(checkValueLengths);
      return;
    case 'not':
      checkValueLengths(node.item);
      return;
    case 'cmp':
      if (node.op === 'eq' && tooLong(node.value)) throw unsupportedQuery(`The value for property '${node.prop}' exceeds ${MAX_EQ_VALUE_LENGTH} characters.`);
      return;
    case 'in':
      if (node.values.some(tooLong)) throw unsupportedQuery(`A value for property '${node.prop}' exceeds ${MAX_EQ_VALUE_LENGTH} characters.`);
      return;
    default:
      return;
  }
}

/** The operator a leaf uses, in the words of Learn's per-property filter tables. */
export type FilterOp = 'eq' | 'ne' | 'not' | 'in' | 'ge' | 'le' | 'gt' | 'lt' | 'startswith' | 'endswith' | 'any' | 'eqNull';

/** Every (property, operator) pair a filter uses; a negated comparison is reported as `not`. */
export function filterUses(node: FilterNode): { prop: string; op: FilterOp }[] {
  switch (node.kind) {
    case 'or':
    case 'and':
      return node.items.flatMap(filterUses);
    case 'not':
      return filterUses(node.item).map((u) => ({ ...u, op: 'not' as const }));
    case 'cmp':
      return [{ prop: node.prop, op: node.op === 'eq' && node.value === null ? 'eqNull' : node.op }];
    case 'in':
      return [{ prop: node.prop, op: 'in' }];
    case 'fn':
      return [{ prop: node.prop, op: node.fn }];
    case 'any':
      return [{ prop: node.prop, op: 'any' }];
  }
}

/**
 * Refuses a property Graph does not filter on, or an operator it does not support for that property (Graph answers
 * 400 rather than evaluating it). `table` maps a property (exact Graph casing) to its operators.
 */
export function checkFilterable(node: FilterNode, table: Readonly<Record<string, readonly FilterOp[]>>, resource: string): void {
  for (const { prop, op } of filterUses(node)) {
    const key = Object.keys(table).find((k) => k.toLowerCase() === prop.toLowerCase());
    const ops = key === undefined ? undefined : table[key];
    if (!ops || !ops.includes(op)) {
      throw unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${prop}' of resource '${resource}'.`);
    }
  }
}

// Directory string comparisons are case-insensitive.
const norm = (v: Json | Literal | undefined): Json | Literal | undefined => (typeof v === 'string' ? v.toLowerCase() : v);

function compare(a: Json | undefined, op: string, b: Literal): boolean {
  const x = norm(a ?? null);
  const y = norm(b);
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
    default: {
      // Ordering comparisons only make sense between two strings or two numbers.
      if (!((typeof x === 'string' && typeof y === 'string') || (typeof x === 'number' && typeof y === 'number'))) return false;
      if (op === 'ge') return x >= y;
      if (op === 'le') return x <= y;
      if (op === 'gt') return x > y;
      return x < y;
    }
  }
}

/** Evaluates against a resource's Graph view; `get` resolves a (case-insensitive) property name. */
export function evaluate(node: FilterNode, get: (prop: string) => Json | undefined): boolean {
  switch (node.kind) {
    case 'or':
      return node.items.some((n) => evaluate(n, get));
    case 'and':
      return node.items.every((n) => evaluate(n, get));
    case 'not':
      return !evaluate(node.item, get);
    case 'cmp':
      return compare(get(node.prop), node.op, node.value);
    case 'in': {
      const v = norm(get(node.prop) ?? null);
      return node.values.some((x) => norm(x) === v);
    }
    case 'fn': {
      const v = get(node.prop);
      if (typeof v !== 'string') return false;
      const s = v.toLowerCase();
      const p = node.value.toLowerCase();
      return node.fn === 'startswith' ? s.startsWith(p) : s.endsWith(p);
    }
    case 'any': {
      const v = get(node.prop);
      if (!Array.isArray(v)) return false;
      const p = node.value.toLowerCase();
      return v.some((x) => typeof x === 'string' && (node.op === 'eq' ? x.toLowerCase() === p : x.toLowerCase().startsWith(p)));
    }
  }
}
