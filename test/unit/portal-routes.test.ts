import { describe, expect, it } from 'vitest';
import * as routes from '../../src/portal-routes';
import {
  decideFrame,
  decideFrameExamples,
  isAllUsersPage,
  isAllUsersPageExamples,
  tenantOfPortalUrl,
  tenantOfPortalUrlExamples,
  userIdFromRowHref,
  userIdFromRowHrefExamples,
  userIdOfProfilePage,
  userIdOfProfilePageExamples,
} from '../../src/portal-routes';

const detectors: Array<[string, (url: string) => unknown, routes.DetectorExamples]> = [
  ['isAllUsersPage', isAllUsersPage, isAllUsersPageExamples],
  ['userIdOfProfilePage', userIdOfProfilePage, userIdOfProfilePageExamples],
  ['userIdFromRowHref', userIdFromRowHref, userIdFromRowHrefExamples],
  ['tenantOfPortalUrl', tenantOfPortalUrl, tenantOfPortalUrlExamples],
];

describe('route detectors match their examples', () => {
  for (const [name, detect, examples] of detectors) {
    it.each(examples.match)(`${name} matches %s`, (url) => expect(detect(url)).toBeTruthy());
    it.each(examples.noMatch)(`${name} does not match %s`, (url) => expect(detect(url)).toBeFalsy());
  }

  it('every exported detector has examples beside it (convention)', () => {
    const fns = Object.entries(routes).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    for (const fn of fns) expect(Object.keys(routes), fn).toContain(`${fn}Examples`);
  });
});

describe('what the detectors answer', () => {
  it('reads the object id from a row link, lower-cased', () => {
    expect(userIdFromRowHref('#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0B4A2C1E-5D6F-4A7B-8C9D-0E1F2A3B4C5D')).toBe(
      '0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d',
    );
  });
  it('reads the tenant from the path or the #@ prefix', () => {
    expect(tenantOfPortalUrl(tenantOfPortalUrlExamples.match[0]!)).toBe('contoso.onmicrosoft.com');
    expect(tenantOfPortalUrl(tenantOfPortalUrlExamples.match[1]!)).toBe('3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c');
    expect(tenantOfPortalUrl(tenantOfPortalUrlExamples.match[2]!)).toBe('contoso.com');
  });
  it('reads the profile user id', () => {
    expect(userIdOfProfilePage(userIdOfProfilePageExamples.match[1]!)).toBe('0b4a2c1e-5d6f-4a7b-8c9d-0e1f2a3b4c5d');
  });
});

describe('frame guard', () => {
  it.each(decideFrameExamples.act.map((f) => [f.href, f]))('acts in %s', (_href, facts) => {
    expect(decideFrame(facts)).toMatchObject({ act: true });
  });
  it.each(decideFrameExamples.refuse.map((f) => [`${f.href} in ${JSON.stringify(f.ancestorOrigins)} top=${f.isTop}`, f]))('refuses %s', (_d, facts) => {
    expect(decideFrame(facts)).toMatchObject({ act: false });
  });
  it('names the portal origin and the role', () => {
    expect(decideFrame(decideFrameExamples.act[0]!)).toEqual({ act: true, role: 'top', portalOrigin: 'https://entra.microsoft.com' });
    expect(decideFrame(decideFrameExamples.act[1]!)).toEqual({ act: true, role: 'frame', portalOrigin: 'https://entra.microsoft.com' });
    expect(decideFrame(decideFrameExamples.act[2]!)).toEqual({ act: true, role: 'frame', portalOrigin: 'https://portal.azure.com' });
  });
  it('decides from the ancestors the browser reports, never from the trustedAuthority parameter the framer writes', () => {
    const frame = 'https://sandbox-1.reactblade.portal.azure.net/React/Index?reactView=true&trustedAuthority=';
    // The parameter names the admin center, but an attacker's page framed it: refused.
    expect(decideFrame({ href: `${frame}${encodeURIComponent('https://entra.microsoft.com')}`, isTop: false, ancestorOrigins: ['https://evil.example'] })).toEqual({ act: false, reason: 'parent is not an admin center' });
    // The admin center framed it inside an attacker's top page: refused.
    expect(decideFrame({ href: frame, isTop: false, ancestorOrigins: ['https://entra.microsoft.com', 'https://evil.example'] })).toEqual({ act: false, reason: 'an ancestor is not an admin center' });
    // No ancestors reported: the parameter alone never lets it act.
    expect(decideFrame({ href: `${frame}${encodeURIComponent('https://entra.microsoft.com')}`, isTop: false, ancestorOrigins: undefined })).toEqual({ act: false, reason: 'parent unknown' });
  });
});
