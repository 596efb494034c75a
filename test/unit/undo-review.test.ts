// The undo review's rules (src/undo-review.ts) and the worker's switch for the feature (background/undo.ts): what the
// review shows per user, what the worker accepts (all or nothing), and that the undo permission is asked for only
// when the admin turns the feature on.
import { describe, expect, it } from 'vitest';
import { JobsService } from '../../background/jobs-service';
import { undoHandlers } from '../../background/undo';
import type { CallContext } from '../../background/router';
import { MemoryStorageArea, localKeys } from '../../src/storage';
import { buildUndoPreview, checkUndoSubmission, type UndoFacts, type UndoSubmitItem } from '../../src/undo-review';
import type { GraphUser } from '../../src/users';
import { graphUser } from '../support/graph-user';
import { fakeAuth, fakePorts, fakeTenant, SETTINGS } from '../support/worker-fakes';

const ID = (n: number) => `aaaaaaaa-0000-4000-8000-00000000000${n}`;
const DOMAINS = ['contoso.com', 'contoso.onmicrosoft.com'];

function facts(users: GraphUser[], extra: { invited?: boolean[]; roles?: Array<string[] | undefined> } = {}): UndoFacts {
  return {
    jobItems: new Map(users.map((u, i) => [u.id.toLowerCase(), { userId: u.id, email: `ext${i}@fabrikam.example`, invited: extra.invited?.[i] ?? true }])),
    users: new Map(users.map((u) => [u.id.toLowerCase(), u])),
    roles: new Map(users.map((u, i) => [u.id.toLowerCase(), extra.roles ? extra.roles[i] : []])),
    verifiedDomains: DOMAINS,
  };
}

const accepted = (n: number, o: Partial<GraphUser> = {}) => graphUser(ID(n), { displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, externalUserState: 'Accepted', ...o });

describe('buildUndoPreview', () => {
  it('shows each user with why they are blocked, whether synced, and the UPN proposed', () => {
    const users = [
      accepted(1),
      accepted(2, { externalUserState: 'PendingAcceptance' }),
      accepted(3, { onPremisesSyncEnabled: true }),
      accepted(4, { userPrincipalName: 'user4@fabrikam.example' }),
      accepted(5),
      accepted(6),
    ];
    const preview = buildUndoPreview('job1', 'tenant', [...users.map((u) => u.id), ID(9)], facts(users, { invited: [true, true, true, true, false, true], roles: [[], [], [], [], [], undefined] }));
    const by = (n: number) => preview.users.find((u) => u.id === ID(n))!;
    expect(by(1)).toMatchObject({ blocks: [], synced: false, proposedUpn: 'user1@contoso.com', email: 'ext0@fabrikam.example' });
    expect(by(2).blocks.map((b) => b.code)).toEqual(['notAccepted']);
    expect(by(3)).toMatchObject({ blocks: [], synced: true });
    // A UPN outside the verified domains is not proposed: the admin enters one.
    expect(by(4).proposedUpn).toBe('');
    expect(by(5).blocks.map((b) => b.code)).toEqual(['notOurs']);
    expect(by(6)).toMatchObject({ blocks: [], rolesUnknown: true });
    expect(preview.missing).toEqual([ID(9)]);
  });
});

describe('checkUndoSubmission', () => {
  const users = [accepted(1), accepted(2), accepted(3, { onPremisesUserPrincipalName: 'user3@corp.local' })];
  const good: UndoSubmitItem[] = [
    { userId: ID(1), userPrincipalName: 'user1@contoso.com', password: 'Tmp-Passw0rd!1' },
    { userId: ID(2), userPrincipalName: ' new2@contoso.onmicrosoft.com ', password: 'Tmp-Passw0rd!2' },
    { userId: ID(3) },
  ];

  it('turns what Learn requires into undo items: UPN for cloud users, their passwords aligned, nothing for synced users', () => {
    const check = checkUndoSubmission(good, facts(users));
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.items.map((i) => i.toInternal)).toEqual([{ userPrincipalName: 'user1@contoso.com' }, { userPrincipalName: 'new2@contoso.onmicrosoft.com' }, {}]);
    expect(check.items.map((i) => i.email)).toEqual(['ext0@fabrikam.example', 'ext1@fabrikam.example', 'ext2@fabrikam.example']);
    expect(check.secrets).toEqual(['Tmp-Passw0rd!1', 'Tmp-Passw0rd!2', undefined]);
  });

  it('refuses the whole submission with every problem named, as Graph would or as our rules say', () => {
    const cases: Array<[UndoSubmitItem[], RegExp]> = [
      [[{ ...good[0]!, userPrincipalName: 'user1@fabrikam.example' }], /fabrikam\.example is not a verified domain/],
      [[{ ...good[0]!, password: 'password1' }], /at least 8 characters from three of/],
      [[{ ...good[0]! }, { ...good[1]!, userPrincipalName: 'USER1@contoso.com' }], /given to two users/],
      [[good[0]!, good[0]!], /appears twice/],
      [[{ userId: ID(3), userPrincipalName: 'user3@contoso.com', password: 'Tmp-Passw0rd!3' }], /synced from on-premises/],
      [[{ userId: ID(7), userPrincipalName: 'x@contoso.com', password: 'Tmp-Passw0rd!7' }], /not in the job/],
    ];
    for (const [submitted, message] of cases) {
      const check = checkUndoSubmission(submitted, facts(users));
      expect(check.ok, String(message)).toBe(false);
      if (!check.ok) expect(check.refusals.map((r) => r.message).join(' ')).toMatch(message);
    }
    const roleHolder = checkUndoSubmission([good[0]!], facts(users, { roles: [['fe930be7-5e62-47db-91af-98c3a49a38b1'], [], []] }));
    expect(roleHolder.ok).toBe(false);
  });
});

