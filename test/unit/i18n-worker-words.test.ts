// The words the core and the worker produce (job states, badge titles, notifications, Graph advice, the setup check,
// the guidance, the review's warnings) in German and French: the plural form follows the count in each language,
// numbers are grouped the language's way, role names are Entra's own, and Graph's code stays verbatim.
import { describe, expect, it, vi } from 'vitest';
import { JobsService } from '../../background/jobs-service';
import { describeGraphError } from '../../src/graph/errors';
import { guidanceFor } from '../../src/guidance';
import { badgeState, compactCount, jobOutcomeText, jobStateText } from '../../src/job-state';
import { evaluateEligibility } from '../../src/eligibility';
import { domainSpread, userWarnings } from '../../src/review-warnings';
import { checkSetup, type SetupFacts } from '../../src/setup-check';
import { describeMissingAccess, hostNeeds } from '../../src/host-access';
import { graphUser } from '../support/graph-user';
import { useLocale } from '../support/i18n';
import { defaultInvitationLanguage } from '../../src/invitation-language';
import { invitationLanguages } from '../../review/ui/parts/invitation-languages';
import { jobInput, jobItems } from '../support/jobs/harness';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';
import { jobSummary } from '../support/job-summary';

const job = jobSummary;

const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const signedIn = (held: string[]): SetupFacts => ({
  configured: true,
  cloud: 'Global',
  account: { username: 'admin@contoso.com', tenantId: 't', tenantName: 'Contoso', grantedTiers: ['read', 'invite'] },
  roles: { readable: true, held },
  verifiedDomains: ['contoso.com'],
});

