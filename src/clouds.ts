// The one table of national-cloud endpoints. Everything host-related (sign-in authority, Graph, the admin
// center the content script runs in, My Apps redirect) is looked up here so that supporting a cloud is one
// edit, and so that no other module hard-codes graph.microsoft.com.
import { t, type MessageKey } from './i18n';

export const CLOUDS = ['Global', 'UsGov', 'UsGovDoD', 'China'] as const;
export type Cloud = (typeof CLOUDS)[number];

export interface CloudEndpoints {
  readonly cloud: Cloud;
  /** Admin-facing name of the cloud, in the admin's language (read when shown: a getter over the catalogue). */
  readonly label: string;
  /** Host of the Entra ID sign-in authority. */
  readonly loginHost: string;
  /** Host of Microsoft Graph (no scheme, no version). */
  readonly graphHost: string;
  /** Hosts of the admin centers whose pages the content script may run in. */
  readonly adminCenterHosts: readonly string[];
  /**
   * Host suffixes (leading dot) of the frames the portal renders its React views in. Only the Global
   * suffixes are observed; the US Gov and China ones are guesses by analogy with the Global naming.
   */
  readonly reactViewFrameHostSuffixes: readonly string[];
  /** Where an invited user lands after redeeming the invitation (no query). */
  readonly myAppsUrl: string;
}

const US_ADMIN_CENTER_HOSTS = ['entra.microsoft.us', 'portal.azure.us'] as const;
const US_REACT_VIEW_SUFFIXES = ['.reactblade.portal.azure.us'] as const;

export const CLOUD_ENDPOINTS: Readonly<Record<Cloud, CloudEndpoints>> = {
  Global: {
    cloud: 'Global',
    get label() {
      return cloudLabel('Global');
    },
    loginHost: 'login.microsoftonline.com',
    graphHost: 'graph.microsoft.com',
    adminCenterHosts: ['entra.microsoft.com', 'portal.azure.com', 'ms.portal.azure.com'],
    reactViewFrameHostSuffixes: [
      '.reactblade.portal.azure.net',
      '.reactblade-ms.portal.azure.net',
      '.reactblade-rc.portal.azure.net',
    ],
    myAppsUrl: 'https://myapps.microsoft.com/',
  },
  UsGov: {
    cloud: 'UsGov',
    get label() {
      return cloudLabel('UsGov');
    },
    loginHost: 'login.microsoftonline.us',
    graphHost: 'graph.microsoft.us',
    adminCenterHosts: US_ADMIN_CENTER_HOSTS,
    reactViewFrameHostSuffixes: US_REACT_VIEW_SUFFIXES,
    myAppsUrl: 'https://myapps.microsoft.us/',
  },
  UsGovDoD: {
    cloud: 'UsGovDoD',
    get label() {
      return cloudLabel('UsGovDoD');
    },
    loginHost: 'login.microsoftonline.us',
    graphHost: 'dod-graph.microsoft.us',
    adminCenterHosts: US_ADMIN_CENTER_HOSTS,
    reactViewFrameHostSuffixes: US_REACT_VIEW_SUFFIXES,
    myAppsUrl: 'https://myapps.microsoft.us/',
  },
  China: {
    cloud: 'China',
    get label() {
      return cloudLabel('China');
    },
    loginHost: 'login.chinacloudapi.cn',
    graphHost: 'microsoftgraph.chinacloudapi.cn',
    adminCenterHosts: ['entra.microsoftonline.cn', 'portal.azure.cn'],
    reactViewFrameHostSuffixes: ['.reactblade.portal.azure.cn'],
    myAppsUrl: 'https://myapps.azure.cn/',
  },
};

const CLOUD_LABEL_KEYS: Readonly<Record<Cloud, MessageKey>> = {
  Global: 'cloud_global',
  UsGov: 'cloud_usGov',
  UsGovDoD: 'cloud_usGovDoD',
  China: 'cloud_china',
};

/** A cloud's name for the admin, e.g. "Global (commercial)". */
export function cloudLabel(cloud: Cloud): string {
  return t(CLOUD_LABEL_KEYS[cloud]);
}

export const GRAPH_API_VERSION = 'v1.0';