describe('the feature switch at the worker', () => {
  function setUp() {
    const ports = fakePorts();
    const auth = fakeAuth();
    const tenant = fakeTenant();
    const jobs = new JobsService({ auth: auth.auth, settings: async () => SETTINGS, ports, graphClient: tenant.graphClient });
    const signIns: string[] = [];
    const sessions: string[] = [];
    const handlers = undoHandlers({
      auth: {
        signIn: async (grant) => (signIns.push(grant), auth.auth.signIn(grant as 'read')),
        account: async () => ({ ...(await auth.auth.account())!, ...(signIns.includes('undo') ? { undoGranted: true } : {}) }),
        token: async () => 'token',
      },
      jobs,
      local: ports.storage.local,
      session: async (tier) => (sessions.push(tier), { account: { tenantId: 'tenant', username: 'admin@contoso.com' }, graph: tenant.graph }),
      announce: () => undefined,
    });
    return { handlers, signIns, sessions, local: ports.storage.local as MemoryStorageArea };
  }
  const ctx = { kind: 'extension-page', url: 'chrome-extension://x/popup/options.html', origin: 'chrome-extension://x' } as CallContext;

  it('is off by default; while off nothing asks for its permission and the undo operations refuse', async () => {
    const s = setUp();
    expect(await s.handlers['undo/status']({}, ctx)).toEqual({ enabled: false, granted: false });
    await expect(s.handlers['undo/preview']({ jobId: 'job-123', userIds: [ID(1)] }, ctx)).rejects.toThrow(/turned off/);
    await expect(s.handlers['undo/submit']({ jobId: 'job-123', expectedTenantId: ID(0), items: [{ userId: ID(1) }] }, ctx)).rejects.toThrow(/turned off/);
    expect(s.signIns).toEqual([]);
    expect(s.sessions).toEqual([]);
  });

  it('asks for the undo permission when turned on (and only then), and not when turned off', async () => {
    const s = setUp();
    expect(await s.handlers['undo/setEnabled']({ enabled: true }, ctx)).toEqual({ enabled: true, granted: true });
    expect(s.signIns).toEqual(['undo']);
    expect((await s.local.get([localKeys.undoFeature]))[localKeys.undoFeature]).toEqual({ enabled: true });
    expect(await s.handlers['undo/setEnabled']({ enabled: false }, ctx)).toMatchObject({ enabled: false });
    expect(s.signIns).toEqual(['undo']);
  });

  it('an undo job that waits for the undo token asks for it at "sign in to continue", and only then', async () => {
    const ports = fakePorts();
    const grants: string[] = [];
    let undoGranted = false;
    const base = fakeAuth().auth;
    const auth = {
      ...base,
      token: async (grant: string) => {
        if (grant === 'undo' && !undoGranted) {
          const { SignInRequired } = await import('../../background/auth/auth-service');
          throw new SignInRequired({ problem: 'consent-required', message: 'This action needs more permissions than you have granted so far.' });
        }
        return 'token';
      },
      signIn: async (grant: string) => (grants.push(grant), (undoGranted ||= grant === 'undo'), base.signIn('read')),
    } as typeof base;
    const jobs = new JobsService({ auth, settings: async () => SETTINGS, ports, graphClient: fakeTenant().graphClient });
    const user = accepted(1);
    const undo = await jobs.runner.createJob({
      kind: 'undo', tenantId: 'tenant', ranBy: 'admin@contoso.com', undoOf: 'job1', secrets: ['Tmp-Passw0rd!1'],
      items: [{ userId: user.id, userPrincipalName: 'user1@contoso.com', displayName: 'User 1', email: 'ext@fabrikam.example', addToOtherMails: false, setGuest: false, toInternal: { userPrincipalName: 'user1@contoso.com' } }],
    });
    expect((await jobs.runner.run(undo.id)).status).toBe('waiting-for-sign-in');
    await jobs.signInToContinue();
    expect(grants).toEqual(['invite', 'undo']);
    // No undo job waiting: the tiers' sign-in only.
    await jobs.runner.cancel(undo.id);
    grants.length = 0;
    await jobs.signInToContinue();
    expect(grants).toEqual(['invite']);
  });

  it('stays off when the consent is refused', async () => {
    const s = setUp();
    const handlers = undoHandlers({
      auth: { signIn: async () => Promise.reject(new Error('The user cancelled the sign-in.')), account: async () => undefined, token: async () => 'token' },
      jobs: undefined as never,
      local: s.local,
      session: async () => Promise.reject(new Error('unused')),
      announce: () => undefined,
    });
    await expect(handlers['undo/setEnabled']({ enabled: true }, ctx)).rejects.toThrow(/cancelled/);
    expect(await handlers['undo/status']({}, ctx)).toEqual({ enabled: false, granted: false });
  });
});
