// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { describeMissingAccess, hostNeeds } from '../../src/host-access';
import { HostAccessNotice } from '../../popup/ui/HostAccessNotice';
import { fakeHostAccess } from '../support/host-access';
import { preactPage } from '../support/preact-page';

describe('hosts a cloud needs', () => {
  it('Global: sign-in, Graph, the admin centers and their React-view frames', () => {
    expect(hostNeeds('Global')).toEqual([
      { pattern: 'https://login.microsoftonline.com/*', role: 'sign-in' },
      { pattern: 'https://graph.microsoft.com/*', role: 'graph' },
      { pattern: 'https://entra.microsoft.com/*', role: 'admin-center' },
      { pattern: 'https://portal.azure.com/*', role: 'admin-center' },
      { pattern: 'https://ms.portal.azure.com/*', role: 'admin-center' },
      { pattern: 'https://*.reactblade.portal.azure.net/*', role: 'admin-center' },
      { pattern: 'https://*.reactblade-ms.portal.azure.net/*', role: 'admin-center' },
      { pattern: 'https://*.reactblade-rc.portal.azure.net/*', role: 'admin-center' },
    ]);
  });
  it('a national cloud has its own hosts and no duplicates', () => {
    const dod = hostNeeds('UsGovDoD').map((n) => n.pattern);
    expect(dod).toContain('https://dod-graph.microsoft.us/*');
    expect(dod).toContain('https://login.microsoftonline.us/*');
    expect(new Set(dod).size).toBe(dod.length);
    expect(dod.some((p) => p.includes('microsoft.com'))).toBe(false);
  });
  it('says which hosts are missing and what stops working', () => {
    const missing = hostNeeds('Global').filter((n) => n.role !== 'admin-center');
    expect(describeMissingAccess(missing)).toBe(
      'The browser has not given this extension access to login.microsoftonline.com, graph.microsoft.com. Without it, signing in and reading and converting users will not work.',
    );
  });
});

describe('host access notice', () => {
  const page = preactPage(5);
  const button = () => [...page.root.querySelectorAll('button')].find((b) => b.textContent === 'Allow access');

  it('shows nothing when every host is granted', async () => {
    const access = fakeHostAccess({ granted: hostNeeds('Global').map((n) => n.pattern) });
    await page.mount(<HostAccessNotice cloud="Global" access={access} />);
    await page.flush();
    expect(page.root.textContent).toBe('');
  });

  it('names the missing hosts, asks for exactly those with one click, and goes away when granted', async () => {
    const access = fakeHostAccess({ granted: ['https://login.microsoftonline.com/*'] });
    await page.mount(<HostAccessNotice cloud="Global" access={access} />);
    await page.flush();
    expect(page.root.querySelector('[role="alert"]')?.textContent).toContain('graph.microsoft.com');
    expect(page.root.textContent).not.toContain('login.microsoftonline.com,');
    await act(() => button()!.click());
    await page.flush();
    expect(access.requested).toEqual([hostNeeds('Global').map((n) => n.pattern).filter((p) => p !== 'https://login.microsoftonline.com/*')]);
    expect(page.root.textContent).toBe('');
  });

  it('says so when the admin refuses, and comes back when access is revoked later', async () => {
    const access = fakeHostAccess({ granted: [], grantOnRequest: false });
    await page.mount(<HostAccessNotice cloud="China" access={access} />);
    await page.flush();
    await act(() => button()!.click());
    await page.flush();
    expect(page.root.textContent).toContain('Access was not granted');

    const granted = fakeHostAccess({ granted: hostNeeds('Global').map((n) => n.pattern) });
    await page.mount(<HostAccessNotice cloud="Global" access={granted} />);
    await page.flush();
    expect(button()).toBeUndefined();
    await act(() => granted.revoke(['https://graph.microsoft.com/*']));
    await page.flush();
    expect(page.root.textContent).toContain('graph.microsoft.com');
  });

  it('checks nothing until the cloud is known', async () => {
    const access = fakeHostAccess({ granted: [] });
    await page.mount(<HostAccessNotice cloud={undefined} access={access} />);
    await page.flush();
    expect(page.root.textContent).toBe('');
  });
});
