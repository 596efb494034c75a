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

export interface SdkTransportOptions {
  cloud: Cloud;
  /** Returns a current access token for the cloud's Graph resource (renewal is GraphApi's renewToken). */
  getAccessToken: () => Promise<string>;
  /** Extra hosts that may receive the token (the SDK knows the national Graph hosts itself). */
  customHosts?: readonly string[];
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
      const call: GraphRequest = client.api(req.url).headers(headers).responseType(ResponseType.RAW);
      // With ResponseType.RAW the SDK resolves with fetch's Response for every status and rejects only when
      // no response arrived; that rejection propagates and GraphApi maps it to status 0 / NetworkError.
      let res: unknown;
      switch (req.method) {
        case 'GET':
          res = await call.get();
          break;
        case 'POST':
          res = await call.post(body);
          break;
        case 'PATCH':
          res = await call.patch(body);
          break;
        case 'PUT':
          res = await call.put(body);
          break;
        case 'DELETE':
          res = await call.delete();
          break;
      }
      if (!(res instanceof Response)) throw new Error('Graph SDK returned no HTTP response');
      return { status: res.status, headers: headersOf(res), body: await bodyOf(res) };
    },
  };
}
