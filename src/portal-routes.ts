// Pure detectors for the admin center's routes and frames: functions of URLs and origins only (no DOM), each
// followed by the URLs it must and must not match. test/unit/portal-routes.test.ts runs every example, so a
// detector cannot be added without them.
import { cloudsForOrigin, isAdminCenterOrigin, isReactViewFrameOrigin } from './clouds';
import { isDomainName, isGuid } from './config';

export interface DetectorExamples {
  match: readonly string[];
  noMatch: readonly string[];
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The hash route without the optional `@<tenant>/` prefix the Azure portal puts first (`#@contoso.com/view/...`). */
function routeOf(url: URL): string {
  const hash = url.hash.replace(/^#/, '');
  return hash.replace(/^@[^/]*\//, '');
}

const ALL_USERS_ROUTE = /^view\/Microsoft_AAD_UsersAndTenants\/UserManagementMenuBlade\/(?:~\/)?AllUsers(?:[/?]|$)/;
const PROFILE_ROUTE = /^view\/Microsoft_AAD_UsersAndTenants\/UserProfileMenuBlade\/~\/[A-Za-z]+\/userId\/([0-9a-fA-F-]{36})(?:[/?]|$)/;
const USER_ID_IN_HREF = /\/userId\/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?=$|[/?&#])/;

/** The All users list of the admin center (top page URL). */
export function isAllUsersPage(url: string): boolean {
  const u = parse(url);
  return u !== undefined && isAdminCenterOrigin(u.origin) && ALL_USERS_ROUTE.test(routeOf(u));
}
export const isAllUsersPageExamples: DetectorExamples = {
  match: [
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://entra.microsoft.com/contoso.onmicrosoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://portal.azure.com/#@contoso.onmicrosoft.com/view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://ms.portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers/menuId/',
    'https://entra.microsoft.us/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://portal.azure.cn/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
  ],
  noMatch: [
    'https://entra.microsoft.com/',
    'https://entra.microsoft.com/#home',
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/DeletedUsers',
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsersExtra',
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    'https://evil.example/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'http://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://entra.microsoft.com:8443/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'not a url',
  ],
};

/** A user's profile blade; answers the user's object id. */
export function userIdOfProfilePage(url: string): string | undefined {
  const u = parse(url);
  if (u === undefined || !isAdminCenterOrigin(u.origin)) return undefined;
  const m = PROFILE_ROUTE.exec(routeOf(u));
  return m?.[1] !== undefined && isGuid(m[1]) ? m[1].toLowerCase() : undefined;
}
export const userIdOfProfilePageExamples: DetectorExamples = {
  match: [
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    'https://portal.azure.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0B4A2C1E-5D6F-4A7B-8C9D-0E1F2A3B4C5D/hidePreviewBanner~/true',
  ],
  noMatch: [
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/not-a-guid-at-all-0000000000000000000',
    'https://evil.example/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
  ],
};

/**
 * The object id a grid row's link points at (`...userId/<object id>`). The href may be absolute or relative and
 * may carry more route segments after the id; only a well-formed GUID is accepted.
 */
export function userIdFromRowHref(href: string): string | undefined {
  const m = USER_ID_IN_HREF.exec(href);
  return m?.[1]?.toLowerCase();
}
export const userIdFromRowHrefExamples: DetectorExamples = {
  match: [
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d/hidePreviewBanner~/true',
  ],
  noMatch: [
    '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5dff',
    '#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/objectId/0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    'mailto:someone@example.com',
    '',
  ],
};

/**
 * The tenant a top-page URL names, if any: `entra.microsoft.com/<tenant>/#view/...` or the Azure portal's
 * `#@<tenant>/...`. Answers a GUID or a domain name, lower-cased; anything else is ignored.
 */
export function tenantOfPortalUrl(url: string): string | undefined {
  const u = parse(url);
  if (u === undefined || !isAdminCenterOrigin(u.origin)) return undefined;
  // The path form is a directory (`/<tenant>/`), so `/index.html` is not mistaken for a domain.
  const segments = u.pathname.split('/');
  const inPath = segments.length >= 3 ? segments[1] ?? '' : '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(inPath);
  } catch {
    decoded = '';
  }
  const candidates = [decoded, /^#@([^/]+)\//.exec(u.hash)?.[1] ?? ''];
  for (const c of candidates) {
    const t = c.trim().toLowerCase();
    if (t !== '' && (isGuid(t) || isDomainName(t))) return t;
  }
  return undefined;
}
export const tenantOfPortalUrlExamples: DetectorExamples = {
  match: [
    'https://entra.microsoft.com/contoso.onmicrosoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://entra.microsoft.com/3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://portal.azure.com/#@contoso.com/view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
  ],
  noMatch: [
    'https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://entra.microsoft.com/index.html#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers',
    'https://evil.example/contoso.onmicrosoft.com/#view/x',
  ],
};

// ---- the frame guard ----

export interface FrameFacts {
  /** location.href of the document the content script runs in. */
  href: string;
  /** window.top === window */
  isTop: boolean;
  /** location.ancestorOrigins as an array (parent first, top last); undefined where the browser lacks it. */
  ancestorOrigins: readonly string[] | undefined;
  /**
   * document.referrer, used only where the browser has no ancestorOrigins (Firefox): for a frame it is the URL of the
   * document that loaded it, set by the browser. The framer can empty it (referrer policy) but cannot make it name
   * another origin; empty means "parent unknown" and the script stays out.
   */
  referrer?: string;
}

export type FrameDecision =
  | { act: true; role: 'top'; portalOrigin: string }
  | { act: true; role: 'frame'; portalOrigin: string }
  | { act: false; reason: string };

const originOf = (url: string): string | undefined => {
  const u = parse(url);
  return u === undefined || u.origin === 'null' ? undefined : u.origin;
};

/**
 * Should the content script act in this document? Only in an admin-center top page, or in a React-view frame
 * whose every ancestor (location.ancestorOrigins: parent first, top last) is an admin center of the frame's cloud.
 * Decided from what the browser reports only: the frame's URL parameters (`trustedAuthority`) are written by
 * whoever framed it, so they decide nothing; where the browser cannot report the ancestors, the script stays out.
 */
export function decideFrame(facts: FrameFacts): FrameDecision {
  const origin = originOf(facts.href);
  if (origin === undefined) return { act: false, reason: 'no origin' };
  if (facts.isTop) {
    return isAdminCenterOrigin(origin) ? { act: true, role: 'top', portalOrigin: origin } : { act: false, reason: 'top page is not an admin center' };
  }
  if (!isReactViewFrameOrigin(origin)) return { act: false, reason: 'frame is not a React-view frame' };

  const referrerOrigin = facts.referrer ? originOf(facts.referrer) : undefined;
  const ancestors = facts.ancestorOrigins ?? (referrerOrigin ? [referrerOrigin] : undefined);
  const parent = ancestors?.[0];
  if (ancestors === undefined || parent === undefined) return { act: false, reason: 'parent unknown' };
  if (!isAdminCenterOrigin(parent)) return { act: false, reason: 'parent is not an admin center' };
  if (ancestors.some((a) => !isAdminCenterOrigin(a))) return { act: false, reason: 'an ancestor is not an admin center' };
  // A US Gov frame inside the commercial portal (or the reverse) is not something the portal does.
  const frameClouds = cloudsForOrigin(origin);
  if (!ancestors.every((a) => cloudsForOrigin(a).some((c) => frameClouds.includes(c)))) return { act: false, reason: 'frame and portal are in different clouds' };
  return { act: true, role: 'frame', portalOrigin: parent };
}

const FRAME = 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true&trustedAuthority=';
const ENTRA = 'https://entra.microsoft.com';
export const decideFrameExamples: { act: readonly FrameFacts[]; refuse: readonly FrameFacts[] } = {
  act: [
    { href: `${ENTRA}/#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers`, isTop: true, ancestorOrigins: [] },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}&l=en.en-us`, isTop: false, ancestorOrigins: [ENTRA] },
    { href: 'https://sandbox-8-2.reactblade-ms.portal.azure.net/React/Index?reactView=true', isTop: false, ancestorOrigins: ['https://portal.azure.com'] },
    // The parameter is not what decides: the browser's ancestors are.
    { href: `${FRAME}${encodeURIComponent('https://evil.example')}`, isTop: false, ancestorOrigins: [ENTRA] },
    { href: `https://sandbox-3.reactblade.portal.azure.us/React/Index?trustedAuthority=${encodeURIComponent('https://portal.azure.us')}`, isTop: false, ancestorOrigins: ['https://portal.azure.us'] },
    // Firefox (no ancestorOrigins): the referrer the browser set for the frame names its parent.
    { href: `${FRAME}${encodeURIComponent('https://evil.example')}`, isTop: false, ancestorOrigins: undefined, referrer: `${ENTRA}/` },
  ],
  refuse: [
    { href: 'https://evil.example/', isTop: true, ancestorOrigins: [] },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}`, isTop: true, ancestorOrigins: [] },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}`, isTop: false, ancestorOrigins: ['https://evil.example'] },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}`, isTop: false, ancestorOrigins: ['https://evil.example', ENTRA] },
    // No ancestors reported: a URL parameter alone never lets the script act.
    { href: `${FRAME}${encodeURIComponent('https://portal.azure.com')}`, isTop: false, ancestorOrigins: undefined },
    { href: `${FRAME}${encodeURIComponent('https://evil.example')}`, isTop: false, ancestorOrigins: undefined },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}`, isTop: false, ancestorOrigins: undefined, referrer: 'https://evil.example/' },
    { href: `${FRAME}${encodeURIComponent(ENTRA)}`, isTop: false, ancestorOrigins: [ENTRA, 'https://evil.example'] },
    { href: 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true', isTop: false, ancestorOrigins: undefined },
    { href: `${ENTRA}/#view/x`, isTop: false, ancestorOrigins: ['https://evil.example'] },
    { href: 'https://evil-reactblade.portal.azure.net/React/Index', isTop: false, ancestorOrigins: [ENTRA] },
    { href: 'https://sandbox-3.reactblade.portal.azure.us/React/Index', isTop: false, ancestorOrigins: [ENTRA] },
  ],
};
