// The job engine's GraphPort over the Graph layer — the one the worker runs and the benchmark measures.
// `$batch` goes through GraphApi.request with the Graph layer's retries off (the engine paces, verifies and
// retries itself); a batch refused as a whole before anything ran (outer 401/403/429) is reported per
// request, as the engine expects; anything else (5xx, no answer) is thrown: an unknown outcome. Retry-After is
// read here, once, into each response's retryAfterMs (src/graph/http.ts).
import type { GraphApi } from './graph/client';
import { GraphApiError, retryAfterOf } from './graph/http';
import { graphPath, inFilter, toUserPage, USER_SELECT } from './graph/queries';
import type { BatchResponse, GraphPort, UserState } from './jobs';

/**
 * What a batch needs of its client: the invite or write tier's token (v1.0), the read tier's, or — for an undo job's
 * batches, sent to beta — a client on the beta endpoint with the undo feature's token.
 */
export type JobGraphNeed = 'invite' | 'write' | 'read' | 'undo';

/** `graphFor(need)` gives a GraphApi whose token carries what the requests need, on the version they are for. */
export function jobsGraphPort(graphFor: (need: JobGraphNeed) => Promise<GraphApi>): GraphPort {
  return {
    executeBatch: async (requests, version = 'v1.0') => {
      // convertExternalToInternalMemberUser is beta only, and needs the undo permission; PATCHes (otherMails, userType)
      // need the write tier; invitations the invite tier.
      const need: JobGraphNeed = version === 'beta' ? 'undo' : requests.some((r) => r.method === 'PATCH') ? 'write' : 'invite';
      const graph = await graphFor(need);
      try {
        const res = await graph.request('POST', '/$batch', { body: { requests } });
        const body = res.body as { responses?: BatchResponse[] } | undefined;
        const now = graph.now();
        return (body?.responses ?? []).map((r) => {
          const retryAfterMs = retryAfterOf(r.headers, now);
          return retryAfterMs === undefined ? r : { ...r, retryAfterMs };
        });
      } catch (error) {
        if (error instanceof GraphApiError && (error.status === 401 || error.status === 403 || error.status === 429)) {
          const refused = { status: error.status, headers: {}, body: { error: { code: error.code, message: error.message } } };
          return requests.map((r) => ({ id: r.id, ...refused, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) }));
        }
        throw error;
      }
    },
    readUsersState: async (userIds) => {
      const graph = await graphFor('read');
      const res = await graph.request('GET', graphPath('/users', [['$filter', inFilter('id', userIds)], ['$select', USER_SELECT]]));
      const found = new Map(toUserPage(res.body).value.map((u) => [u.id.toLowerCase(), u]));
      const out = new Map<string, UserState | null>();
      for (const id of userIds) {
        const u = found.get(id.toLowerCase());
        out.set(id, u ? { externalUserState: u.externalUserState, otherMails: u.otherMails, userType: u.userType, mail: u.mail } : null);
      }
      return out;
    },
  };
}
