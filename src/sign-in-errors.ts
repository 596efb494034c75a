// What went wrong with a sign-in, in words an admin can act on. Pure: the worker feeds it the redirect URL
// that launchWebAuthFlow returned, or the error launchWebAuthFlow threw.

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
    return { problem: 'failed', message: 'The sign-in returned an unreadable address.' };
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
      message:
        'Your organization has not granted this extension the permissions it asked for. Ask a Global Administrator or Privileged Role Administrator to grant admin consent for the app registration (README: "Register the app"), then sign in again.',
    };
  }
  if ((code && DECLINED_CODES.has(code)) || error === 'access_denied') {
    return { problem: 'cancelled', code: code ?? error, message: 'Sign-in was cancelled. Nothing was changed; sign in again when you are ready.' };
  }
  if ((code && LOGIN_REQUIRED_CODES.has(code)) || error === 'login_required' || error === 'interaction_required') {
    return { problem: 'login-required', code: code ?? error, message: 'Your sign-in session has ended. Sign in again to continue.' };
  }
  const detail = description.split(/\r?\n/)[0]?.slice(0, 300) ?? '';
  return { problem: 'failed', code: code ?? error, message: `Sign-in failed (${code ?? error})${detail ? `: ${detail}` : '.'}` };
}

/** launchWebAuthFlow rejects with plain messages; the ones that mean the admin closed the window are cancels. */
export function signInErrorFromLaunchFailure(message: string, interactive: boolean): SignInError {
  if (/did not approve|user cancelled|canceled|closed/i.test(message)) {
    return { problem: 'cancelled', message: 'Sign-in was cancelled. Nothing was changed; sign in again when you are ready.' };
  }
  if (!interactive || /interaction required|could not be loaded/i.test(message)) {
    return { problem: 'login-required', message: 'Your sign-in session has ended. Sign in again to continue.' };
  }
  return { problem: 'failed', message: `Sign-in failed: ${message}` };
}
