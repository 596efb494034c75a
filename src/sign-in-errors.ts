// What went wrong with a sign-in, in words an admin can act on. Pure: the worker feeds it the redirect URL
// that launchWebAuthFlow returned, or the error launchWebAuthFlow threw.
import { t } from './i18n';

export type SignInProblem =
  | 'cancelled'
  | 'consent-required'
  | 'login-required'
  | 'wrong-redirect'
  | 'not-configured'
  | 'failed';

export interface SignInError {
  problem: SignInProblem;
  /** The AADSTS code when the authority gave one. */
  code?: string;
  message: string;
}

/** AADSTS codes that mean "consent for these permissions is missing". */
const CONSENT_CODES = new Set(['AADSTS65001', 'AADSTS90094', 'AADSTS90008']);
/** The user closed or declined the prompt. */
const DECLINED_CODES = new Set(['AADSTS65004', 'AADSTS50126_cancel']);
/** Silent renewal impossible: the browser's sign-in session is gone. */
const LOGIN_REQUIRED_CODES = new Set(['AADSTS50058', 'AADSTS50076', 'AADSTS50079', 'AADSTS160021']);

function aadstsCode(description: string): string | undefined {
  return /AADSTS\d{5,6}/.exec(description)?.[0];
}

/** Reads `error`/`error_description` from a redirect URL's fragment or query; undefined when it carries none. */
export function signInErrorFromRedirect(responseUrl: string): SignInError | undefined {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    return { problem: 'failed', message: t('error_signIn_unreadableRedirect') };
  }
  const params = new URLSearchParams(url.hash.replace(/^#/, ''));
  const error = params.get('error') ?? url.searchParams.get('error');
  if (!error) return undefined;
  const description = params.get('error_description') ?? url.searchParams.get('error_description') ?? '';
  return classify(error, description);
}

export function classify(error: string, description: string): SignInError {
  const code = aadstsCode(description);
  if ((code && CONSENT_CODES.has(code)) || error === 'consent_required') {
    return {
      problem: 'consent-required',
      code: code ?? error,
      message: t('error_signIn_consentRequired'),
    };
  }
  if ((code && DECLINED_CODES.has(code)) || error === 'access_denied') {
    return { problem: 'cancelled', code: code ?? error, message: t('error_signIn_cancelled') };
  }
  if ((code && LOGIN_REQUIRED_CODES.has(code)) || error === 'login_required' || error === 'interaction_required') {
    return { problem: 'login-required', code: code ?? error, message: t('error_signIn_sessionEnded') };
  }
  const detail = description.split(/\r?\n/)[0]?.slice(0, 300) ?? '';
  // The authority's own description stays verbatim (it is what Microsoft's documentation and support search for).
  return { problem: 'failed', code: code ?? error, message: detail ? t('error_signIn_failedWithDetail', { code: code ?? error, detail }) : t('error_signIn_failedCode', { code: code ?? error }) };
}

/** launchWebAuthFlow rejects with plain messages; the ones that mean the admin closed the window are cancels. */
export function signInErrorFromLaunchFailure(message: string, interactive: boolean): SignInError {
  if (/did not approve|user cancelled|canceled|closed/i.test(message)) {
    return { problem: 'cancelled', message: t('error_signIn_cancelled') };
  }
  if (!interactive || /interaction required|could not be loaded/i.test(message)) {
    return { problem: 'login-required', message: t('error_signIn_sessionEnded') };
  }
  return { problem: 'failed', message: t('error_signIn_failed', { detail: message }) };
}