describe('German', () => {
  it('job states and outcomes: plural by count, numbers grouped with a dot', () => {
    useLocale('de');
    expect(jobStateText(job({ state: 'paused', inFlight: 1 })).label).toBe('Wird angehalten – 1 Anforderung läuft noch');
    expect(jobStateText(job({ state: 'paused', inFlight: 20 })).label).toBe('Wird angehalten – 20 Anforderungen laufen noch');
    expect(jobStateText(job({ state: 'completed', counters: { failed: 1200, remaining: 0 } })).label).toBe('Abgeschlossen, 1.200 fehlgeschlagen');
    expect(jobOutcomeText(job({ state: 'completed', counters: { total: 1, done: 1, converted: 1, remaining: 0 } }))).toBe('1 von 1 Benutzer umgewandelt');
    expect(jobOutcomeText(job({ counters: { total: 12_500, done: 10_000, verifying: 5, remaining: 2495 } }))).toBe(
      '10.000 von 12.500 Benutzern umgewandelt, 5 in Überprüfung, 2.495 übrig',
    );
  });

  it('badge: title in German, the count with a decimal comma', () => {
    useLocale('de');
    expect(compactCount(1250)).toBe('1,2k');
    expect(badgeState([job({ state: 'waiting-for-sign-in', counters: { remaining: 1 } })]).title).toBe(
      'B2B Convert for Entra: Melden Sie sich an, um das Umwandeln von 1 Benutzer fortzusetzen',
    );
    expect(badgeState([job({ state: 'running', counters: { remaining: 1200, failed: 3 } })]).title).toBe(
      'B2B Convert for Entra: Wird ausgeführt – 1.200 Benutzer übrig, 3 fehlgeschlagen',
    );
  });

  it('Graph advice: the wait in seconds by count, Graph’s code and request id verbatim', () => {
    useLocale('de');
    const throttled = (ms: number) => describeGraphError({ status: 429, code: 'TooManyRequests', message: 'x', requestId: 'r1', retryAfterMs: ms });
    expect(throttled(1000)).toBe(
      'Microsoft Graph drosselt die Anforderungen und bittet, 1 Sekunde zu warten. Die verbleibenden Benutzer werden automatisch erneut versucht. (TooManyRequests, HTTP 429, Anforderungs-ID r1)',
    );
    expect(throttled(4200)).toMatch(/bittet, 5 Sekunden zu warten/);
  });

  it('setup check: Entra’s German role names, one role or several, lists joined with „oder“', () => {
    useLocale('de');
    const one = checkSetup(signedIn([USER_ADMIN])).find((l) => l.id === 'invite-role')!;
    expect(one.detail).toBe('Sie haben die Rolle Benutzeradministrator.');
    const two = checkSetup(signedIn([GLOBAL_ADMIN, USER_ADMIN])).find((l) => l.id === 'invite-role')!;
    expect(two.detail).toBe('Sie haben die Rollen Globaler Administrator und Benutzeradministrator.');
    const none = checkSetup(signedIn([])).find((l) => l.id === 'invite-role')!;
    expect(none.detail).toBe('Sie haben keine der Rollen Globaler Administrator, Benutzeradministrator, Gasteinladender oder Verzeichnisautoren: Microsoft Graph lehnt Einladungen ab (403).');
  });

  it('guidance and warnings: sponsors by count, user counts grouped', () => {
    useLocale('de');
    const ctx = { tenantId: 't', redirectUrl: 'https://myapps.microsoft.com/', setUserTypeGuest: false, anySynced: false };
    expect(guidanceFor({ ...ctx, sponsorCount: 1 }).find((f) => f.id === 'sponsors')!.text).toMatch(/^Die Einladungen nennen 1 Sponsor \(/);
    expect(guidanceFor({ ...ctx, sponsorCount: 3 }).find((f) => f.id === 'sponsors')!.text).toMatch(/^Die Einladungen nennen 3 Sponsoren \(/);
    const many = Array.from({ length: 1234 }, (_, i) => `u${i}@fabrikam.example`);
    expect(domainSpread(many).message).toBe('Alle 1.234 Benutzer werden unter fabrikam.example eingeladen: eine Partnerorganisation.');
    const plus = userWarnings({ id: 'u', displayName: 'Ada', mail: 'ada+a@f.example', otherMails: ['ada+b@f.example'], accountEnabled: false, email: 'ada@f.example' });
    expect(plus[0]!.message).toMatch(/^ada\+a@f\.example, ada\+b@f\.example sind Plus-Adressen:/);
  });

  it('eligibility: the privileged role named as Entra names it', () => {
    useLocale('de');
    const verdict = evaluateEligibility({
      user: graphUser('u1', { displayName: 'A', userPrincipalName: 'a@contoso.com', mail: 'a@fabrikam.example' }),
      roles: [GLOBAL_ADMIN],
      signedInUserId: 'me',
      verifiedDomains: ['contoso.com'],
      proposedEmail: 'a@fabrikam.example',
    });
    expect(verdict.reasons.find((r) => r.code === 'privilegedRole')!.message).toMatch(/^Dieser Benutzer hat privilegierte Verzeichnisrollen \(Globaler Administrator\)\./);
  });

  it('the worker’s end-of-job notification', async () => {
    useLocale('de');
    const ports = fakePorts();
    const tenant = fakeTenant({ refuse: ['u1'] });
    const jobs = new JobsService({ auth: fakeAuth({}).auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
    const header = await jobs.start(jobInput(jobItems(3)), undefined);
    expect((await jobs.runner.run(header.id)).status).toBe('completed');
    await vi.waitFor(() => expect(ports.notifications.shown.get(`job-${header.id}`)).toBeDefined());
    expect(ports.notifications.shown.get(`job-${header.id}`)).toEqual({
      title: 'Abgeschlossen, 1 fehlgeschlagen: Umwandlung in externe Benutzer',
      message: '2 von 3 Benutzern umgewandelt, 1 fehlgeschlagen. Details finden Sie in der Erweiterung.',
    });
  });
});

describe('French', () => {
  it('job states and outcomes: 0 and 1 are singular, numbers grouped with a narrow space', () => {
    useLocale('fr');
    expect(jobStateText(job({ state: 'cancelled', counters: { failed: 1 } })).label).toBe('Annulé, 1 échec');
    expect(jobStateText(job({ state: 'cancelled', counters: { failed: 2 } })).label).toBe('Annulé, 2 échecs');
    const cancelled = job({ state: 'cancelled', counters: { total: 1500, done: 0, converted: 0, cancelled: 1500, notStarted: 1500, blocked: 1, remaining: 0 } });
    expect(jobOutcomeText(cancelled)).toMatch(/^0 utilisateur converti avant l’annulation, 1\s500 non démarrés, 1 bloqué$/u);
  });

  it('Graph advice and setup check', () => {
    useLocale('fr');
    expect(describeGraphError({ status: 429, code: 'TooManyRequests', message: 'x', retryAfterMs: 2000 })).toBe(
      'Microsoft Graph limite les requêtes et demande d’attendre 2 secondes. Les utilisateurs restants seront retentés automatiquement. (TooManyRequests, HTTP 429)',
    );
    expect(checkSetup(signedIn([USER_ADMIN])).find((l) => l.id === 'invite-role')!.detail).toBe('Vous détenez le rôle Administrateur d’utilisateurs.');
    const domains = checkSetup({ ...signedIn([]), verifiedDomains: ['contoso.com', 'contoso.fr'] }).find((l) => l.id === 'verified-domains')!;
    expect(domains.detail).toMatch(/^2 domaines vérifiés\u00a0: contoso\.com, contoso\.fr\./);
  });

  it('host access: what stops working, joined with « et », verb agreeing with the count', () => {
    useLocale('fr');
    const missing = hostNeeds('Global').filter((n) => n.role !== 'admin-center');
    expect(describeMissingAccess(missing)).toBe(
      'Le navigateur n’a pas donné à cette extension l’accès à login.microsoftonline.com, graph.microsoft.com. Sans cet accès, la connexion et la lecture et la conversion des utilisateurs ne fonctionneront pas.',
    );
  });
});

describe('the invitation email’s language', () => {
  it('defaults to the admin’s, as a code the review offers', () => {
    const offered = invitationLanguages().map(([code]) => code);
    const defaults = ['en', 'de', 'fr'].map((lang) => {
      useLocale(lang);
      return defaultInvitationLanguage();
    });
    expect(defaults).toEqual(['en-US', 'de-DE', 'fr-FR']);
    for (const code of defaults) expect(offered).toContain(code);
  });
});
