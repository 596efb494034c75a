// Job summaries and a signed-in status as the worker sends them, for tests of what the views make of them.
import type { AuthStatus, JobSummary } from '../../src/messages';

export const TEST_TENANT = '11111111-2222-3333-4444-555555555555';

/** A running 50-user job; override any field, and any counter. */
export function jobSummary(over: Partial<Omit<JobSummary, 'counters'>> & { counters?: Partial<JobSummary['counters']> } = {}): JobSummary {
  const { counters, ...rest } = over;
  return {
    id: 'j',
    createdAt: 1,
    tenantId: 't',
    ranBy: 'admin@contoso.example',
    state: 'running',
    ...rest,
    counters: { total: 50, done: 0, failed: 0, blocked: 0, cancelled: 0, remaining: 50, ...counters },
  };
}

/** Signed in to TEST_TENANT with the read tier. */
export const SIGNED_IN: AuthStatus = {
  configured: true,
  signedIn: true,
  account: { username: 'admin@contoso.com', name: 'Contoso Admin', tenantId: TEST_TENANT, objectId: TEST_TENANT },
  cloud: 'Global',
  configuredTenant: 'organizations',
  grantedTiers: ['read'],
};
