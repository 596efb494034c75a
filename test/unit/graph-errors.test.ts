import { describe, expect, it } from 'vitest';
import { classifyGraphError, describeGraphError, toGraphError } from '../../src/graph/errors';
import { GraphApiError, graphErrorFromResponse, networkError } from '../../src/graph/http';

const NOW = Date.parse('2026-11-27T12:00:00Z');

function body(code: string, message: string, requestId = 'rid-1') {
  return { error: { code, message, innerError: { 'request-id': requestId, date: '2026-11-27T12:00:00' } } };
}

describe('normalising Graph failures', () => {
  it('keeps Graph code, message, request id and Retry-After from an HTTP response', () => {
    const e = graphErrorFromResponse(429, { 'Retry-After': '2.5', 'request-id': 'hdr-id' }, body('TooManyRequests', 'Please retry again later.'), NOW);
    expect(e).toEqual({ status: 429, code: 'TooManyRequests', message: 'Please retry again later.', requestId: 'hdr-id', retryAfterMs: 2500 });
  });

  it('reads a JSON string body and the inner request id', () => {
    const e = graphErrorFromResponse(403, {}, JSON.stringify(body('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 'in-id')), NOW);
    expect(e).toMatchObject({ status: 403, code: 'Authorization_RequestDenied', requestId: 'in-id' });
  });

  it('falls back to a status-derived code without a Graph body', () => {
    expect(graphErrorFromResponse(502, {}, undefined, NOW)).toEqual({ status: 502, code: 'HttpError502', message: 'Bad gateway' });
    expect(graphErrorFromResponse(429, {}, '', NOW).code).toBe('TooManyRequests');
  });

  it('maps no response to status 0 NetworkError', () => {
    expect(networkError(new TypeError('fetch failed'))).toEqual({ status: 0, code: 'NetworkError', message: 'fetch failed' });
    expect(toGraphError(new TypeError('Failed to fetch'))).toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it('maps the Graph SDK GraphError shape', () => {
    const sdk = Object.assign(new Error('Insufficient privileges to complete the operation.'), {
      statusCode: 403,
      code: 'Authorization_RequestDenied',
      requestId: 'sdk-rid',
      body: JSON.stringify(body('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', 'sdk-rid')),
      headers: new Headers({ 'retry-after': '1' }),
    });
    expect(toGraphError(sdk, NOW)).toEqual({
      status: 403,
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
      requestId: 'sdk-rid',
      retryAfterMs: 1000,
    });
    expect(toGraphError(Object.assign(new Error('offline'), { statusCode: -1, code: null }))).toMatchObject({ status: 0, code: 'NetworkError' });
  });

  it('maps a batch-item-like object and round-trips GraphApiError', () => {
    expect(toGraphError({ status: 404, headers: {}, body: body('Request_ResourceNotFound', 'Resource x does not exist') }, NOW)).toMatchObject({
      status: 404,
      code: 'Request_ResourceNotFound',
    });
    const err = new GraphApiError({ status: 400, code: 'Request_BadRequest', message: 'nope', requestId: 'r' });
    expect(err).toBeInstanceOf(Error);
    expect(toGraphError(err)).toEqual({ status: 400, code: 'Request_BadRequest', message: 'nope', requestId: 'r' });
  });
});

describe('describing errors for the admin', () => {
  const cases: Array<[number, string, string, RegExp, string]> = [
    [0, 'NetworkError', 'fetch failed', /could not be reached/, 'network'],
    [401, 'InvalidAuthenticationToken', 'Access token has expired', /Sign in again/, 'authentication'],
    [403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.', /Guest Inviter, User Administrator or Directory Writers.*sign in with write permission and retry failed/, 'missingRole'],
    [403, 'Forbidden', 'Missing scope permissions on the request.', /consent/, 'missingConsent'],
    [400, 'BadRequest', "The email you're using to invite this user doesn't match any emails on the user object. Please add this email to the user object and try again.", /other emails/, 'emailNotOnUser'],
    [400, 'BadRequest', "User's email address cannot be in a verified domain. Please change the user's email to enable conversion to a B2B user.", /verified domain/, 'verifiedDomain'],
    [400, 'BadRequest', 'User invitation failed. Invalid request input.', /on-premises/, 'syncedUser'],
    [412, 'PreconditionFailed', 'Precondition failed', /external to internal/, 'convertedBefore'],
    [400, 'BadRequest', 'The invited user already exists in the directory as objectID: abc.', /defect/, 'invitedUserMissing'],
    [404, 'Request_ResourceNotFound', "Resource 'x' does not exist", /no longer exists/, 'notFound'],
    [503, 'ServiceUnavailable', 'busy', /temporarily unavailable/, 'serviceUnavailable'],
    [400, 'Request_BadRequest', 'Invalid object identifier', /rejected the request: Invalid object identifier/, 'badRequest'],
  ];
  for (const [status, code, message, re, kind] of cases) {
    it(`${kind}: actionable sentence that keeps the Graph code`, () => {
      const e = { status, code, message, requestId: 'rid-9' };
      expect(classifyGraphError(e)).toBe(kind);
      const text = describeGraphError(e, 'en');
      expect(text).toMatch(re);
      expect(text).toContain(code);
      expect(text).toContain('rid-9');
    });
  }

  it('says how long throttling asked to wait', () => {
    expect(describeGraphError({ status: 429, code: 'TooManyRequests', message: 'x', retryAfterMs: 4200 })).toBe(
      'Microsoft Graph is throttling requests; it asked to wait 5 seconds. The remaining users will be retried automatically. (TooManyRequests, HTTP 429)',
    );
  });

  it('describes anything thrown', () => {
    expect(describeGraphError(new TypeError('fetch failed'))).toMatch(/^Microsoft Graph could not be reached.*\(NetworkError\)$/);
  });
});
