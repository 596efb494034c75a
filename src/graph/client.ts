// GraphApi: the typed operations the product needs, over an injected Transport. All retrying happens here
// (and only here): per request for 429/503/504 (+5xx/no-response for reads), per $batch item for throttled
// items, and one token renewal on 401. Time is injected (sleep/now/random) so tests run instantly.
import { GRAPH_API_VERSION, graphApiRoot, type Cloud } from '../clouds';
import { PRIVILEGED_ROLE_TEMPLATE_IDS } from '../eligibility';
import type { GraphUser } from '../users';
import { toGraphUser } from '../users';
import { GraphApiError, graphErrorFromResponse, networkError, toGraphError, type GraphError } from './errors';
import {
  MAX_BATCH_REQUESTS,
  buildBatchBody,
  chunk,
  listUsersPath,
  mapBatchResponse,
  mePath,
  organizationDomainsPath,
  roleAssignmentsForPrincipalPath,
  roleAssignmentsForRolePath,
  roleAssignmentsOfRolesPath,
  MAX_IN_VALUES,
  type RoleAssignmentSource,
  toInvitation,
  toPage,
  toRoleAssignment,
  toUserPage,
  toVerifiedDomains,
  userPath,
  usersByIdsPaths,
  type BatchItem,
  type BatchItemResult,
  type InvitationBody,
  type Invitation,
  type ListUsersQuery,
  type RoleAssignment,
} from './requests';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, type RetryPolicy } from './retry';
import type { HttpMethod, Transport, TransportRequest, TransportResponse } from './transport';

export interface RetryNotice {
  method: HttpMethod;
  url: string;
  status: number;
  code: string;
  /** 1-based number of the attempt that failed. */
  attempt: number;
  delayMs: number;
  /** Set when the retry concerns one item of a $batch. */
  batchItemId?: string;
}

export interface GraphApiOptions {
  transport: Transport;
  /** Cloud whose Graph host to call; default Global. */
  cloud?: Cloud;
  /** Versioned Graph root override (e.g. an emulator); default `https://<cloud graph host>/v1.0`. */
  apiRoot?: string;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** Jitter source in [0,1); default Math.random. */
  random?: () => number;
  /** Called once when Graph answers 401; the request is then repeated once. */
  renewToken?: () => Promise<void>;
  retry?: Partial<RetryPolicy>;
  /** Observes every wait before a retry (for "throttled, waiting N s" in the UI and for logs). */
  onRetry?: (notice: RetryNotice) => void;
}

export interface RequestInit {
  headers?: Record<string, string>;
  body?: unknown;
  /** Retry 500/502/no-response too, although the method is not GET (e.g. a $batch of reads). */
  idempotent?: boolean;
}

/** One request of `batch()`; the id is optional (assigned from the position) but must be unique if given. */
export type BatchRequest = Omit<BatchItem, 'id'> & { id?: string };

export interface UsersByIdsResult {
  /** Found users by the id Graph returned. */
  users: Map<string, GraphUser>;
  /** Requested ids Graph did not return: deleted (or never existed). */
  notFound: string[];
  /** Requested ids whose lookup failed: their state is unknown. */
  failed: Map<string, GraphError>;
}

export interface RoleAssignmentsResult {
  /** Direct role assignments per requested principal id (empty array = none). */
  assignments: Map<string, RoleAssignment[]>;
  /** Principals whose lookup failed: treat their roles as unknown, never as "none". */
  failed: Map<string, GraphError>;
}

export interface DirectoryRolesResult {
  /** Role definition ids held, by lower-case principal id (every principal read; none = empty array). */
  roles: Map<string, string[]>;
  /**
   * Graph refused the read (403): the signed-in admin may not read role assignments (or the scope was not granted).
   * The roles are then unknown, never "none".
   */
  denied?: GraphError;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** $batch calls of reads in flight at once: Graph throttles per app and tenant, a handful is polite. */
const READ_BATCH_CONCURRENCY = 4;

export class GraphApi {
  private readonly transport: Transport;
  private readonly apiRoot: string;
  private readonly apiOrigin: string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly renewToken: (() => Promise<void>) | undefined;
  private readonly policy: RetryPolicy;
  private readonly onRetry: ((n: RetryNotice) => void) | undefined;
  /** Shared renewal so that many requests failing with 401 at once renew the token once. */
  private renewal: Promise<void> | undefined;

