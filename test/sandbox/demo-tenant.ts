// A realistic, deterministic sandbox tenant ("Contoso") for demos and end-to-end tests.
// Everything comes from a seeded PRNG, so the same options give the same users, ids and order on every run.
import { seededRandom } from './random';
import { sandboxUser } from './sandbox-user';
import { ROLE, type SandboxRoleAssignment, type SandboxTenant, type SandboxUser } from './types';

export const DEMO_TENANT_ID = '3c9a1f7e-2b4d-4e8a-9c61-5d7e8f9a0b1c';
export const DEMO_CLIENT_ID = '6f1c7a0e-5b9a-4c53-9a8e-2d3b4c5d6e7f';
export const DEMO_ADMIN_UPN = 'admin@contoso.com';
export const DEMO_CONSENTED_SCOPES = [
  'User.Read',
  'User.Read.All',
  'RoleManagement.Read.Directory',
  'User.Invite.All',
  'User.ReadWrite.All',
  'openid',
  'profile',
  'offline_access',
];

/** Ids of users that tests single out. */
export interface DemoNotables {
  admin: string;
  /** Eligible partners: internal Member, external `mail`, cloud-only, enabled, not converted. */
  eligible: string[];
  /** External address only in otherMails (mail null or internal). */
  otherMailsOnly: string[];
  /** Synced from on-premises AD (conversion refused). */
  synced: string[];
  pendingAcceptance: string[];
  accepted: string[];
  /** Hold a privileged directory role and an external mail. */
  privileged: string[];
  /** Partner holding only the Guest Inviter role (otherwise eligible). */
  guestInviter: string;
  /** Partner-looking account whose mail is in a verified domain. */
  verifiedDomainMail: string;
  disabled: string[];
  hostileName: string;
  rtlName: string;
  longName: string;
  /** Converted external → internal before: re-invite answers 412. */
  convertedBack: string;
  /** Existing B2B guests (userType Guest). */
  guests: string[];
  /** Employees with only internal addresses (nothing to convert to). */
  internalOnly: string[];
}

export interface DemoTenant extends SandboxTenant {
  notable: DemoNotables;
}

export interface DemoTenantOptions {
  /** PRNG seed (default 20261127). */
  seed?: number;
  /** Total number of users, at least 200 (default 240). */
  userCount?: number;
  tenantId?: string;
  clientId?: string;
  consentedScopes?: string[];
}

const FIRST = [
  'Ada', 'Adele', 'Alex', 'Amara', 'Ben', 'Bianca', 'Carlos', 'Chen', 'Diego', 'Dmitri', 'Elena', 'Emeka', 'Fatima',
  'Femi', 'Grace', 'Hana', 'Hiro', 'Ines', 'Isaac', 'Jonas', 'Julia', 'Kai', 'Keiko', 'Lars', 'Lena', 'Lidia',
  'Luca', 'Maya', 'Mateo', 'Nadia', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rafael', 'Rosa', 'Sami', 'Sofia', 'Tariq',
  'Uma', 'Viktor', 'Wen', 'Ximena', 'Yara', 'Yusuf', 'Zoe',
];
const LAST = [
  'Abara', 'Bauer', 'Castillo', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski',
  'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quispe', 'Rossi', 'Schmidt', 'Tanaka', 'Usman', 'Varga',
  'Wagner', 'Xu', 'Yilmaz', 'Zhang', 'Silva', 'Novak', 'Costa', 'Lindqvist',
];
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Marketing', 'Operations', 'Legal', 'HR', 'Support', 'IT'];
const TITLES = ['Analyst', 'Engineer', 'Manager', 'Consultant', 'Specialist', 'Coordinator', 'Director', 'Associate'];
const PARTNER_DOMAINS = ['fabrikam.example', 'northwind.example', 'tailspin.example', 'adventure-works.example', 'wingtip.example', 'litware.example'];

function guidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Builds users step by step with unique names and a fixed time base. */
class TenantBuilder {
  readonly users: SandboxUser[] = [];
  readonly roles: SandboxRoleAssignment[] = [];
  private readonly taken = new Set<string>();
  private readonly base = Date.UTC(2026, 9, 1, 9, 0, 0);

