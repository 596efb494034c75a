// The engine's GraphPort over GraphApi, mirroring graphPort() in background/jobs-service.ts (which cannot
// be imported here: it reaches chrome.* APIs). Keep the two in step: `$batch` via graph.request with the
// Graph layer's retries off (the engine paces, verifies and retries itself), an outer 401/403/429 reported
// per request (refused before anything ran), anything else thrown (unknown outcome); reads by `id in`.
import type { GraphApi } from '../../src/graph/client';
import { GraphApiError } from '../../src/graph/errors';
import { graphPath, inFilter, toUserPage, USER_SELECT } from '../../src/graph/requests';
import type { AuthPort, BatchResponse, GraphPort, NetworkPort, UserState } from '../../src/jobs';

export function graphPort(graph: GraphApi): GraphPort {
  return {
    executeBatch: async (requests) => {
      try {
        const res = await graph.request('POST', '/$batch', { body: { requests } });
        const body = res.body as { responses?: BatchResponse[] } | undefined;
        return body?.responses ?? [];
      } catch (error) {
        if (error instanceof GraphApiError && (error.status === 401 || error.status === 403 || error.status === 429)) {
          const headers: Record<string, string> = error.retryAfterMs !== undefined ? { 'retry-after': String(error.retryAfterMs / 1000) } : {};
          return requests.map((r) => ({ id: r.id, status: error.status, headers, body: { error: { code: error.code, message: error.message } } }));
        }
        throw error;
      }
    },
    readUsersState: async (userIds) => {
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

/** The token the bench signs is valid for the whole run; a renewal request means something is wrong. */
export const staticAuth: AuthPort = {
  renewToken: () => Promise.resolve(false),
};

/** The bench machine is always online. */
export const alwaysOnline: NetworkPort = {
  isOnline: () => true,
  onOnlineChange: () => () => undefined,
};
