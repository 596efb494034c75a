// Turning a failed request into words: Graph's own code first (support searches for it), then the message.
import type { ProtocolError } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';
import { t } from '../../src/i18n';

export type UiProtocolError = ProtocolError;

export function errorOf(e: unknown): UiProtocolError {
  if (e instanceof RequestFailed) return e.error as UiProtocolError;
  if (e && typeof e === 'object' && 'error' in e && typeof (e as { error: unknown }).error === 'object') {
    const inner = (e as { error: Partial<UiProtocolError> }).error;
    if (typeof inner.message === 'string') return { code: inner.code ?? 'failed', ...inner } as UiProtocolError;
  }
  return { code: 'failed', message: e instanceof Error ? e.message : String(e) };
}

/** One line for the admin: "Authorization_RequestDenied: Insufficient privileges… (request ID …)". */
export function describeError(e: unknown): string {
  const err = errorOf(e);
  // Graph's code and the request id stay verbatim (support searches for them); the words around them are ours.
  const code = err.graphCode ? `${err.graphCode}: ` : '';
  const status = err.status && !err.graphCode ? `HTTP ${err.status}: ` : '';
  const text = `${code}${status}${err.message}`;
  return err.requestId ? t('error_withRequestId', { error: text, id: err.requestId }) : text;
}

const CONSENT_CODES = new Set(['consent-required', 'consent_required', 'AADSTS65001', 'AADSTS90094', 'AADSTS90008']);

/**
 * Whether signing in again could fix this failure: the worker says `sign-in-required` (with the tier whose
 * permissions are missing), or a consent error code came through.
 */
export function needsConsent(e: unknown): boolean {
  const err = errorOf(e);
  if (err.code === 'sign-in-required') return true;
  if (err.graphCode && CONSENT_CODES.has(err.graphCode)) return true;
  return /consent|more permissions/i.test(err.message);
}

/** The tier to sign in with after `needsConsent`: the worker's when it named one, else `fallback`. */
export function consentTier(e: unknown, fallback: 'read' | 'invite' | 'write'): 'read' | 'invite' | 'write' {
  return errorOf(e).tier ?? fallback;
}
