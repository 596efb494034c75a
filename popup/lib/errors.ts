// Turning a failed request into words: Graph's own code first (support searches for it), then the message.
import type { ProtocolError } from '../../src/messages';
import { RequestFailed } from '../../src/messaging-client';

/**
 * PROPOSED protocol addition (not yet in src/messages.ts): when the worker needs the admin to sign in again
 * (consent for a broader tier, expired session), it says so in a structured way instead of only in words.
 */
export type UiProtocolError = ProtocolError & { signIn?: { problem: string; tier?: 'read' | 'invite' | 'write' } };

export function errorOf(e: unknown): UiProtocolError {
  if (e instanceof RequestFailed) return e.error as UiProtocolError;
  if (e && typeof e === 'object' && 'error' in e && typeof (e as { error: unknown }).error === 'object') {
    const inner = (e as { error: Partial<UiProtocolError> }).error;
    if (typeof inner.message === 'string') return { code: inner.code ?? 'failed', ...inner } as UiProtocolError;
  }
  return { code: 'failed', message: e instanceof Error ? e.message : String(e) };
}

/** One line for the admin: "Authorization_RequestDenied: Insufficient privileges… (request id …)". */
export function describeError(e: unknown): string {
  const err = errorOf(e);
  const code = err.graphCode ? `${err.graphCode}: ` : '';
  const status = err.status && !err.graphCode ? `HTTP ${err.status}: ` : '';
  const rid = err.requestId ? ` (request id ${err.requestId})` : '';
  return `${code}${status}${err.message}${rid}`;
}

const CONSENT_CODES = new Set(['consent-required', 'consent_required', 'AADSTS65001', 'Authorization_RequestDenied']);

/** Whether signing in again with a broader tier could fix this failure (missing consent for that tier). */
export function needsConsent(e: unknown): boolean {
  const err = errorOf(e);
  if (err.signIn?.problem === 'consent-required') return true;
  if (err.graphCode && CONSENT_CODES.has(err.graphCode)) return true;
  return /consent|more permissions/i.test(err.message);
}

/** Whether the failure means "nobody is signed in / the session ended". */
export function needsSignIn(e: unknown): boolean {
  const err = errorOf(e);
  if (err.signIn && err.signIn.problem !== 'consent-required') return true;
  return err.graphCode === 'login-required' || /^sign in (again )?to continue/i.test(err.message);
}
