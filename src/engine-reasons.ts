// The job engine's own reasons (status 0, a code of ours) in the admin's language. The engine stores its reasons in
// English with a stable code (src/jobs is language-free: a job outlives a change of browser language); the views
// translate at display time from the code. Graph's answers (status > 0) get Graph's advice instead.
import { adviceForGraphError } from './graph/errors';
import type { GraphError } from './graph/http';
import { t, type MessageKey } from './i18n';

const ENGINE_REASONS: Readonly<Record<string, MessageKey>> = {
  AlreadyExternal: 'engine_alreadyExternal',
  DuplicateUser: 'engine_duplicateUser',
  InvalidEmail: 'engine_invalidEmail',
  NoResponse: 'engine_noResponse',
  MissingBatchResponse: 'engine_noResponse',
  OutcomeNotApplied: 'engine_outcomeNotApplied',
  PasswordGone: 'engine_passwordGone',
  SignedInAdmin: 'engine_signedInAdmin',
  Unauthorized: 'engine_unauthorized',
  VerifyUnavailable: 'engine_verifyUnavailable',
};

/** What to show for a reason the engine recorded: our code's sentence, Graph's advice, or the message as written. */
export function reasonText(reason: Pick<GraphError, 'status' | 'code' | 'message'>): string {
  if (reason.status > 0 || reason.code === 'NetworkError') return adviceForGraphError({ ...reason });
  const key = Object.hasOwn(ENGINE_REASONS, reason.code) ? ENGINE_REASONS[reason.code] : undefined;
  return key ? t(key) : reason.message;
}
