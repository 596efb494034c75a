// Transport over @microsoft/microsoft-graph-client. The SDK has had no release since 2024-12, so it is used
// only here, behind the Transport seam: it attaches the bearer token (only to Graph hosts) and sends the
// request. Its retry handler is left out of the chain on purpose: retries happen once, in GraphApi, where
// Retry-After of $batch items and token renewal are also handled.
import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  ResponseType,
  TelemetryHandler,
  type AuthenticationProvider,
  type GraphRequest,
} from '@microsoft/microsoft-graph-client';
import { graphBaseUrl, GRAPH_API_VERSION, type Cloud } from '../clouds';
import type { Transport, TransportRequest, TransportResponse } from './transport';
import { t } from '../i18n';

/**
 * How long one request may take, its answer's body included, before it counts as unanswered (status 0, like a lost
 * connection): a stalled connection must not hold a job's lane or a reply to the admin forever. Generous, because
 * a $batch of writes on a throttled tenant is slow but not lost; the job engine verifies an unanswered write
 * before it sends it again.
 */
export const REQUEST_TIMEOUT_MS = 100_000;

export interface SdkTransportOptions {
  cloud: Cloud;
  /** Returns a current access token for the cloud's Graph resource (renewal is GraphApi's renewToken). */
  getAccessToken: () => Promise<string>;
  /** Extra hosts that may receive the token (the SDK knows the national Graph hosts itself). */
  customHosts?: readonly string[];
  /** Overrides REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
}

/** Response headers as a lower-cased plain record. */
function headersOf(res: Response): Record<string, string> {
  const out: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    out[key.toLowerCase()] = value;
  });
  return out;
}

async function bodyOf(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  const type = res.headers.get('content-type') ?? '';
  if (/json/i.test(type)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

export function createSdkClient(o: SdkTransportOptions): Client {
  const authProvider: AuthenticationProvider = { getAccessToken: () => o.getAccessToken() };
  // auth → telemetry → http: the SDK's default chain minus RetryHandler (and minus RedirectHandler, which
  // only exists for Node and would follow redirects with the token).
  const auth = new AuthenticationHandler(authProvider);
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(telemetry);
  telemetry.setNext(http);
  return Client.initWithMiddleware({
    middleware: auth,
    // The SDK wants the origin only; the version is a separate option.
    baseUrl: graphBaseUrl(o.cloud),
    defaultVersion: GRAPH_API_VERSION,
    ...(o.customHosts !== undefined ? { customHosts: new Set(o.customHosts) } : {}),
  });
}

export function createSdkTransport(o: SdkTransportOptions): Transport {
  const client = createSdkClient(o);
  return {
    async send(req: TransportRequest): Promise<TransportResponse> {
      const headers = { ...req.headers };
      const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      const timeoutMs = o.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), timeoutMs);
      const call: GraphRequest = client.api(req.url).headers(headers).responseType(ResponseType.RAW).option('signal', abort.signal);
      try {
        // With ResponseType.RAW the SDK resolves with fetch's Response for every status and rejects only when
        // no response arrived; that rejection propagates and GraphApi maps it to status 0 / NetworkError.
        const res = await sendWith(call, req.method, body);
        if (!(res instanceof Response)) throw new Error('Graph SDK returned no HTTP response');
        return { status: res.status, headers: headersOf(res), body: await bodyOf(res) };
      } catch (error) {
        if (abort.signal.aborted) throw new Error(t('error_graph_timedOut', { seconds: String(Math.round(timeoutMs / 1000)) }), { cause: error });
        throw error;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function sendWith(call: GraphRequest, method: TransportRequest['method'], body: string | undefined): Promise<unknown> {
  switch (method) {
    case 'GET':
      return call.get();
    case 'POST':
      return call.post(body);
    case 'PATCH':
      return call.patch(body);
    case 'PUT':
      return call.put(body);
    case 'DELETE':
      return call.delete();
  }
}
