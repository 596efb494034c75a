// Is the admin signed in to the tenant the admin-center page belongs to? The page reveals its tenant as a
// GUID or a domain (in its URL); the sign-in gives a tenant id and, read from Graph, its verified domains.
import { isGuid } from './config';
import { t } from './i18n';

export function tenantMismatch(pageTenant: string | undefined, signedIn: { tenantId: string; tenantName?: string; verifiedDomains?: readonly string[] }): string | undefined {
  const hint = pageTenant?.trim().toLowerCase();
  if (!hint) return undefined;
  const own = signedIn.tenantName ? `${signedIn.tenantName} (${signedIn.tenantId})` : signedIn.tenantId;
  if (isGuid(hint)) {
    if (hint === signedIn.tenantId.toLowerCase()) return undefined;
  } else {
    // A domain we cannot check yet (verified domains not read) is not called a mismatch.
    if (!signedIn.verifiedDomains || signedIn.verifiedDomains.some((d) => d.toLowerCase() === hint)) return undefined;
  }
  return t('tenant_mismatch', { own, page: pageTenant ?? '' });
}