  constructor(readonly rand: () => number) {}

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)] as T;
  }

  id(): string {
    return guidFrom(this.rand);
  }

  /** An ISO time some days after the base date (deterministic). */
  time(maxDays = 50): string {
    return new Date(this.base + Math.floor(this.rand() * maxDays * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A unique `first.last` handle and its display name. */
  person(): { handle: string; name: string; first: string; last: string } {
    for (let i = 0; ; i++) {
      const first = this.pick(FIRST);
      const last = this.pick(LAST);
      const handle = `${first}.${last}${i > 20 ? i : ''}`.toLowerCase();
      if (this.taken.has(handle)) continue;
      this.taken.add(handle);
      return { handle, name: `${first} ${last}`, first, last };
    }
  }

  add(partial: Partial<SandboxUser> & Pick<SandboxUser, 'displayName' | 'userPrincipalName'>): SandboxUser {
    // The draws happen in this order (id, title, department) for every user: the tenant depends on it.
    const user = sandboxUser({ id: this.id(), jobTitle: this.pick(TITLES), department: this.pick(DEPARTMENTS), ...partial });
    this.users.push(user);
    return user;
  }

  assign(principalId: string, roleDefinitionId: string): void {
    this.roles.push({ id: this.id(), principalId, roleDefinitionId, directoryScopeId: '/' });
  }

  /** A partner/vendor account: internal Member whose contact address lives at the partner. */
  partner(extra: Partial<SandboxUser> = {}, domain = this.pick(PARTNER_DOMAINS)): SandboxUser {
    const p = this.person();
    const company = domain.split('.')[0] ?? 'partner';
    return this.add({
      displayName: `${p.name} (${company[0]?.toUpperCase()}${company.slice(1)})`,
      userPrincipalName: `${p.handle}.ext@contoso.com`,
      mail: `${p.handle}@${domain}`,
      jobTitle: 'External consultant',
      department: 'Partners',
      ...extra,
    });
  }

  employee(extra: Partial<SandboxUser> = {}): SandboxUser {
    const p = this.person();
    return this.add({ displayName: p.name, userPrincipalName: `${p.handle}@contoso.com`, mail: `${p.handle}@contoso.com`, ...extra });
  }
}

function noNotables(): DemoNotables {
  return {
    admin: '', eligible: [], otherMailsOnly: [], synced: [], pendingAcceptance: [], accepted: [], privileged: [], guestInviter: '',
    verifiedDomainMail: '', disabled: [], hostileName: '', rtlName: '', longName: '', convertedBack: '', guests: [], internalOnly: [],
  };
}

/** The tenant `b` built, with the ids and scopes the options name (the demo tenant's by default). */
function contosoTenant(b: TenantBuilder, adminUserId: string, notable: DemoNotables, opts: DemoTenantOptions): DemoTenant {
  return {
    tenantId: opts.tenantId ?? DEMO_TENANT_ID,
    displayName: 'Contoso',
    verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.com'],
    users: b.users,
    roleAssignments: b.roles,
    adminUserId,
    consentedScopes: [...(opts.consentedScopes ?? DEMO_CONSENTED_SCOPES)],
    clientId: opts.clientId ?? DEMO_CLIENT_ID,
    notable,
  };
}

/** Contoso with at least 200 users covering every case the converter must handle. */
export function buildDemoTenant(opts: DemoTenantOptions = {}): DemoTenant {
  const b = new TenantBuilder(seededRandom(opts.seed ?? 20261127));
  const total = Math.max(200, opts.userCount ?? 240);
  const n = noNotables();

  // The signed-in admin.
  const admin = b.add({ displayName: 'Megan Bowen (Admin)', userPrincipalName: DEMO_ADMIN_UPN, mail: DEMO_ADMIN_UPN, jobTitle: 'IT Administrator', department: 'IT' });
  n.admin = admin.id;
  b.assign(admin.id, ROLE.globalAdministrator);

  // Other admins: employees and a couple of partners holding privileged roles.
  const userAdmin = b.employee({ department: 'IT', jobTitle: 'Identity engineer' });
  b.assign(userAdmin.id, ROLE.userAdministrator);
  const helpdesk = b.employee({ department: 'Support', jobTitle: 'Helpdesk lead' });
  b.assign(helpdesk.id, ROLE.helpdeskAdministrator);
  b.assign(b.employee({ department: 'IT' }).id, ROLE.globalReader);
  b.assign(b.employee({ department: 'IT' }).id, ROLE.securityAdministrator);
  const partnerUserAdmin = b.partner({ jobTitle: 'Identity consultant' }, 'fabrikam.example');
  b.assign(partnerUserAdmin.id, ROLE.userAdministrator);
  const partnerPra = b.partner({ jobTitle: 'Security consultant' }, 'northwind.example');
  b.assign(partnerPra.id, ROLE.privilegedRoleAdministrator);
  const partnerGuestInviter = b.partner({}, 'tailspin.example');
  b.assign(partnerGuestInviter.id, ROLE.guestInviter);
  const partnerHelpdesk = b.partner({}, 'litware.example');
  b.assign(partnerHelpdesk.id, ROLE.helpdeskAdministrator);
  n.privileged.push(partnerUserAdmin.id, partnerPra.id, partnerHelpdesk.id);

  // Edge cases, one of each.
  n.hostileName = b.partner({ displayName: '<img src=x onerror=alert(1)>' }, 'fabrikam.example').id;
  n.rtlName = b.add({ displayName: 'ليلى حداد', userPrincipalName: 'layla.haddad.ext@contoso.com', mail: 'layla.haddad@northwind.example', department: 'Partners', jobTitle: 'External consultant' }).id;
  const longName = `Maximiliana Theodora Evangelina ${'Wolfeschlegelsteinhausenbergerdorff '.repeat(8)}`.slice(0, 300);
  n.longName = b.add({ displayName: longName, userPrincipalName: 'maximiliana.w.ext@contoso.com', mail: 'maximiliana.w@wingtip.example', department: 'Partners' }).id;
  n.verifiedDomainMail = b.add({ displayName: 'Pat Vendor (Litware)', userPrincipalName: 'pat.vendor.ext@contoso.com', mail: 'pat.vendor@contoso.onmicrosoft.com', department: 'Partners', jobTitle: 'External consultant' }).id;
  n.convertedBack = b.partner({ convertedExternalToInternal: true, creationType: null }, 'adventure-works.example').id;
  // otherMails holds an address with characters Graph refuses.
  b.partner({ mail: null, otherMails: ['jo#ann(contractor)@wingtip.example'] }, 'wingtip.example');

  // Employees synced from on-premises AD that carry a partner address.
  for (let i = 0; i < 10; i++) {
    const u = b.partner({ onPremisesSyncEnabled: true, creationType: null });
    u.onPremisesUserPrincipalName = u.userPrincipalName.replace('@contoso.com', '@corp.contoso.local');
    n.synced.push(u.id);
  }
  // Already converted.
  for (let i = 0; i < 12; i++) {
    const state = i % 3 === 0 ? 'Accepted' : 'PendingAcceptance';
    const u = b.partner({ externalUserState: state, externalUserStateChangeDateTime: b.time() });
    (state === 'Accepted' ? n.accepted : n.pendingAcceptance).push(u.id);
  }
  // External address only in otherMails (mail empty, or mail internal).
  for (let i = 0; i < 12; i++) {
    const domain = b.pick(PARTNER_DOMAINS);
    const p = b.person();
    const u = b.add({
      displayName: `${p.name} (contractor)`,
      userPrincipalName: `${p.handle}.c@contoso.com`,
      mail: i % 2 === 0 ? null : `${p.handle}.c@contoso.com`,
      otherMails: [`${p.handle}@${domain}`],
      department: 'Partners',
      jobTitle: 'Contractor',
    });
    n.otherMailsOnly.push(u.id);
  }
  // Disabled accounts: partners who left, and an employee.
  for (let i = 0; i < 5; i++) n.disabled.push(b.partner({ accountEnabled: false }).id);
  n.disabled.push(b.employee({ accountEnabled: false }).id);
  // Existing B2B guests from the partner tenants.
  for (let i = 0; i < 8; i++) {
    const p = b.person();
    const domain = b.pick(PARTNER_DOMAINS);
    const ext = `${p.handle}_${domain}#EXT#@contoso.onmicrosoft.com`;
    const u = b.add({
      displayName: p.name,
      userPrincipalName: ext,
      mail: `${p.handle}@${domain}`,
      otherMails: [`${p.handle}@${domain}`],
      userType: 'Guest',
      creationType: 'Invitation',
      externalUserState: i % 4 === 0 ? 'PendingAcceptance' : 'Accepted',
      externalUserStateChangeDateTime: b.time(),
      department: null,
      jobTitle: null,
    });
    n.guests.push(u.id);
  }
  // Eligible partners: about a third of the remaining directory.
  const remaining = total - b.users.length;
  const eligibleCount = Math.floor(remaining * 0.35);
  for (let i = 0; i < eligibleCount; i++) n.eligible.push(b.partner().id);
  n.guestInviter = partnerGuestInviter.id;
  // The rest are ordinary employees (some synced, as in a hybrid tenant).
  while (b.users.length < total) {
    const u = b.employee();
    if (b.rand() < 0.3) {
      u.onPremisesSyncEnabled = true;
      u.onPremisesUserPrincipalName = u.userPrincipalName.replace('@contoso.com', '@corp.contoso.local');
    }
    n.internalOnly.push(u.id);
  }

  return contosoTenant(b, admin.id, n, opts);
}

/** A dozen users, one per case, for focused tests. Same tenant id, client id and admin as the demo tenant. */
export function buildSmallTenant(opts: Omit<DemoTenantOptions, 'userCount'> = {}): DemoTenant {
  const b = new TenantBuilder(seededRandom(opts.seed ?? 7));
  const n = noNotables();
  const admin = b.add({ displayName: 'Megan Bowen (Admin)', userPrincipalName: DEMO_ADMIN_UPN, mail: DEMO_ADMIN_UPN, department: 'IT' });
  n.admin = admin.id;
  b.assign(admin.id, ROLE.globalAdministrator);
  n.eligible.push(
    b.add({ displayName: 'Ada Lovelace (Fabrikam)', userPrincipalName: 'ada.lovelace.ext@contoso.com', mail: 'ada@fabrikam.example', department: 'Partners' }).id,
    b.add({ displayName: 'Grace Hopper (Northwind)', userPrincipalName: 'grace.hopper.ext@contoso.com', mail: 'grace@northwind.example', department: 'Partners' }).id,
    b.add({ displayName: 'Alan Turing (Tailspin)', userPrincipalName: 'alan.turing.ext@contoso.com', mail: 'alan@tailspin.example', department: 'Partners' }).id,
  );
  n.otherMailsOnly.push(b.add({ displayName: 'Edsger Dijkstra (contractor)', userPrincipalName: 'edsger.c@contoso.com', mail: null, otherMails: ['edsger@litware.example'] }).id);
  n.synced.push(
    b.add({ displayName: 'Barbara Liskov (Wingtip)', userPrincipalName: 'barbara.liskov.ext@contoso.com', mail: 'barbara@wingtip.example', onPremisesSyncEnabled: true, onPremisesUserPrincipalName: 'barbara.liskov@corp.contoso.local' }).id,
  );
  n.pendingAcceptance.push(
    b.add({ displayName: 'Donald Knuth (Fabrikam)', userPrincipalName: 'donald.knuth.ext@contoso.com', mail: 'don@fabrikam.example', externalUserState: 'PendingAcceptance', externalUserStateChangeDateTime: '2026-10-20T10:00:00Z' }).id,
  );
  n.accepted.push(
    b.add({ displayName: 'Frances Allen (Northwind)', userPrincipalName: 'frances.allen.ext@contoso.com', mail: 'frances@northwind.example', externalUserState: 'Accepted', externalUserStateChangeDateTime: '2026-10-02T08:30:00Z' }).id,
  );
  n.verifiedDomainMail = b.add({ displayName: 'Pat Vendor (Litware)', userPrincipalName: 'pat.vendor.ext@contoso.com', mail: 'pat.vendor@contoso.onmicrosoft.com' }).id;
  n.disabled.push(b.add({ displayName: 'Ken Thompson (Tailspin)', userPrincipalName: 'ken.thompson.ext@contoso.com', mail: 'ken@tailspin.example', accountEnabled: false }).id);
  const priv = b.add({ displayName: 'Radia Perlman (Fabrikam)', userPrincipalName: 'radia.perlman.ext@contoso.com', mail: 'radia@fabrikam.example' });
  b.assign(priv.id, ROLE.userAdministrator);
  n.privileged.push(priv.id);
  const inviter = b.add({ displayName: 'Hedy Lamarr (Litware)', userPrincipalName: 'hedy.lamarr.ext@contoso.com', mail: 'hedy@litware.example' });
  b.assign(inviter.id, ROLE.guestInviter);
  n.guestInviter = inviter.id;
  n.hostileName = b.add({ displayName: '<img src=x onerror=alert(1)>', userPrincipalName: 'hostile.ext@contoso.com', mail: 'hostile@fabrikam.example' }).id;
  n.rtlName = b.add({ displayName: 'ליאור כהן', userPrincipalName: 'lior.cohen.ext@contoso.com', mail: 'lior@northwind.example' }).id;
  n.longName = b.add({ displayName: `Long ${'Name '.repeat(60)}`.slice(0, 300), userPrincipalName: 'long.name.ext@contoso.com', mail: 'long.name@wingtip.example' }).id;
  n.convertedBack = b.add({ displayName: 'John Backus (Adventure Works)', userPrincipalName: 'john.backus.ext@contoso.com', mail: 'john@adventure-works.example', convertedExternalToInternal: true }).id;
  n.guests.push(
    b.add({ displayName: 'Margaret Hamilton', userPrincipalName: 'margaret_fabrikam.example#EXT#@contoso.onmicrosoft.com', mail: 'margaret@fabrikam.example', otherMails: ['margaret@fabrikam.example'], userType: 'Guest', creationType: 'Invitation', externalUserState: 'Accepted', externalUserStateChangeDateTime: '2026-09-01T12:00:00Z' }).id,
  );
  n.internalOnly.push(b.add({ displayName: 'Lynn Conway', userPrincipalName: 'lynn.conway@contoso.com', mail: 'lynn.conway@contoso.com', department: 'Engineering' }).id);

  return contosoTenant(b, admin.id, n, opts);
}
