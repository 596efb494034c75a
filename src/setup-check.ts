// "Check my setup": for the signed-in account in this tenant, each thing the extension needs and whether it holds,
// with the fix — as a pure function of what the worker read (settings, the token's granted tiers, one role-holders
// read and the organization), so every line is unit-tested. Statements about roles cite Microsoft Learn:
// - inviting: https://learn.microsoft.com/en-us/graph/api/invitation-post (Guest Inviter, User Administrator,
//   Directory Writers; Global Administrator too),
// - reading role assignments: https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments,
// - reset redemption: https://learn.microsoft.com/en-us/entra/external-id/reset-redemption-status (Helpdesk
//   Administrator or User Administrator; Global Administrator too).
import { cloudEndpoints, type Cloud } from './clouds';
import { t, tn } from './i18n';
import { INVITER_ROLE_IDS, ROLE_READER_ROLE_IDS } from './preflight';
import { roleList } from './roles';
import { TIER_PERMISSIONS, type ScopeTier } from './scopes';

export const RESET_ROLE_IDS: readonly string[] = [
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
];

/** ok: holds; missing: does not hold and conversion needs it; optional: not held, needed only for some features; unknown: could not be read. */
export type SetupLineState = 'ok' | 'missing' | 'optional' | 'unknown';

export interface SetupLine {
  id: 'configured' | 'cloud' | 'signed-in' | 'consent-read' | 'consent-invite' | 'consent-write' | 'roles-readable' | 'invite-role' | 'reset-role' | 'verified-domains';
  label: string;
  state: SetupLineState;
  detail: string;
  /** What to do about it, when the state is not ok. */
  fix?: string;
}

export interface SetupFacts {
  configured: boolean;
  configProblem?: string;
  cloud: Cloud;
  account?: { username: string; tenantId: string; tenantName?: string; grantedTiers: readonly ScopeTier[]; sessionEnded?: boolean };
  /** The admin's own directory roles, when role assignments could be read; Graph's code when they could not. */
  roles?: { readable: true; held: readonly string[] } | { readable: false; code: string };
  verifiedDomains?: readonly string[];
  /** Set when the Graph reads failed as a whole (network, throttling): role and domain lines are then unknown. */
  readProblem?: string;
}

const names = (ids: readonly string[]) => roleList(ids, 'or');

function consentLine(tier: ScopeTier, granted: readonly ScopeTier[] | undefined): SetupLine {
  const id = `consent-${tier}` as const;
  const permissions = TIER_PERMISSIONS[tier].join(', ');
  const purpose = t(tier === 'read' ? 'setup_purpose_read' : tier === 'invite' ? 'setup_purpose_invite' : 'setup_purpose_write');
  const label = t('setup_consent_label', { purpose });
  if (granted === undefined) return { id, label, state: 'unknown', detail: t('setup_consent_beforeSignIn', { permissions }), fix: t('setup_fix_signIn') };
  if (granted.includes(tier)) return { id, label, state: 'ok', detail: t('setup_consent_granted', { permissions }) };
  if (tier === 'write') return { id, label, state: 'optional', detail: t('setup_consent_optional', { permissions, purpose }) };
  return { id, label, state: 'missing', detail: t('setup_consent_missing', { permissions }), fix: t('setup_fix_consent') };
}

export function checkSetup(f: SetupFacts): SetupLine[] {
  const lines: SetupLine[] = [];
  const endpoints = cloudEndpoints(f.cloud);
  const app = t('setup_app_label');
  lines.push(
    f.configured
      ? { id: 'configured', label: app, state: 'ok', detail: t('setup_app_ok') }
      : { id: 'configured', label: app, state: 'missing', detail: f.configProblem ?? t('setup_app_missing'), fix: t('setup_app_fix') },
  );
  lines.push({ id: 'cloud', label: t('setup_cloud_label'), state: 'ok', detail: t('setup_cloud_detail', { cloud: endpoints.label, login: endpoints.loginHost, graph: endpoints.graphHost }) });

  const account = f.account;
  const signedIn = t('setup_signedIn_label');
  if (!account) {
    lines.push({ id: 'signed-in', label: signedIn, state: 'missing', detail: t('setup_signedIn_no'), fix: f.configured ? t('setup_fix_signIn') : t('setup_fix_configureFirst') });
  } else if (account.sessionEnded) {
    lines.push({ id: 'signed-in', label: signedIn, state: 'missing', detail: t('setup_signedIn_ended', { user: account.username }), fix: t('setup_fix_signInAgain') });
  } else {
    const tenant = account.tenantName ? `${account.tenantName} (${account.tenantId})` : account.tenantId;
    lines.push({ id: 'signed-in', label: signedIn, state: 'ok', detail: t('setup_signedIn_ok', { tenant, user: account.username }) });
  }
  const granted = account && !account.sessionEnded ? account.grantedTiers : undefined;
  for (const tier of ['read', 'invite', 'write'] as const) lines.push(consentLine(tier, granted));
  lines.push(...roleLines(f, account !== undefined && account.sessionEnded !== true));
  lines.push(domainLine(f, unknownBecause(f, account !== undefined && account.sessionEnded !== true)));
  return lines;
}

