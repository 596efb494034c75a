// Step 1 of the setup, shared by the popup's first run and the options page: register the app in the tenant — where
// (a link to App registrations in the admin center of the chosen cloud), the redirect URI to add as a single-page
// application, and the delegated Graph permissions. The steps follow Microsoft Learn's SPA registration page.
import { cloudEndpoints, isCloud } from '../../src/clouds';
import { redirectUris } from '../../src/redirect-uris';
import { t, tn } from '../../src/i18n';
import { LEARN_PAGES } from '../../src/learn';
import { TIER_PERMISSIONS } from '../../src/scopes';
import { CopyButton } from './common';

/** App registrations in the admin center of the cloud (the blade the portal itself links to). */
export function appRegistrationsUrl(cloud: string): string {
  const host = cloudEndpoints(isCloud(cloud) ? cloud : 'Global').adminCenterHosts[0];
  return `https://${host}/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade`;
}

/** The write permission is asked for only by the optional follow-ups; the rest every conversion needs. */
const REQUIRED = TIER_PERMISSIONS.invite;
const OPTIONAL = TIER_PERMISSIONS.write.filter((p) => !REQUIRED.includes(p));

export function LearnLink({ page }: { page: keyof typeof LEARN_PAGES }) {
  return (
    <a href={LEARN_PAGES[page].url} target="_blank" rel="noopener noreferrer">
      {t('learn_link', { title: LEARN_PAGES[page].title })}
    </a>
  );
}

export function RegisterAppSteps(props: {
  cloud: string;
  redirectUrl: string;
  copy: (text: string) => Promise<void>;
  /** Every browser family's redirect URI (options page), or only this browser's (popup). */
  allBrowsers?: boolean;
}) {
  const rows = redirectUris(props.redirectUrl).filter((r) => props.allBrowsers || r.current);
  return (
    <div class="register-app">
      <p>{t('register_create')}</p>
      <p>
        <a href={appRegistrationsUrl(props.cloud)} target="_blank" rel="noopener noreferrer">
          {t('register_openAppRegistrations')}
        </a>
      </p>
      <p>{tn('register_redirect', rows.length)}</p>
      <ul class="plain redirect-uris" aria-label={t('register_redirectList')}>
        {rows.map((r) => {
          const browser = r.browser;
          return (
            <li key={r.uri}>
              {props.allBrowsers && <span class="small muted">{r.current ? t('register_browserCurrent', { browser }) : browser}</span>}
              <div class="copy-row">
                <code class="mono" id={r.current ? 'redirect-uri' : undefined}>
                  {r.uri}
                </code>
                <CopyButton text={r.uri} label={t('register_copyRedirect', { browser })} copy={props.copy} />
              </div>
            </li>
          );
        })}
      </ul>
      <p>{t('register_permissions')}</p>
      <ul class="permissions small" aria-label={t('register_permissionList')}>
        {REQUIRED.map((p) => (
          <li key={p}>
            <code class="mono">{p}</code>
          </li>
        ))}
        {OPTIONAL.map((p) => (
          <li key={p}>
            <code class="mono">{p}</code> {t('register_optional')}
          </li>
        ))}
      </ul>
      <p class="small">
        <LearnLink page="spaAppRegistration" />
      </p>
    </div>
  );
}
