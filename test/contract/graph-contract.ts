// Checks a Graph request against Microsoft's own v1.0 API description (the CSDL subset in
// graph-v1.0-subset.json): the path, the $select and $filter property names, and every body property with its
// JSON type. Returns the problems found (empty = the request is one Graph's metadata describes).
import subset from './graph-v1.0-subset.json' with { type: 'json' };

interface CsdlProperty {
  type: string;
  nullable: boolean;
  navigation?: boolean;
}
interface CsdlType {
  kind: string;
  baseType?: string;
  properties: Record<string, CsdlProperty>;
}

const TYPES = subset.types as Record<string, CsdlType>;
const SETS = subset.entitySets as Record<string, string>;
const SINGLETONS = subset.singletons as Record<string, string>;

export const CONTRACT_SOURCE = { source: subset.source, commit: subset.commit };

/** All properties of a type including those inherited from its base types; undefined for a type not in the subset. */
export function propertiesOf(typeName: string): Record<string, CsdlProperty> | undefined {
  const t = TYPES[typeName];
  if (!t) return undefined;
  const inherited = t.baseType ? (propertiesOf(t.baseType) ?? {}) : {};
  return { ...inherited, ...t.properties };
}

/** Property names of an entity type, for the emulator's "refuse what the CSDL does not define". */
export function propertyNames(typeName: string): string[] {
  return Object.keys(propertiesOf(typeName) ?? {});
}

const collectionOf = (t: string) => /^Collection\((.+)\)$/.exec(t)?.[1];

interface Target {
  type: string;
  collection: boolean;
}

/** Walks /set/{key}/navigation… ; `/me` is a singleton of type user. */
function resolvePath(path: string, problems: string[]): Target | undefined {
  const segments = path.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  const first = segments.shift();
  if (first === undefined) {
    problems.push('empty path');
    return undefined;
  }
  let target: Target | undefined;
  if (SETS[first]) target = { type: SETS[first], collection: true };
  else if (SINGLETONS[first]) target = { type: SINGLETONS[first], collection: false };
  else {
    problems.push(`path segment '${first}' is not an entity set or singleton of the v1.0 metadata`);
    return undefined;
  }
  for (const seg of segments) {
    if (target.collection) {
      // A key segment: an object id or (users) a UPN. Neither may contain a raw slash, which the split excludes.
      if (seg.trim() === '') {
        problems.push('empty key segment');
        return undefined;
      }
      target = { type: target.type, collection: false };
      continue;
    }
    const prop: CsdlProperty | undefined = propertiesOf(target.type)?.[seg];
    if (!prop?.navigation) {
      problems.push(`'${seg}' is not a navigation property of ${target.type}`);
      return undefined;
    }
    const item = collectionOf(prop.type);
    target = { type: item ?? prop.type, collection: item !== undefined };
  }
  return target;
}

/** Property names an OData $filter names (identifiers before an operator or as a function's first argument). */
export function filterPropertyNames(filter: string): string[] {
  const withoutStrings = filter.replace(/'(?:[^']|'')*'/g, "''");
  const names = new Set<string>();
  for (const m of withoutStrings.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\s+(?:eq|ne|in|gt|ge|lt|le)\b/g)) names.add(m[1] as string);
  for (const m of withoutStrings.matchAll(/\b(?:startswith|endswith)\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,/gi)) names.add(m[1] as string);
  for (const m of withoutStrings.matchAll(/\b([A-Za-z_][A-Za-z0-9_]*)\/any\(/g)) names.add(m[1] as string);
  // A lambda's range variable (`otherMails/any(m: m eq …)`) names no property.
  for (const m of withoutStrings.matchAll(/\/any\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/g)) names.delete(m[1] as string);
  return [...names];
}