export function isCloud(value: unknown): value is Cloud {
  return typeof value === 'string' && (CLOUDS as readonly string[]).includes(value);
}

export function cloudEndpoints(cloud: Cloud): CloudEndpoints {
  return CLOUD_ENDPOINTS[cloud];
}

/** `https://login.microsoftonline.com/<tenant>` — the MSAL authority for a tenant in a cloud. */
export function authorityUrl(cloud: Cloud, tenant: string): string {
  return `https://${CLOUD_ENDPOINTS[cloud].loginHost}/${encodeURIComponent(tenant)}`;
}

/** Graph origin without the version: the Graph SDK's `baseUrl` must not carry `/v1.0`. */
export function graphBaseUrl(cloud: Cloud): string {
  return `https://${CLOUD_ENDPOINTS[cloud].graphHost}`;
}

/** Versioned Graph root, e.g. `https://graph.microsoft.us/v1.0`. */
export function graphApiRoot(cloud: Cloud, version: string = GRAPH_API_VERSION): string {
  return `${graphBaseUrl(cloud)}/${version}`;
}

/**
 * Prefix of a delegated scope for this cloud's Graph resource, e.g. `https://graph.microsoft.us/`.
 * A bare `User.Read.All` would make the authority assume the global Graph resource.
 */
export function graphScopePrefix(cloud: Cloud): string {
  return `${graphBaseUrl(cloud)}/`;
}

/** Fully qualified delegated scope, e.g. `https://graph.microsoft.com/User.Read.All`. */
export function graphScope(cloud: Cloud, permission: string): string {
  return `${graphScopePrefix(cloud)}${permission}`;
}

/** Redirect URL for invitations: the cloud's My Apps, pinned to the inviting tenant. */
export function myAppsRedirectUrl(cloud: Cloud, tenantId: string): string {
  return `${CLOUD_ENDPOINTS[cloud].myAppsUrl}?tenantid=${encodeURIComponent(tenantId)}`;
}

/** Host of an https origin (or URL) with the default port, lower-cased; undefined for anything else. */
function httpsHost(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return undefined;
  }
  // Only https and the default port: a look-alike on another scheme or port is not the admin center.
  if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') return undefined;
  return url.hostname.toLowerCase();
}

function matchesSuffix(host: string, suffix: string): boolean {
  // The suffix starts with a dot, so `evil-reactblade.portal.azure.net` does not match; the bare suffix
  // host itself is not a view frame either.
  return host.endsWith(suffix) && host.length > suffix.length;
}

/** Every cloud whose admin center or React-view frames live on this origin (US Gov and DoD share hosts). */
export function cloudsForOrigin(origin: string): Cloud[] {
  const host = httpsHost(origin);
  if (host === undefined) return [];
  return CLOUDS.filter((cloud) => {
    const e = CLOUD_ENDPOINTS[cloud];
    return e.adminCenterHosts.includes(host) || e.reactViewFrameHostSuffixes.some((s) => matchesSuffix(host, s));
  });
}

/**
 * The cloud an admin-center origin belongs to. US Gov and DoD share their admin center hosts, so for those
 * this answers `UsGov`; which of the two applies must come from the settings (`cloudsForOrigin` lists both).
 */
export function cloudForOrigin(origin: string): Cloud | undefined {
  return cloudsForOrigin(origin)[0];
}

export function isAdminCenterOrigin(origin: string): boolean {
  const host = httpsHost(origin);
  return host !== undefined && CLOUDS.some((c) => CLOUD_ENDPOINTS[c].adminCenterHosts.includes(host));
}

export function isReactViewFrameOrigin(origin: string): boolean {
  const host = httpsHost(origin);
  return (
    host !== undefined &&
    CLOUDS.some((c) => CLOUD_ENDPOINTS[c].reactViewFrameHostSuffixes.some((s) => matchesSuffix(host, s)))
  );
}

/** Which cloud's Graph host this URL points at, if any. */
export function cloudForGraphUrl(url: string): Cloud | undefined {
  const host = httpsHost(url);
  return host === undefined ? undefined : CLOUDS.find((c) => CLOUD_ENDPOINTS[c].graphHost === host);
}