  constructor(o: GraphApiOptions) {
    this.transport = o.transport;
    this.apiRoot = (o.apiRoot ?? graphApiRoot(o.cloud ?? 'Global', GRAPH_API_VERSION)).replace(/\/+$/, '');
    this.apiOrigin = new URL(this.apiRoot).origin;
    this.sleep = o.sleep;
    this.now = o.now;
    this.random = o.random ?? Math.random;
    this.renewToken = o.renewToken;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...(o.retry ?? {}) };
    this.onRetry = o.onRetry;
  }

  /** Absolute URL for a version-relative path; absolute URLs (nextLinks) must stay on our Graph origin. */
  private absolute(pathOrUrl: string): string {
    if (/^https?:\/\//i.test(pathOrUrl)) {
      // A nextLink pointing elsewhere would receive the bearer token: refuse it.
      if (new URL(pathOrUrl).origin !== this.apiOrigin) throw new GraphApiError({ status: 0, code: 'UnexpectedHost', message: `Refusing to follow a link to ${new URL(pathOrUrl).origin}` });
      return pathOrUrl;
    }
    return `${this.apiRoot}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
  }

  private async renew(): Promise<void> {
    if (this.renewToken === undefined) return;
    this.renewal ??= this.renewToken().finally(() => {
      this.renewal = undefined;
    });
    await this.renewal;
  }

  /**
   * Send one request with the retry rules; resolves with a 2xx response, otherwise throws GraphApiError
   * carrying Graph's code.
   */
  async request(method: HttpMethod, pathOrUrl: string, init: RequestInit = {}): Promise<TransportResponse> {
    const req: TransportRequest = { method, url: this.absolute(pathOrUrl), headers: { ...(init.headers ?? {}) } };
    if (init.body !== undefined) {
      req.body = init.body;
      if (!Object.keys(req.headers).some((h) => h.toLowerCase() === 'content-type')) req.headers['Content-Type'] = 'application/json';
    }
    const retryMethod: HttpMethod = init.idempotent === true ? 'GET' : method;
    let renewed = false;
    /** Graph's own error answer to an earlier attempt. */
    let answered: GraphError | undefined;
    for (let attempt = 1; ; attempt++) {
      let res: TransportResponse;
      let err: GraphError;
      try {
        res = await this.transport.send(req);
      } catch (e) {
        err = networkError(e);
        if (this.canRetry(0, retryMethod, attempt)) {
          await this.wait(req, err, attempt, undefined);
          continue;
        }
        // Chromium throttles an extension's requests to a URL that keeps answering 500/503: the retry then fails
        // without a response (net::ERR_TEMPORARILY_THROTTLED, a bare "Failed to fetch"). For a read, Graph's own
        // answer is the one to report ("ServiceUnavailable, HTTP 503"), not "could not be reached". A write keeps
        // the network error: its last attempt may have been applied.
        throw new GraphApiError(retryMethod === 'GET' && answered !== undefined ? answered : err);
      }
      if (isSuccess(res.status)) return res;
      if (res.status === 401 && this.renewToken !== undefined && !renewed) {
        // An expired token is not a failure of this attempt: renew once and repeat it.
        renewed = true;
        attempt--;
        await this.renew();
        continue;
      }
      err = graphErrorFromResponse(res.status, res.headers, res.body, this.now());
      answered = err;
      if (this.canRetry(res.status, retryMethod, attempt)) {
        await this.wait(req, err, attempt, undefined);
        continue;
      }
      throw new GraphApiError(err);
    }
  }

  private canRetry(status: number, method: HttpMethod, attempt: number): boolean {
    return attempt < this.policy.maxAttempts && isRetryableStatus(status, method);
  }

  private async wait(req: TransportRequest, err: GraphError, attempt: number, batchItemId: string | undefined): Promise<void> {
    const delayMs = retryDelayMs(attempt - 1, err.retryAfterMs, this.policy, this.random);
    const notice: RetryNotice = { method: req.method, url: req.url, status: err.status, code: err.code, attempt, delayMs };
    if (batchItemId !== undefined) notice.batchItemId = batchItemId;
    this.onRetry?.(notice);
    await this.sleep(delayMs);
  }

  private async getJson(pathOrUrl: string, headers?: Record<string, string>): Promise<unknown> {
    return (await this.request('GET', pathOrUrl, headers === undefined ? {} : { headers })).body;
  }

  // ---- Users ----------------------------------------------------------------------------------------------

  /** The signed-in user. */
  async me(): Promise<GraphUser> {
    const user = toGraphUser(await this.getJson(mePath()));
    if (user === undefined) throw new GraphApiError({ status: 200, code: 'UnexpectedResponse', message: 'GET /me returned no user id.' });
    return user;
  }

  /** One user, or undefined when it does not exist (404). */
  async getUser(id: string): Promise<GraphUser | undefined> {
    try {
      return toGraphUser(await this.getJson(userPath(id)));
    } catch (e) {
      if (e instanceof GraphApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Pages of users, following @odata.nextLink until the collection ends. */
  async *listUsers(q: ListUsersQuery & { advancedQuery?: boolean } = {}): AsyncGenerator<GraphUser[], void, undefined> {
    let url: string | undefined = listUsersPath(q);
    // ne/not/endsWith need Graph's advanced query mode: ConsistencyLevel: eventual plus $count=true.
    const headers = q.advancedQuery === true ? { ConsistencyLevel: 'eventual' } : undefined;
    if (q.advancedQuery === true) url += '&$count=true';
    while (url !== undefined) {
      const page = toUserPage(await this.getJson(url, headers));
      yield page.value;
      url = page.nextLink;
    }
  }

  /**
   * Users by object id: `id in (...)` filters of 15 ids, packed 20 per $batch, so N ids cost
   * ceil(N / 300) round trips (plus retries of throttled items).
   */
  async getUsersByIds(ids: readonly string[]): Promise<UsersByIdsResult> {
    const distinct = [...new Set(ids)];
    const chunks = chunk(distinct, 15);
    const paths = usersByIdsPaths(distinct);
    const results = await this.batch(paths.map((url) => ({ method: 'GET' as const, url })));
    const users = new Map<string, GraphUser>();
    const failed = new Map<string, GraphError>();
    for (const [i, r] of results.entries()) {
      const idsOfChunk = chunks[i] ?? [];
      if (r.error !== undefined) {
        for (const id of idsOfChunk) failed.set(id, r.error);
        continue;
      }
      try {
        for (const u of await this.collect(r.body, toGraphUser)) users.set(u.id, u);
      } catch (e) {
        for (const id of idsOfChunk) failed.set(id, toGraphError(e, this.now()));
      }
    }
    const found = new Set([...users.keys()].map((k) => k.toLowerCase()));
    const notFound = distinct.filter((id) => !failed.has(id) && !found.has(id.toLowerCase()));
    return { users, notFound, failed };
  }

  /** All items of a collection whose first page we already have. */
  private async collect<T>(firstPage: unknown, map: (raw: unknown) => T | undefined): Promise<T[]> {
    let page = toPage(firstPage, map);
    const out = [...page.value];
    while (page.nextLink !== undefined) {
      page = toPage(await this.getJson(page.nextLink), map);
      out.push(...page.value);
    }
    return out;
  }

  /** PATCH /users/{id} (otherMails, userType); Graph answers 204. */
  async patchUser(id: string, body: Record<string, unknown>): Promise<void> {
    await this.request('PATCH', `/users/${encodeURIComponent(id)}`, { body });
  }

  // ---- Invitations ----------------------------------------------------------------------------------------

  /** POST /invitations. Refuses a body without invitedUser.id: Graph would then try to create a new user. */
  async invite(body: InvitationBody): Promise<Invitation> {
    if (typeof body.invitedUser?.id !== 'string' || body.invitedUser.id === '') {
      throw new GraphApiError({ status: 0, code: 'InvitedUserIdMissing', message: 'The invitation body has no invitedUser.id.' });
    }
    const res = await this.request('POST', '/invitations', { body });
    const inv = toInvitation(res.body);
    if (inv === undefined) throw new GraphApiError({ status: res.status, code: 'UnexpectedResponse', message: 'POST /invitations returned no invitation.' });
    return inv;
  }

  // ---- Tenant ---------------------------------------------------------------------------------------------

  /** Verified domain names of the tenant, lower-cased. */
  async verifiedDomains(): Promise<string[]> {
    return toVerifiedDomains(await this.getJson(organizationDomainsPath()));
  }

  /**
   * Direct directory role assignments of each principal: one `principalId eq` request per principal (the
   * filter Graph documents for roleAssignments; `in` is not), 20 per $batch.
   */
  async roleAssignmentsFor(principalIds: readonly string[]): Promise<RoleAssignmentsResult> {
    const distinct = [...new Set(principalIds)];
    const results = await this.batch(distinct.map((id) => ({ method: 'GET' as const, url: roleAssignmentsForPrincipalPath(id) })));
    const assignments = new Map<string, RoleAssignment[]>();
    const failed = new Map<string, GraphError>();
    for (const [i, r] of results.entries()) {
      const id = distinct[i];
      if (id === undefined) continue;
      if (r.error !== undefined) {
        failed.set(id, r.error);
        continue;
      }
      try {
        assignments.set(id, await this.collect(r.body, toRoleAssignment));
      } catch (e) {
        failed.set(id, toGraphError(e, this.now()));
      }
    }
    return { assignments, failed };
  }

  /**
   * Who holds the given roles: `roleDefinitionId in` reads of 15 roles, all in one $batch call, so the cost does not
   * grow with the number of users checked. A 403 is reported as `denied` (roles unknown, never "none"); any other
   * failure is thrown. Principals may be groups (role-assignable groups); their members are not expanded.
   */
  async directoryRoleHolders(roleIds: readonly string[], source: RoleAssignmentSource = 'roleAssignments'): Promise<DirectoryRolesResult> {
    const distinct = [...new Set(roleIds.map((r) => r.toLowerCase()))];
    const roles = new Map<string, string[]>();
    const results = await this.batch(chunk(distinct, MAX_IN_VALUES).map((c) => ({ method: 'GET' as const, url: roleAssignmentsOfRolesPath(c, source) })));
    for (const r of results) {
      if (r.error !== undefined) {
        if (r.status === 403) return { roles: new Map(), denied: r.error };
        throw new GraphApiError(r.error);
      }
      for (const a of await this.collect(r.body, toRoleAssignment)) {
        const key = a.principalId.toLowerCase();
        const held = roles.get(key) ?? [];
        if (!held.includes(a.roleDefinitionId.toLowerCase())) held.push(a.roleDefinitionId.toLowerCase());
        roles.set(key, held);
      }
    }
    return { roles };
  }

  /**
   * Principal id → privileged role template ids it holds directly. One `roleDefinitionId eq` request per
   * role in a single $batch: constant cost however many users are checked. Fails as a whole if any role
   * could not be read, because an incomplete list would let an administrator pass as an ordinary user.
   * Principals may be groups (role-assignable groups); their members are not expanded.
   */
  async privilegedRoleHolders(roleTemplateIds: readonly string[] = PRIVILEGED_ROLE_TEMPLATE_IDS): Promise<Map<string, string[]>> {
    const results = await this.batch(roleTemplateIds.map((id) => ({ method: 'GET' as const, url: roleAssignmentsForRolePath(id) })));
    const holders = new Map<string, string[]>();
    for (const r of results) {
      if (r.error !== undefined) throw new GraphApiError(r.error);
      for (const a of await this.collect(r.body, toRoleAssignment)) {
        const roles = holders.get(a.principalId) ?? [];
        if (!roles.includes(a.roleDefinitionId)) roles.push(a.roleDefinitionId);
        holders.set(a.principalId, roles);
      }
    }
    return holders;
  }

  // ---- JSON batching --------------------------------------------------------------------------------------

  /**
   * Send any number of requests as $batch calls of at most 20, returning one result per request in input
   * order. Items answered 429/503/504 (and, for GETs, 5xx/missing) are re-sent in a later batch after the
   * longest Retry-After among them (or a backoff), up to the policy's attempts; then their failure is
   * returned, not thrown. A failing outer $batch call marks all its items failed.
   */
  async batch(requests: readonly BatchRequest[]): Promise<BatchItemResult[]> {
    const items: BatchItem[] = requests.map((r, i) => ({ ...r, id: r.id ?? String(i + 1) }));
    if (new Set(items.map((i) => i.id)).size !== items.length) throw new RangeError('batch request ids must be unique');
    if (items.some((i) => (i.dependsOn ?? []).length > 0) && items.length > MAX_BATCH_REQUESTS) {
      // Dependencies cannot span two $batch calls.
      throw new RangeError(`requests with dependsOn must fit in one batch of ${MAX_BATCH_REQUESTS}`);
    }
    const results: BatchItemResult[] = new Array<BatchItemResult>(items.length);
    const attempts = new Array<number>(items.length).fill(0);
    let pending = items.map((_, i) => i);
    let round = 0;
    while (pending.length > 0) {
      const retry: number[] = [];
      let waitMs = 0;
      let longest: { err: GraphError; id: string; method: HttpMethod; url: string } | undefined;
      const sendGroup = async (group: number[]): Promise<void> => {
        const inGroup = new Set(group.map((i) => items[i]?.id));
        const sent = group.map((i) => {
          const it = items[i] as BatchItem;
          // On a retry round a dependency may have succeeded earlier and not be re-sent: drop that edge.
          const dependsOn = (it.dependsOn ?? []).filter((d) => inGroup.has(d));
          return dependsOn.length > 0 ? { ...it, dependsOn } : { ...it, dependsOn: undefined };
        });
        const allReads = sent.every((s) => s.method === 'GET');
        let mapped: BatchItemResult[];
        try {
          const res = await this.request('POST', '/$batch', { body: buildBatchBody(sent), idempotent: allReads });
          mapped = mapBatchResponse(sent, res.body, this.now());
        } catch (e) {
          const err = toGraphError(e, this.now());
          mapped = sent.map((s) => ({ id: s.id, status: err.status, headers: {}, body: undefined, error: err }));
          for (const [k, i] of group.entries()) results[i] = mapped[k] as BatchItemResult;
          return;
        }
        for (const [k, i] of group.entries()) {
          const r = mapped[k] as BatchItemResult;
          const it = items[i] as BatchItem;
          attempts[i] = (attempts[i] ?? 0) + 1;
          results[i] = r;
          if (r.error !== undefined && (attempts[i] ?? 0) < this.policy.maxAttempts && isRetryableStatus(r.status, it.method)) {
            retry.push(i);
            const d = retryDelayMs(round, r.retryAfterMs, this.policy, this.random);
            if (longest === undefined || d > waitMs) longest = { err: r.error, id: it.id, method: it.method, url: it.url };
            waitMs = Math.max(waitMs, d);
          }
        }
      };
      const groups = chunk(pending, MAX_BATCH_REQUESTS);
      // Reads go a few $batch calls at a time (a 10,000-user pre-flight is 34 calls: not one after another);
      // writes stay one at a time, in order.
      const parallel = groups.every((g) => g.every((i) => items[i]?.method === 'GET')) ? READ_BATCH_CONCURRENCY : 1;
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < groups.length) await sendGroup(groups[next++] as number[]);
      };
      await Promise.all(Array.from({ length: Math.min(parallel, groups.length) }, lane));
      if (retry.length > 0 && longest !== undefined) {
        this.onRetry?.({
          method: longest.method,
          url: longest.url,
          status: longest.err.status,
          code: longest.err.code,
          attempt: round + 1,
          delayMs: waitMs,
          batchItemId: longest.id,
        });
        await this.sleep(waitMs);
      }
      pending = retry;
      round++;
    }
    return results;
  }
}
