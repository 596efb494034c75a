import { describe, expect, it } from 'vitest';
import {
  CLOUDS,
  CLOUD_ENDPOINTS,
  authorityUrl,
  cloudForGraphUrl,
  cloudForOrigin,
  cloudsForOrigin,
  graphApiRoot,
  graphBaseUrl,
  graphScope,
  graphScopePrefix,
  isAdminCenterOrigin,
  isCloud,
  isReactViewFrameOrigin,
  myAppsRedirectUrl,
} from '../../src/clouds';

describe('cloud endpoint table', () => {
  it('has login and Graph hosts for each cloud', () => {
    expect(CLOUDS.map((c) => [c, CLOUD_ENDPOINTS[c].loginHost, CLOUD_ENDPOINTS[c].graphHost])).toEqual([
      ['Global', 'login.microsoftonline.com', 'graph.microsoft.com'],
      ['UsGov', 'login.microsoftonline.us', 'graph.microsoft.us'],
      ['UsGovDoD', 'login.microsoftonline.us', 'dod-graph.microsoft.us'],
      ['China', 'login.chinacloudapi.cn', 'microsoftgraph.chinacloudapi.cn'],
    ]);
  });

  it('builds Graph roots without /v1.0 in the SDK base URL', () => {
    expect(graphBaseUrl('UsGovDoD')).toBe('https://dod-graph.microsoft.us');
    expect(graphApiRoot('China')).toBe('https://microsoftgraph.chinacloudapi.cn/v1.0');
  });

  it('prefixes scopes with the cloud Graph resource', () => {
    expect(graphScopePrefix('Global')).toBe('https://graph.microsoft.com/');
    expect(graphScope('UsGov', 'User.Read.All')).toBe('https://graph.microsoft.us/User.Read.All');
  });

  it('builds authority and My Apps redirect URLs', () => {
    expect(authorityUrl('China', 'organizations')).toBe('https://login.chinacloudapi.cn/organizations');
    expect(myAppsRedirectUrl('Global', 'abc')).toBe('https://myapps.microsoft.com/?tenantid=abc');
    expect(myAppsRedirectUrl('UsGovDoD', 't')).toBe('https://myapps.microsoft.us/?tenantid=t');
    expect(myAppsRedirectUrl('China', 't')).toBe('https://myapps.azure.cn/?tenantid=t');
  });

  it('recognises admin center origins exactly', () => {
    for (const o of ['https://entra.microsoft.com', 'https://portal.azure.com', 'https://ms.portal.azure.com', 'https://entra.microsoft.us', 'https://portal.azure.cn', 'https://ENTRA.microsoftonline.cn']) {
      expect(isAdminCenterOrigin(o), o).toBe(true);
    }
    for (const o of ['http://entra.microsoft.com', 'https://entra.microsoft.com:8443', 'https://evil-entra.microsoft.com', 'https://entra.microsoft.com.evil.example', 'not a url', '']) {
      expect(isAdminCenterOrigin(o), o).toBe(false);
    }
  });

  it('recognises React-view frame origins by suffix, not by substring', () => {
    expect(isReactViewFrameOrigin('https://abc.reactblade.portal.azure.net')).toBe(true);
    expect(isReactViewFrameOrigin('https://x.reactblade-ms.portal.azure.net')).toBe(true);
    expect(isReactViewFrameOrigin('https://x.reactblade-rc.portal.azure.net')).toBe(true);
    expect(isReactViewFrameOrigin('https://x.reactblade.portal.azure.us')).toBe(true);
    expect(isReactViewFrameOrigin('https://x.reactblade.portal.azure.cn')).toBe(true);
    expect(isReactViewFrameOrigin('https://reactblade.portal.azure.net')).toBe(false);
    expect(isReactViewFrameOrigin('https://evilreactblade.portal.azure.net')).toBe(false);
    expect(isReactViewFrameOrigin('https://x.reactblade.portal.azure.net.evil.example')).toBe(false);
    expect(isReactViewFrameOrigin('https://entra.microsoft.com')).toBe(false);
  });

  it('maps origins to clouds; US Gov hosts are shared by GCC High and DoD', () => {
    expect(cloudForOrigin('https://portal.azure.com')).toBe('Global');
    expect(cloudForOrigin('https://x.reactblade-ms.portal.azure.net')).toBe('Global');
    expect(cloudForOrigin('https://entra.microsoftonline.cn')).toBe('China');
    expect(cloudsForOrigin('https://portal.azure.us')).toEqual(['UsGov', 'UsGovDoD']);
    expect(cloudForOrigin('https://portal.azure.us')).toBe('UsGov');
    expect(cloudForOrigin('https://example.com')).toBeUndefined();
  });

  it('maps Graph URLs to clouds and validates cloud names', () => {
    expect(cloudForGraphUrl('https://dod-graph.microsoft.us/v1.0/me')).toBe('UsGovDoD');
    expect(cloudForGraphUrl('https://example.com/v1.0/me')).toBeUndefined();
    expect(isCloud('China')).toBe(true);
    expect(isCloud('china')).toBe(false);
    expect(isCloud(3)).toBe(false);
  });
});