function unknownBecause(f: SetupFacts, signedIn: boolean): string {
  return f.readProblem ?? (signedIn ? t('setup_unknown_rolesUnread') : t('setup_unknown_beforeSignIn'));
}

function roleLines(f: SetupFacts, signedIn: boolean): SetupLine[] {
  const readable = t('setup_rolesReadable_label');
  const invite = t('setup_inviteRole_label');
  const reset = t('setup_resetRole_label');
  const roles = f.roles;
  if (!roles) {
    const detail = unknownBecause(f, signedIn);
    return [
      { id: 'roles-readable', label: readable, state: 'unknown', detail },
      { id: 'invite-role', label: invite, state: 'unknown', detail },
      { id: 'reset-role', label: reset, state: 'unknown', detail },
    ];
  }
  if (!roles.readable) {
    const unreadable = t('setup_roles_unreadable');
    return [
      {
        id: 'roles-readable',
        label: readable,
        state: 'missing',
        detail: t('setup_rolesReadable_refused', { code: roles.code }),
        fix: t('setup_rolesReadable_fix', { roles: names(ROLE_READER_ROLE_IDS) }),
      },
      { id: 'invite-role', label: invite, state: 'unknown', detail: t('setup_inviteRole_unknown', { roles: names(INVITER_ROLE_IDS), unreadable }) },
      { id: 'reset-role', label: reset, state: 'unknown', detail: t('setup_resetRole_unknown', { roles: names(RESET_ROLE_IDS), unreadable }) },
    ];
  }
  const held = new Set(roles.held.map((r) => r.toLowerCase()));
  const inviter = INVITER_ROLE_IDS.filter((r) => held.has(r));
  const resetter = RESET_ROLE_IDS.filter((r) => held.has(r));
  return [
    { id: 'roles-readable', label: readable, state: 'ok', detail: t('setup_rolesReadable_ok') },
    inviter.length > 0
      ? { id: 'invite-role', label: invite, state: 'ok', detail: tn('setup_roles_held', inviter.length, { roles: roleList(inviter, 'and') }) }
      : {
          id: 'invite-role',
          label: invite,
          state: 'missing',
          detail: t('setup_inviteRole_missing', { roles: names(INVITER_ROLE_IDS) }),
          fix: t('setup_inviteRole_fix', { roles: names(INVITER_ROLE_IDS.slice(1, 3)) }),
        },
    resetter.length > 0
      ? { id: 'reset-role', label: reset, state: 'ok', detail: tn('setup_roles_held', resetter.length, { roles: roleList(resetter, 'and') }) }
      : { id: 'reset-role', label: reset, state: 'optional', detail: t('setup_resetRole_missing', { roles: names(RESET_ROLE_IDS) }) },
  ];
}

function domainLine(f: SetupFacts, unknown: string): SetupLine {
  const label = t('setup_domains_label');
  const domains = f.verifiedDomains;
  if (domains === undefined) return { id: 'verified-domains', label, state: 'unknown', detail: unknown };
  if (domains.length === 0) return { id: 'verified-domains', label, state: 'missing', detail: t('setup_domains_none'), fix: t('setup_domains_fix') };
  const shown = `${domains.slice(0, 5).join(', ')}${domains.length > 5 ? ', …' : ''}`;
  return { id: 'verified-domains', label, state: 'ok', detail: tn('setup_domains_ok', domains.length, { domains: shown }) };
}
