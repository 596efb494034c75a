// The worker's only door: every runtime message is sender-classified and schema-checked, then dispatched
// to one typed handler. Handler errors become a typed failure reply; nothing throws across the boundary.
import { describeGraphError } from '../src/graph/errors';
import { isGraphError } from '../src/graph/http';
import { SignInRequired } from './auth/auth-service';
import { isAdminCenterOrigin, isReactViewFrameOrigin } from '../src/clouds';
import type { ExtensionPort, MessagingPort } from './worker-ports';
import {
  classifySender,
  parseRequest,
  type Operation,
  type ProtocolError,
  type Reply,
  type RequestOf,
  type ResponseMap,
} from '../src/messages';

export interface CallContext {
  kind: 'content' | 'extension-page';
  tabId?: number;
  frameId?: number;
  url: string;
  /** The sending document's origin, as the browser reports it. */
  origin: string;
}

export type Handlers = { [O in Operation]: (payload: RequestOf<O>, ctx: CallContext) => Promise<ResponseMap[O]> };

/** Errors that know how to present themselves to the admin (Graph failures, sign-in needed...). */
export function toProtocolError(error: unknown): ProtocolError {
  if (error instanceof SignInRequired) {
    return { code: 'sign-in-required', message: error.message, ...(error.detail.code ? { graphCode: error.detail.code } : {}), ...(error.tier ? { tier: error.tier } : {}) };
  }
  if (isGraphError(error)) {
    return { code: 'failed', message: describeGraphError(error), graphCode: error.code, status: error.status, ...(error.requestId ? { requestId: error.requestId } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'failed', message };
}

const isPortalOrigin = (origin: string) => isAdminCenterOrigin(origin) || isReactViewFrameOrigin(origin);

export function listen(handlers: Handlers, ports: { messaging: Pick<MessagingPort, 'onRequest'>; extension: ExtensionPort }): void {
  ports.messaging.onRequest((raw, sender, sendResponse) => {
    // Messages aimed at the offscreen MSAL host also reach us; they are not ours to answer.
    if (raw && typeof raw === 'object' && 'target' in raw) return false;
    // Firefox's extension origin is moz-extension://<per-profile uuid>, not the extension id: the port says which.
    const kind = classifySender(sender, ports.extension.id, isPortalOrigin, ports.extension.origin);
    const parsed = parseRequest(raw, kind);
    if (!parsed.ok) {
      sendResponse({ ok: false, error: parsed.error } satisfies Reply<never>);
      return false;
    }
    const ctx: CallContext = { kind: kind!, tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url ?? '', origin: sender.origin ?? new URL(sender.url!).origin };
    const handler = handlers[parsed.op] as (payload: unknown, ctx: CallContext) => Promise<unknown>;
    handler(parsed.payload, ctx).then(
      (value) => sendResponse({ ok: true, value: value ?? null }),
      (error: unknown) => sendResponse({ ok: false, error: toProtocolError(error) }),
    );
    return true;
  });
}
