// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus } from '../../src/messages';
import type { OptionsServices } from '../../popup/lib/platform';
import { OptionsPage } from '../../popup/ui/OptionsPage';
import { preactPage } from '../support/preact-page';
import { fakeHostAccess } from '../support/host-access';

const GUID = '11111111-2222-3333-4444-555555555555';
const SIGNED_OUT: AuthStatus = { configured: true, signedIn: false, cloud: 'Global', configuredTenant: 'organizations', grantedTiers: [] };

const page = preactPage(5);
const { flush } = page;

function services(over: Partial<OptionsServices> = {}): OptionsServices {
  return {
    request: vi.fn(async (op: string) => (op === 'auth/status' ? SIGNED_OUT : SIGNED_OUT)) as unknown as OptionsServices['request'],
    subscribe: () => () => undefined,
    openPage: vi.fn(),
    copyText: vi.fn(async () => undefined),
    readPolicy: async () => ({}),
    readLocal: async () => undefined,
    saveLocal: vi.fn(async () => undefined),
    requestOrigins: vi.fn(async () => true),
    hostAccess: fakeHostAccess(),
    redirectUrl: 'https://abcdefghijklmnop.chromiumapp.org/',
    ...over,
  };
}

const mount = (s: OptionsServices) => page.mount(<OptionsPage services={s} />);

const byLabel = (text: string) => {
  const label = [...page.root.querySelectorAll('label')].find((l) => l.textContent === text);
  if (!label) throw new Error(`no label ${text}`);
  return page.root.querySelector(`#${label.getAttribute('for')}`) as HTMLInputElement | HTMLSelectElement;
};