const EDM_CHECK: Record<string, (v: unknown) => boolean> = {
  'Edm.String': (v) => typeof v === 'string',
  'Edm.Boolean': (v) => typeof v === 'boolean',
  'Edm.Int32': (v) => Number.isInteger(v),
  'Edm.Int64': (v) => Number.isInteger(v),
  'Edm.Double': (v) => typeof v === 'number',
  'Edm.Guid': (v) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  'Edm.DateTimeOffset': (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkValue(where: string, prop: CsdlProperty, value: unknown, problems: string[]): void {
  if (value === null) {
    if (!prop.nullable) problems.push(`${where} may not be null`);
    return;
  }
  const item = collectionOf(prop.type);
  if (item !== undefined) {
    if (!Array.isArray(value)) {
      problems.push(`${where} must be an array (${prop.type})`);
      return;
    }
    value.forEach((v, i) => checkValue(`${where}[${i}]`, { type: item, nullable: false }, v, problems));
    return;
  }
  const edm = EDM_CHECK[prop.type];
  if (edm) {
    if (!edm(value)) problems.push(`${where} must be ${prop.type}, got ${JSON.stringify(value)}`);
    return;
  }
  if (TYPES[prop.type]) {
    checkObject(where, prop.type, value, problems);
    return;
  }
  // Enums and types outside the subset: the product never sends them; say so rather than pass silently.
  problems.push(`${where} has type ${prop.type}, which the contract subset does not describe`);
}

function checkObject(where: string, typeName: string, value: unknown, problems: string[]): void {
  if (!isRecord(value)) {
    problems.push(`${where} must be an object of type ${typeName}`);
    return;
  }
  const props = propertiesOf(typeName) ?? {};
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@odata.')) continue;
    const p = props[k];
    if (!p) {
      problems.push(`${where}.${k} is not a property of ${typeName}`);
      continue;
    }
    checkValue(`${where}.${k}`, p, v, problems);
  }
}

/** Problems with a body sent to `typeName` (e.g. POST /invitations → microsoft.graph.invitation). */
export function bodyProblems(typeName: string, body: unknown): string[] {
  const problems: string[] = [];
  checkObject('body', typeName, body, problems);
  return problems;
}

export interface ContractRequest {
  method: string;
  /** Version-relative (`/users?...`) or absolute Graph URL. */
  url: string;
  body?: unknown;
}

/** Everything about the request that the v1.0 metadata does not describe. */
export function contractProblems(req: ContractRequest): string[] {
  const u = new URL(req.url.replace(/^https:\/\/[^/]+\/v1\.0/i, ''), 'https://graph.invalid/');
  const path = u.pathname;
  const method = req.method.toUpperCase();
  if (path === '/$batch') {
    if (method !== 'POST') return ['$batch only takes POST'];
    const requests = isRecord(req.body) && Array.isArray(req.body.requests) ? req.body.requests : undefined;
    if (!requests) return ['$batch body has no requests array'];
    return requests.flatMap((r: unknown, i) => {
      if (!isRecord(r) || typeof r.url !== 'string' || typeof r.method !== 'string') return [`$batch item ${i} lacks url or method`];
      return contractProblems({ method: r.method, url: r.url, body: r.body }).map((p) => `$batch item ${String(r.id)}: ${p}`);
    });
  }
  const problems: string[] = [];
  const target = resolvePath(path, problems);
  if (!target) return problems;
  const props = propertiesOf(target.type) ?? {};
  for (const [k, v] of u.searchParams) {
    const key = k.replace(/^\$/, '');
    if (key === 'select') {
      for (const name of v.split(',').map((s) => s.trim())) if (!props[name]) problems.push(`$select names '${name}', not a property of ${target.type}`);
    } else if (key === 'filter') {
      for (const name of filterPropertyNames(v)) if (!props[name]) problems.push(`$filter names '${name}', not a property of ${target.type}`);
    } else if (!['top', 'count', 'skiptoken', 'search', 'orderby'].includes(key)) {
      problems.push(`unknown query option '${k}'`);
    }
  }
  if (method === 'POST' || method === 'PATCH') {
    if (method === 'POST' && !target.collection) problems.push(`POST to a single ${target.type}`);
    if (method === 'PATCH' && target.collection) problems.push(`PATCH of a collection of ${target.type}`);
    problems.push(...bodyProblems(target.type, req.body));
  } else if (req.body !== undefined) {
    problems.push(`${method} with a body`);
  }
  return problems;
}

/** A request as the Graph emulator logs it (top-level path with query, body, and the inner items of a $batch). */
export interface LoggedGraphRequest {
  method: string;
  path: string;
  body: unknown;
}

/**
 * Contract problems of every request in an emulator log, each prefixed with the request it concerns. Requests to the
 * beta endpoint (undo's convertExternalToInternalMemberUser) are not the v1.0 metadata's to judge: the emulator
 * checks them against the rules Learn documents for that action (test/sandbox/graph/convert-to-internal.ts).
 */
export function logContractProblems(log: readonly LoggedGraphRequest[]): string[] {
  return log.filter((r) => !/^\/beta(\/|$)/i.test(r.path)).flatMap((r) => contractProblems({ method: r.method, url: r.path.replace(/^\/v1\.0/i, ''), body: r.body }).map((p) => `${r.method} ${r.path}: ${p}`));
}
