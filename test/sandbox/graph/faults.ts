// Injected faults. Each is decided per logical request (a top-level request or one $batch item), so a
// batch can carry a mix of 429s and successes exactly like the real service.
import { GraphError, tooManyRequests } from './errors';
import type { GraphFaults, GraphRequest } from './model';

const BATCH_PATH = /^\/(v1\.0|beta)\/\$batch\/?$/i;
export const isBatchPath = (path: string) => BATCH_PATH.test(path);

const FIVE_XX: Record<number, string> = {
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/** Absent pattern: every leaf request but not the $batch envelope; a pattern matches whatever it matches. */
function matches(pattern: string | undefined, path: string, fallback: boolean): boolean {
  return pattern === undefined ? fallback : new RegExp(pattern, 'i').test(path);
}

export class FaultController {
  private f: GraphFaults = { latencyMs: 0 };
  private throttleSeen = 0;

  set(f: Partial<GraphFaults>): void {
    // Replace, not merge: setFaults({}) is how a test clears everything. Counters restart with the new set.
    for (const p of [f.throttle?.paths, f.fail5xx?.path, f.dropAfterApply?.path]) {
      if (p !== undefined) new RegExp(p); // throws now rather than on the first request
    }
    this.f = structuredClone({ latencyMs: 0, ...f });
    this.throttleSeen = 0;
  }

  get(): GraphFaults {
    return structuredClone(this.f);
  }

  get latencyMs(): number {
    return this.f.latencyMs;
  }

  get expireTokensBefore(): number | undefined {
    return this.f.expireTokensBefore;
  }

  /** A 429, 5xx or per-user refusal to answer instead of handling the request, if a fault says so. */
  beforeHandling(path: string, now: number, req?: Pick<GraphRequest, 'method' | 'body'>): GraphError | undefined {
    const reject = this.f.rejectInvitations;
    if (reject && req?.method.toUpperCase() === 'POST' && /\/invitations\/?$/i.test(path.split('?')[0] ?? '')) {
      const body = req.body as { invitedUser?: { id?: unknown } } | undefined;
      const id = typeof body?.invitedUser?.id === 'string' ? body.invitedUser.id.toLowerCase() : undefined;
      if (id && reject.userIds.some((u) => u.toLowerCase() === id)) return new GraphError(reject.status, reject.code, reject.message);
    }
    const leaf = !isBatchPath(path);
    const t = this.f.throttle;
    if (t && matches(t.paths, path, leaf) && (t.untilMs === undefined || now < t.untilMs)) {
      this.throttleSeen++;
      const n = t.everyNth ?? 1;
      if (n <= 1 || this.throttleSeen % n === 0) return tooManyRequests(t.retryAfterSec, t.fractionalRetryAfter === true);
    }
    const x = this.f.fail5xx;
    if (x && x.count > 0 && matches(x.path, path, leaf)) {
      x.count--;
      return new GraphError(x.status, FIVE_XX[x.status] ?? 'InternalServerError', 'The service is temporarily unavailable. Please retry.');
    }
    return undefined;
  }

  /** Whether to drop the HTTP response after this request's write; consumes one drop. */
  takeDrop(method: string, path: string): boolean {
    const d = this.f.dropAfterApply;
    if (!d || d.count <= 0) return false;
    if (!matches(d.path, path, method.toUpperCase() !== 'GET' && !isBatchPath(path))) return false;
    d.count--;
    return true;
  }
}
