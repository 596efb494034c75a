// @vitest-environment happy-dom
// Issue 12 for popup/: every word the popup, the job page, the options page and the picker show comes from the
// catalogue. Each screen is rendered in its states under a pseudo-locale that marks catalogue text; what is left
// unmarked must be data the test itself supplied (names, addresses, ids, Graph's codes, permission names, URIs).
// The German and French catalogues are then rendered for real: no English sentence of ours is left.
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { AuthStatus, JobItemRow as JobItemView, JobSummary } from '../../src/messages';
import type { OptionsServices, PopupServices, UiServices } from '../../popup/lib/platform';
import { TIER_PERMISSIONS } from '../../src/scopes';
import { CHROMIUM_REDIRECT_URI, FIREFOX_REDIRECT_URI } from '../../src/extension-ids';
import { PopupApp } from '../../popup/ui/PopupApp';
import { JobDetail } from '../../popup/ui/JobDetail';
import { OptionsPage } from '../../popup/ui/OptionsPage';
import { PickerApp } from '../../popup/ui/PickerApp';
import { preactPage } from '../support/preact-page';
import { fakeHostAccess } from '../support/host-access';
import { fakeUiServices, type Handler } from '../support/ui-services';
import { untranslatedText, useLocale, usePseudoLocale } from '../support/i18n';
import { SIGNED_IN as SIGNED_IN_READ, TEST_TENANT } from '../support/job-summary';

const TENANT = TEST_TENANT;
const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const REDIRECT = 'https://abcdefghijklmnop.chromiumapp.org/';
const SIGNED_IN: AuthStatus = { ...SIGNED_IN_READ, tenantName: 'Contoso' };
const counters = { total: 6, done: 3, failed: 1, blocked: 1, cancelled: 0, remaining: 1, verifying: 1 };
const running: JobSummary = { id: 'job-run', createdAt: NOW - 60_000, tenantId: TENANT, ranBy: 'admin@contoso.com', state: 'waiting-for-sign-in', counters, pauseReason: 'AADSTS50058' };
const finished: JobSummary = {
  id: 'job-done',
  createdAt: NOW - 7_200_000,
  finishedAt: NOW - 3_600_000,
  tenantId: TENANT,
  ranBy: 'admin@contoso.com',
  state: 'completed',
  counters: { ...counters, remaining: 0, verifying: 0 },
  sponsors: [{ id: 'sponsor-1', displayName: 'Grace Hopper' }],
  planHash: 'abc123',
};
const items: JobItemView[] = [
  { userId: 'u1', userPrincipalName: 'ada@contoso.com', displayName: 'Ada Lovelace', email: 'ada@fabrikam.example', state: 'done', externalUserState: 'PendingAcceptance', externalUserStateChangeDateTime: '2026-11-27T10:00:00Z', inviteRedeemUrl: 'https://redeem.example/1' },
  { userId: 'u2', userPrincipalName: 'bob@contoso.com', displayName: 'Bob', email: 'bob@fabrikam.example', state: 'done', externalUserState: 'Accepted' },
  { userId: 'u3', userPrincipalName: 'eve@contoso.com', displayName: 'Eve', email: 'eve@contoso.com', state: 'failed', errorCode: 'BadRequest', errorMessage: 'Graph said no. Really no.', requestId: 'req-9' },
  { userId: 'u4', userPrincipalName: 'mal@contoso.com', displayName: 'Mal', email: '', state: 'blocked' },
];
/** What the fixtures supply: shown as given, never translated. */
const DATA = [
  'Contoso Admin', 'admin@contoso.com', 'contoso.com', 'Contoso', TENANT, 'AADSTS50058', 'Grace Hopper', 'sponsor-1', 'abc123', 'job-run', 'job-done',
  ...items.flatMap((i) => [i.userPrincipalName, i.displayName, i.email, i.errorCode ?? '', i.errorMessage ?? '', i.requestId ?? '']).filter(Boolean),
  // The first sentence of Graph's message and the rest behind the disclosure.
  'Graph said no.', 'Really no.',
  ...TIER_PERMISSIONS.write, REDIRECT, CHROMIUM_REDIRECT_URI, FIREFOX_REDIRECT_URI, 'Graph', 'UPN',
  // The options form shows the stored values; "organizations" is the tenant keyword Entra defines.
  'organizations', TENANT.toLowerCase(),
  // A product name, the same in every language (src/redirect-uris.ts).
  'Firefox',
];

const page = preactPage(6);