async function type(el: HTMLInputElement, value: string) {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function submit() {
  await act(() => {
    page.root.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await flush();
}

describe('options page', () => {
  it('has the three labelled fields with defaults and shows the redirect URI', async () => {
    await mount(services());
    expect((byLabel('Application (client) ID') as HTMLInputElement).value).toBe('');
    expect((byLabel('Tenant') as HTMLInputElement).value).toBe('organizations');
    const cloud = byLabel('Cloud') as HTMLSelectElement;
    expect(cloud.value).toBe('Global');
    expect([...cloud.options].map((o) => [o.value, o.textContent])).toEqual([
      ['Global', 'Global (commercial)'],
      ['UsGov', 'US Government (GCC High)'],
      ['UsGovDoD', 'US Government (DoD)'],
      ['China', 'China (operated by 21Vianet)'],
    ]);
    expect(page.root.textContent).toContain('https://abcdefghijklmnop.chromiumapp.org/');
  });

  it('puts registering the app — redirect URIs with Copy, the permissions — above the fields and Save', async () => {
    await mount(services());
    const steps = [...page.root.querySelectorAll('ol.steps > li > h3')].map((h) => h.textContent);
    expect(steps).toEqual(['Register the app in your tenant', 'Enter its details']);
    const uri = page.root.querySelector('#redirect-uri')!;
    const save = [...page.root.querySelectorAll('button')].find((b) => b.textContent === 'Save')!;
    expect(uri.compareDocumentPosition(save) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // This browser's URI and both families' known ones, each with its own Copy.
    const copies = [...page.root.querySelectorAll('ul[aria-label="Redirect URIs"] button')].map((b) => b.getAttribute('aria-label'));
    expect(copies).toEqual(['Copy the This browser redirect URI', 'Copy the Chrome and Edge redirect URI', 'Copy the Firefox redirect URI']);
    expect(page.root.textContent).toContain('User.Invite.All');
    // "B2B collaboration" is named once, in the help; the product speaks of external users.
    expect(page.root.textContent!.match(/B2B collaboration/g)).toHaveLength(1);
  });

  it('shows a message per invalid field on save and saves nothing', async () => {
    const s = services();
    await mount(s);
    await type(byLabel('Application (client) ID') as HTMLInputElement, 'not-a-guid');
    await type(byLabel('Tenant') as HTMLInputElement, 'common');
    await submit();
    const clientId = byLabel('Application (client) ID');
    expect(clientId.getAttribute('aria-invalid')).toBe('true');
    expect(page.root.querySelector('#f-clientId-error')?.textContent).toMatch(/not an Application \(client\) ID/);
    expect(page.root.querySelector('#f-tenant-error')?.textContent).toMatch(/personal Microsoft accounts/);
    expect(clientId.getAttribute('aria-describedby')).toContain('f-clientId-error');
    expect(s.saveLocal).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(clientId);
  });

  it('saves normalised values and asks for national-cloud hosts during the click', async () => {
    const s = services();
    await mount(s);
    await type(byLabel('Application (client) ID') as HTMLInputElement, ` ${GUID.toUpperCase()} `);
    const cloud = byLabel('Cloud') as HTMLSelectElement;
    await act(() => {
      cloud.value = 'UsGov';
      cloud.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await submit();
    expect(s.requestOrigins).toHaveBeenCalledWith(['https://login.microsoftonline.us/*', 'https://graph.microsoft.us/*']);
    expect(s.saveLocal).toHaveBeenCalledWith({ clientId: GUID, tenant: 'organizations', cloud: 'UsGov' });
    expect(page.root.textContent).toContain('Settings saved.');
  });

  it('does not ask for host access for the Global cloud, and warns when access is refused', async () => {
    const s = services({ requestOrigins: vi.fn(async () => false), readLocal: async () => ({ clientId: GUID, tenant: 'organizations', cloud: 'China' }) });
    await mount(s);
    await submit();
    expect(s.requestOrigins).toHaveBeenCalledTimes(1);
    expect(page.root.textContent).toMatch(/was not granted/);
  });

  it('shows policy fields read-only as managed by the organization', async () => {
    const s = services({ readPolicy: async () => ({ clientId: GUID, cloud: 'UsGovDoD' }), readLocal: async () => ({ tenant: 'contoso.com' }) });
    await mount(s);
    const clientId = byLabel('Application (client) ID') as HTMLInputElement;
    expect(clientId.value).toBe(GUID);
    expect(clientId.readOnly).toBe(true);
    expect((byLabel('Cloud') as HTMLSelectElement).disabled).toBe(true);
    expect((byLabel('Tenant') as HTMLInputElement).readOnly).toBe(false);
    expect(page.root.querySelectorAll('.managed')).toHaveLength(2);
    expect(page.root.textContent).toContain('Managed by your organization');
  });

  it('treats an unreadable policy store as no policy', async () => {
    await mount(services({ readPolicy: async () => Promise.reject(new Error('no managed storage')) }));
    expect((byLabel('Application (client) ID') as HTMLInputElement).readOnly).toBe(false);
  });

  it('signs out only after confirmation', async () => {
    const signedIn: AuthStatus = { ...SIGNED_OUT, signedIn: true, account: { username: 'admin@contoso.com', name: 'Admin', tenantId: GUID, objectId: GUID } };
    const request = vi.fn(async (op: string) => (op === 'auth/signOut' ? SIGNED_OUT : signedIn));
    await mount(services({ request: request as unknown as OptionsServices['request'] }));
    expect(page.root.textContent).toContain('admin@contoso.com');
    const signOut = [...page.root.querySelectorAll('button')].find((b) => b.textContent === 'Sign out')!;
    await act(() => signOut.click());
    expect(request).not.toHaveBeenCalledWith('auth/signOut', {});
    const confirm = page.root.querySelector('[role="alertdialog"] button.danger, [role="alertdialog"] button.primary') as HTMLButtonElement;
    await act(() => confirm.click());
    await flush();
    expect(request).toHaveBeenCalledWith('auth/signOut', {});
    expect(page.root.textContent).toContain('Not signed in');
  });
});
