// GraphApi: the typed reads the product needs, over an injected Transport. All retrying happens here (and only
// here): per request for 429/503/504 (+5xx/no-response for reads), per $batch item for throttled items (batch.ts),
// and one token renewal on 401. Time is injected (sleep/now/random) so tests run instantly. Writes go out in the job
// engine's own $batch calls (src/jobs-graph-port.ts), through request().
import { GRAPH_API_VERSION, graphApiRoot, type Cloud } from '../clouds';
import type { GraphUser } from '../users';
import { toGraphUser } from '../users';
import { sendBatches, type BatchItemResult, type BatchRequest } from './batch';
import { toGraphError } from './errors';
import { GraphApiError, graphErrorFromResponse, isSuccess, networkError, type GraphError, type HttpMethod } from './http';
import {
  chunk,
  listUsersPath,
  mePath,
  MAX_IN_VALUES,
  roleAssignmentsOfRolesPath,
  toPage,
  toRoleAssignment,
  toUserPage,
  usersByIdsPaths,
  type ListUsersQuery,
  type RoleAssignmentSource,
} from './queries';
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs, type RetryNotice, type RetryPolicy } from './retry';
import { stoppableSleep, stoppableTransport } from './stop';
import type { Transport, TransportRequest, TransportResponse } from './transport';

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

export interface UsersByIdsResult {
  /** Found users by the id Graph returned. */
  users: Map<string, GraphUser>;
  /** Requested ids Graph did not return: deleted (or never existed). */
  notFound: string[];
  /** Requested ids whose lookup failed: their state is unknown. */
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

export class GraphApi {
  private readonly transport: Transport;
  private readonly apiRoot: string;
  private readonly apiOrigin: string;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The client's clock (Retry-After dates are relative to it). */
  readonly now: () => number;
  private readonly random: () => number;
  private readonly renewToken: (() => Promise<void>) | undefined;
  private readonly policy: RetryPolicy;
  private readonly onRetry: ((n: RetryNotice) => void) | undefined;
  /** Shared renewal so that many requests failing with 401 at once renew the token once. */
  private renewal: Promise<void> | undefined;

  constructor(private readonly options: GraphApiOptions) {
    const o = options;
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

  /**
   * The same client, stopped when `signal` aborts: no further request, no further wait before a retry (stop.ts). For
   * parallel reads that serve one answer: when one fails, the others stop.
   */
  stoppedBy(signal: AbortSignal): GraphApi {
    return new GraphApi({ ...this.options, transport: stoppableTransport(this.options.transport, signal), sleep: stoppableSleep(this.options.sleep, signal) });
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

  async getJson(pathOrUrl: string, headers?: Record<string, string>): Promise<unknown> {
    return (await this.request('GET', pathOrUrl, headers === undefined ? {} : { headers })).body;
  }

  // ---- Users ----------------------------------------------------------------------------------------------

  /** The signed-in user. */
  async me(): Promise<GraphUser> {
    const user = toGraphUser(await this.getJson(mePath()));
    if (user === undefined) throw new GraphApiError({ status: 200, code: 'UnexpectedResponse', message: 'GET /me returned no user id.' });
    return user;
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
  async collect<T>(firstPage: unknown, map: (raw: unknown) => T | undefined): Promise<T[]> {
    let page = toPage(firstPage, map);
    const out = [...page.value];
    while (page.nextLink !== undefined) {
      page = toPage(await this.getJson(page.nextLink), map);
      out.push(...page.value);
    }
    return out;
  }

  // ---- Tenant ---------------------------------------------------------------------------------------------

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

  // ---- JSON batching --------------------------------------------------------------------------------------

  /**
   * Send any number of requests as $batch calls of at most 20, one result per request in input order; throttled
   * items are re-sent after Graph's Retry-After (batch.ts).
   */
  batch(requests: readonly BatchRequest[]): Promise<BatchItemResult[]> {
    return sendBatches(requests, {
      request: (method, url, init) => this.request(method, url, init),
      now: () => this.now(),
      sleep: (ms) => this.sleep(ms),
      random: () => this.random(),
      policy: this.policy,
      onRetry: this.onRetry,
    });
  }
}