function popupServices(handlers: Record<string, Handler>, settings: unknown): PopupServices {
  return {
    ...fakeUiServices(handlers).services,
    cache: { get: async () => undefined, set: async () => undefined },
    activeTabId: async () => 7,
    hostAccess: fakeHostAccess({ granted: [] }),
    readSetup: async () => ({ policyCache: undefined, local: settings }),
    saveLocal: vi.fn(async () => undefined),
    requestOrigins: vi.fn(async () => true),
    redirectUrl: REDIRECT,
  };
}

const jobHandlers = {
  'job/items': () => ({ total: items.length, items }),
  'job/get': () => finished,
};

/** Every screen, in the states that show different words. */
const SCREENS: Array<[string, () => Promise<void>]> = [
  ['popup, first run', () => page.mount(<PopupApp services={popupServices({}, null)} now={() => NOW} />)],
  ['popup, set up, worker asleep', () => page.mount(<PopupApp services={popupServices({}, { clientId: TENANT })} now={() => NOW} />)],
  [
    'popup, signed in: session ended, a waiting job, history, an unrecognised page',
    () =>
      page.mount(
        <PopupApp
          services={popupServices(
            {
              'auth/status': () => ({ ...SIGNED_IN, sessionEnded: true, tenantMismatch: undefined }),
              'job/list': () => [running, finished],
              'page/status': () => ({ recognized: false, missing: ['grid'] }),
            },
            { clientId: TENANT },
          )}
          now={() => NOW}
        />,
      ),
  ],
  [
    'popup, signed out on a recognised page',
    () =>
      page.mount(
        <PopupApp
          services={popupServices(
            { 'auth/status': () => ({ ...SIGNED_IN, signedIn: false, account: undefined, configuredTenant: 'contoso.com' }), 'job/list': () => [], 'page/status': () => ({ recognized: true, layout: 'grid' }) },
            { clientId: TENANT },
          )}
          now={() => NOW}
        />,
      ),
  ],
  [
    'popup, signed in on another page',
    () =>
      page.mount(
        <PopupApp services={popupServices({ 'auth/status': () => SIGNED_IN, 'job/list': () => [{ ...running, state: 'running', etaMs: 200_000 }], 'page/status': () => ({ recognized: null }) }, { clientId: TENANT })} now={() => NOW} />,
      ),
  ],
  ['job detail in the popup', () => page.mount(<JobDetail services={popupServices(jobHandlers, null)} jobId={finished.id} summary={finished} mode="popup" auth={SIGNED_IN} />)],
  ['job page', () => page.mount(<JobDetail services={popupServices(jobHandlers, null)} jobId={finished.id} mode="tab" />)],
  [
    'options page',
    () => {
      const services: OptionsServices = {
        ...popupServices({ 'auth/status': () => SIGNED_IN, 'setup/check': () => ({ lines: [] }) }, null),
        readPolicy: async () => ({ cloud: 'Global' }),
        readLocal: async () => ({ clientId: TENANT, tenant: 'organizations' }),
      };
      return page.mount(<OptionsPage services={services} />);
    },
  ],
  [
    'picker, signed in',
    () => {
      const services: UiServices = { ...popupServices({ 'auth/status': () => SIGNED_IN }, null) };
      return page.mount(<PickerApp services={services} />);
    },
  ],
  ['picker, signed out', () => page.mount(<PickerApp services={popupServices({ 'auth/status': () => ({ ...SIGNED_IN, signedIn: false, account: undefined }) }, null)} />)],
];

describe('popup/ words come from the catalogue', () => {
  for (const [name, mount] of SCREENS) {
    it(`${name}: nothing outside the catalogue but data`, async () => {
      usePseudoLocale();
      await mount();
      // Open what is collapsed or appears on interaction, so its words are checked too.
      for (const d of page.root.querySelectorAll('details')) d.open = true;
      const select = page.root.querySelector<HTMLInputElement>('input[aria-label^="Select Ada"], input[type="checkbox"][aria-label]');
      if (select) await act(() => select.click());
      await page.flush();
      expect(untranslatedText(page.root, DATA)).toEqual([]);
    });
  }

  for (const lang of ['de', 'fr']) {
    it(`${lang}: the screens carry none of the English sentences`, async () => {
      useLocale(lang);
      for (const [, mount] of SCREENS) {
        await mount();
        const text = page.root.textContent ?? '';
        for (const english of ['Sign in', 'Recent jobs', 'Job details', 'Refresh status', 'Register the app', 'Checking', 'users converted', 'Settings']) {
          expect(text, `${lang}: "${english}"`).not.toContain(english);
        }
      }
    });
  }
});
