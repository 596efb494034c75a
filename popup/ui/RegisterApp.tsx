// Step 1 of the setup, shared by the popup's first run and the options page: register the app in the tenant — where
// (a link to App registrations in the admin center of the chosen cloud), the redirect URI to add as a single-page
// application, and the delegated Graph permissions. The steps follow Microsoft Learn's SPA registration page.
import { cloudEndpoints, isCloud } from '../../src/clouds';
import { LEARN_PAGES } from '../../src/learn';
import { redirectUris } from '../../src/redirect-uris';
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
      <p>
        In the Microsoft Entra admin center, open{' '}
        <a href={appRegistrationsUrl(props.cloud)} target="_blank" rel="noopener noreferrer">
          App registrations
        </a>{' '}
        and create a <strong>New registration</strong> (accounts in this organizational directory only).
      </p>
      <p>
        Under <strong>Authentication</strong>, add a <strong>Single-page application</strong> platform with{' '}
        {rows.length === 1 ? 'this redirect URI' : 'these redirect URIs'}:
      </p>
      <ul class="plain redirect-uris" aria-label="Redirect URIs">
        {rows.map((r) => (
          <li key={r.uri}>
            {props.allBrowsers && (
              <span class="small muted">
                {r.browser}
                {r.current ? ' (this browser)' : ''}
              </span>
            )}
            <div class="copy-row">
              <code class="mono" id={r.current ? 'redirect-uri' : undefined}>
                {r.uri}
              </code>
              <CopyButton text={r.uri} label={`Copy the ${r.browser} redirect URI`} copy={props.copy} />
            </div>
          </li>
        ))}
      </ul>
      <p>
        Under <strong>API permissions</strong>, add these Microsoft Graph delegated permissions, then grant admin consent:
      </p>
      <ul class="permissions small">
        {REQUIRED.map((p) => (
          <li key={p}>
            <code class="mono">{p}</code>
          </li>
        ))}
        {OPTIONAL.map((p) => (
          <li key={p}>
            <code class="mono">{p}</code> — optional: only to add an email to otherMails, set the user type to Guest or reset a
            redemption
          </li>
        ))}
      </ul>
      <p class="small">
        <a href={LEARN_PAGES.spaAppRegistration.url} target="_blank" rel="noopener noreferrer">
          Learn: {LEARN_PAGES.spaAppRegistration.title}
        </a>
      </p>
    </div>
  );
}
