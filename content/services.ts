// What the content script needs from the extension, injected so that every adaptation runs in unit tests with fakes.
import { t } from '../src/i18n';
import type { BroadcastEvent } from '../src/messages';
import { RequestFailed, type RequestFn } from '../src/messaging-client';

export interface Services {
  /** Typed call into the worker. */
  request: RequestFn;
  /** Validated broadcast events from the worker, until the signal aborts. */
  onEvent(listener: (event: BroadcastEvent) => void, signal: AbortSignal): void;
  /** Diagnostics that never reach the page. */
  log(message: string, detail?: unknown): void;
}

export type FailureKind = 'not-ready' | 'invalidated' | 'sign-in' | 'failed';

export interface Failure {
  kind: FailureKind;
  message: string;
  graphCode?: string;
  status?: number;
  requestId?: string;
  /** For `sign-in`: the permission tier to sign in (consent) with. */
  tier?: 'read' | 'invite' | 'write';
}

/** Any error from a request, as something the admin can read (Graph's code kept when Graph was the cause). */
export function describeFailure(error: unknown): Failure {
  if (error instanceof RequestFailed) {
    const e = error.error;
    if (e.code === 'sign-in-required') return { kind: 'sign-in', message: e.message, tier: e.tier ?? 'read', graphCode: e.graphCode, status: e.status };
    const notReady = e.code === 'failed' && /did not answer|not available yet/i.test(e.message);
    return { kind: notReady ? 'not-ready' : 'failed', message: e.message, graphCode: e.graphCode, status: e.status, requestId: e.requestId };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/context invalidated/i.test(message)) {
    return { kind: 'invalidated', message: t('content_failure_invalidated') };
  }
  if (/receiving end does not exist|could not establish connection|message port closed/i.test(message)) {
    return { kind: 'not-ready', message: t('content_failure_notReady') };
  }
  return { kind: 'failed', message };
}
