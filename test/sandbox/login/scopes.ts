// Scope arithmetic of the login emulator: which requested scopes are OpenID ones, which are Graph ones,
// and which of the Graph ones the tenant has consented to.

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface ScopeRequest {
  /** Requested scopes as given (space separated in the request). */
  requested: string[];
  /** OpenID Connect scopes among them (lower case). */
  oidc: string[];
  /** Graph permission names without the resource prefix (`User.Read.All`); `.default` expanded. */
  graph: string[];
  /** Graph permission name → the form it was requested in (with or without the resource prefix). */
  graphRequestedForm: Map<string, string>;
  /** Requested scopes for some other resource (never consented in the sandbox). */
  foreign: string[];
  /** The request used `https://graph.microsoft.com/.default`. */
  usedDefault: boolean;
}

export function splitScopes(scope: string | null | undefined): string[] {
  return (scope ?? '').split(/[\s+]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Classifies a request's scopes. A bare name (`User.Read`) means Graph, as it does for Entra ID.
 * `consented` is the tenant's consent list (used to expand `.default`).
 */
export function classifyScopes(scope: string | null | undefined, consented: readonly string[]): ScopeRequest {
  const requested = splitScopes(scope);
  const out: ScopeRequest = { requested, oidc: [], graph: [], graphRequestedForm: new Map(), foreign: [], usedDefault: false };
  const consentedGraph = consented.filter((s) => !OIDC_SCOPES.has(s.toLowerCase())).map(stripGraphPrefix);
  for (const raw of requested) {
    const lower = raw.toLowerCase();
    if (OIDC_SCOPES.has(lower)) {
      if (!out.oidc.includes(lower)) out.oidc.push(lower);
      continue;
    }
    const isGraphUrl = lower.startsWith(`${GRAPH_RESOURCE}/`) || lower.startsWith('https://graph.microsoft.com//');
    const looksLikeOtherResource = !isGraphUrl && (lower.includes('://') || lower.startsWith('api:') || lower.includes('/'));
    if (looksLikeOtherResource) {
      out.foreign.push(raw);
      continue;
    }
    const name = stripGraphPrefix(raw);
    if (name.toLowerCase() === '.default') {
      out.usedDefault = true;
      for (const c of consentedGraph) addGraph(out, c, `${GRAPH_RESOURCE}/${c}`);
      continue;
    }
    addGraph(out, name, raw);
  }
  return out;
}

function addGraph(out: ScopeRequest, name: string, form: string) {
  if (out.graph.some((g) => g.toLowerCase() === name.toLowerCase())) return;
  out.graph.push(name);
  out.graphRequestedForm.set(name, form);
}

export function stripGraphPrefix(scope: string): string {
  return scope.replace(/^https:\/\/graph\.microsoft\.com\/+/i, '');
}

/** Graph scopes in the request that the tenant has not consented to. */
export function unconsentedScopes(req: ScopeRequest, consented: readonly string[]): string[] {
  const ok = new Set(consented.map((s) => stripGraphPrefix(s).toLowerCase()));
  return [...req.graph.filter((g) => !ok.has(g.toLowerCase())), ...req.foreign];
}
