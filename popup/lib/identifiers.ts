// Turning what the admin pastes or imports into user identifiers (object ids or UPNs) for users/resolve.
import { t } from '../../src/i18n';
import Papa from 'papaparse';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UPN: something@domain, no spaces. Loose on purpose: the directory decides whether it exists. */
const UPN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type IdentifierKind = 'objectId' | 'upn';

export interface ParsedIdentifiers {
  /** Unique identifiers in input order (GUIDs lower-cased; UPNs as typed, de-duplicated case-insensitively). */
  identifiers: string[];
  /** Entries that are neither an object id nor a UPN. */
  invalid: string[];
  /** How many entries repeated an earlier one. */
  duplicates: number;
}

export function identifierKind(value: string): IdentifierKind | undefined {
  if (GUID.test(value)) return 'objectId';
  if (UPN.test(value) && value.length <= 1024) return 'upn';
  return undefined;
}

/** Strip quotes, angle brackets and a `mailto:` that copy-paste from mail clients and spreadsheets leaves. */
function clean(token: string): string {
  let t = token.trim();
  const angle = /<([^<>]+)>$/.exec(t);
  if (angle) t = angle[1]!.trim();
  t = t.replace(/^["'`]+|["'`]+$/g, '').trim();
  if (/^mailto:/i.test(t)) t = t.slice(7);
  return t;
}

/** Split on newlines, commas, semicolons and tabs; drop blanks; classify and de-duplicate. */
export function parseIdentifiers(text: string): ParsedIdentifiers {
  return collect(text.split(/[\r\n,;\t]+/));
}

function collect(tokens: Iterable<string>): ParsedIdentifiers {
  const seen = new Set<string>();
  const out: ParsedIdentifiers = { identifiers: [], invalid: [], duplicates: 0 };
  for (const raw of tokens) {
    const t = clean(raw);
    if (t === '') continue;
    const kind = identifierKind(t);
    if (!kind) {
      out.invalid.push(t.slice(0, 200));
      continue;
    }
    const key = t.toLowerCase();
    if (seen.has(key)) {
      out.duplicates++;
      continue;
    }
    seen.add(key);
    out.identifiers.push(kind === 'objectId' ? key : t);
  }
  return out;
}

/** Header names accepted for each kind (compared without case, spaces, underscores or hyphens). */
const ID_HEADERS = new Set(['id', 'objectid', 'userid', 'userobjectid']);
const UPN_HEADERS = new Set(['userprincipalname', 'upn', 'signinname']);
const norm = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s_-]/g, '').toLowerCase();

export interface CsvIdentifiers extends ParsedIdentifiers {
  /** The column(s) read, as named in the file. */
  columns: string[];
}

/**
 * Identifiers from a CSV file with a header row: the object id column when there is one (exact), else the
 * UPN column; a row without an id falls back to its UPN. Throws with a message the admin can act on.
 */
export function identifiersFromCsv(text: string): CsvIdentifiers {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const fields = parsed.meta.fields ?? [];
  const idCol = fields.find((f) => ID_HEADERS.has(norm(f)));
  const upnCol = fields.find((f) => UPN_HEADERS.has(norm(f)));
  if (!idCol && !upnCol) {
    throw new Error(
      fields.length ? t('picker_csv_noIdColumnFound', { columns: fields.slice(0, 10).join(', ') }) : t('picker_csv_noIdColumn'),
    );
  }
  const tokens: string[] = [];
  for (const row of parsed.data) {
    const id = idCol ? (row[idCol] ?? '').trim() : '';
    const upn = upnCol ? (row[upnCol] ?? '').trim() : '';
    if (id !== '' && GUID.test(clean(id))) tokens.push(id);
    else if (upn !== '') tokens.push(upn);
    else if (id !== '') tokens.push(id);
  }
  return { ...collect(tokens), columns: [idCol, upnCol].filter((c): c is string => c !== undefined) };
}
