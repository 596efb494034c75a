// "Check my setup": for the signed-in account in this tenant, each thing the extension needs and whether it holds,
// with the fix — as a pure function of what the worker read (settings, the token's granted tiers, one role-holders
// read and the organization), so every line is unit-tested. Statements about roles cite Microsoft Learn:
// - inviting: https://learn.microsoft.com/en-us/graph/api/invitation-post (Guest Inviter, User Administrator,
//   Directory Writers; Global Administrator too),
// - reading role assignments: https://learn.microsoft.com/en-us/graph/api/rbacapplication-list-roleassignments,
// - reset redemption: https://learn.microsoft.com/en-us/entra/external-id/reset-redemption-status (Helpdesk
//   Administrator or User Administrator; Global Administrator too).
import { cloudEndpoints, type Cloud } from './clouds';
import { ROLE_NAMES } from './eligibility';
import { INVITER_ROLE_IDS, ROLE_READER_ROLE_NAMES } from './preflight';
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

const roleName = (id: string) => ROLE_NAMES[id.toLowerCase()] ?? id;
const names = (ids: readonly string[]) => {
  const list = ids.map(roleName);
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} or ${list.at(-1)}`;
};

const CONSENT_FIX =
  'Sign in again and accept the permissions, or grant admin consent on the app registration\'s API permissions page (Entra admin center → App registrations → your app → API permissions).';

function consentLine(tier: ScopeTier, granted: readonly ScopeTier[] | undefined): SetupLine {
  const id = `consent-${tier}` as const;
  const permissions = TIER_PERMISSIONS[tier].join(', ');
  const purpose = { read: 'reading users and their roles for the review', invite: 'converting users', write: 'adding an address to other emails, setting mail or user type, resetting redemption' }[tier];
  const label = `Permission for ${purpose}`;
  if (granted === undefined) return { id, label, state: 'unknown', detail: `${permissions}: not known until you sign in.`, fix: 'Sign in.' };
  if (granted.includes(tier)) return { id, label, state: 'ok', detail: `Granted: ${permissions}.` };
  if (tier === 'write') {
    return { id, label, state: 'optional', detail: `Not granted: ${permissions}. Only needed for ${purpose}; the extension asks when you choose such an option.` };
  }
  return { id, label, state: 'missing', detail: `Not granted: ${permissions}.`, fix: CONSENT_FIX };
}

export function checkSetup(f: SetupFacts): SetupLine[] {
  const lines: SetupLine[] = [];
  const endpoints = cloudEndpoints(f.cloud);
  lines.push(
    f.configured
      ? { id: 'configured', label: 'App registration', state: 'ok', detail: 'The Application (client) ID and tenant are set.' }
      : { id: 'configured', label: 'App registration', state: 'missing', detail: f.configProblem ?? 'The Application (client) ID is not set.', fix: 'Register the app (see the steps on this page), paste its Application (client) ID above and Save.' },
  );
  lines.push({ id: 'cloud', label: 'Cloud', state: 'ok', detail: `${endpoints.label}: sign-in at ${endpoints.loginHost}, Microsoft Graph at ${endpoints.graphHost}.` });

  const account = f.account;
  if (!account) {
    lines.push({ id: 'signed-in', label: 'Signed in', state: 'missing', detail: 'Not signed in.', fix: f.configured ? 'Sign in.' : 'Set the Application (client) ID first, then sign in.' });
  } else if (account.sessionEnded) {
    lines.push({ id: 'signed-in', label: 'Signed in', state: 'missing', detail: `Signed in as ${account.username} — session ended.`, fix: 'Sign in again.' });
  } else {
    const tenant = account.tenantName ? `${account.tenantName} (${account.tenantId})` : account.tenantId;
    lines.push({ id: 'signed-in', label: 'Signed in', state: 'ok', detail: `Signed in as ${account.username} in ${tenant}.` });
  }
  const granted = account && !account.sessionEnded ? account.grantedTiers : undefined;
  for (const tier of ['read', 'invite', 'write'] as const) lines.push(consentLine(tier, granted));

  const unknownBecause = f.readProblem ?? (account && !account.sessionEnded ? 'The roles could not be read.' : 'Not known until you sign in.');
  const roles = f.roles;
  if (!roles) {
    lines.push({ id: 'roles-readable', label: 'Reading directory roles', state: 'unknown', detail: unknownBecause });
    lines.push({ id: 'invite-role', label: 'A role that may convert users', state: 'unknown', detail: unknownBecause });
    lines.push({ id: 'reset-role', label: 'A role that may reset redemption', state: 'unknown', detail: unknownBecause });
  } else if (!roles.readable) {
    const readers = `${ROLE_READER_ROLE_NAMES.slice(0, -1).join(', ')} or ${ROLE_READER_ROLE_NAMES.at(-1)}`;
    lines.push({
      id: 'roles-readable',
      label: 'Reading directory roles',
      state: 'missing',
      detail: `Microsoft Graph refused to read role assignments (${roles.code}): the review cannot tell whether a selected user is an administrator, and asks you to acknowledge that before converting.`,
      fix: `The ${readers} role allows the check (activate it in Privileged Identity Management if you are eligible).`,
    });
    const unreadable = 'Your roles could not be read (see above).';
    lines.push({ id: 'invite-role', label: 'A role that may convert users', state: 'unknown', detail: `${unreadable} Converting needs ${names(INVITER_ROLE_IDS)}.` });
    lines.push({ id: 'reset-role', label: 'A role that may reset redemption', state: 'unknown', detail: `${unreadable} Resetting redemption needs ${names(RESET_ROLE_IDS)}.` });
  } else {
    lines.push({ id: 'roles-readable', label: 'Reading directory roles', state: 'ok', detail: 'Role assignments can be read: the review checks every selected user for administrator roles.' });
    const held = new Set(roles.held.map((r) => r.toLowerCase()));
    const inviter = INVITER_ROLE_IDS.filter((r) => held.has(r));
    lines.push(
      inviter.length > 0
        ? { id: 'invite-role', label: 'A role that may convert users', state: 'ok', detail: `You hold ${names(inviter)}.` }
        : { id: 'invite-role', label: 'A role that may convert users', state: 'missing', detail: `You hold none of ${names(INVITER_ROLE_IDS)}: Microsoft Graph refuses invitations (403).`, fix: `Ask a Privileged Role Administrator for ${names(INVITER_ROLE_IDS.slice(1, 3))}, or activate it in Privileged Identity Management if you are eligible.` },
    );
    const reset = RESET_ROLE_IDS.filter((r) => held.has(r));
    lines.push(
      reset.length > 0
        ? { id: 'reset-role', label: 'A role that may reset redemption', state: 'ok', detail: `You hold ${names(reset)}.` }
        : { id: 'reset-role', label: 'A role that may reset redemption', state: 'optional', detail: `You hold none of ${names(RESET_ROLE_IDS)}: converting works; resetting a user's redemption does not.` },
    );
  }

  const domains = f.verifiedDomains;
  if (domains === undefined) {
    lines.push({ id: 'verified-domains', label: 'Verified domains', state: 'unknown', detail: unknownBecause });
  } else if (domains.length === 0) {
    lines.push({ id: 'verified-domains', label: 'Verified domains', state: 'missing', detail: 'No verified domain was read: an address in your own domains could not be told from an external one.', fix: 'Sign in with an account of this tenant that may read the organization.' });
  } else {
    const shown = domains.slice(0, 5).join(', ');
    lines.push({ id: 'verified-domains', label: 'Verified domains', state: 'ok', detail: `${domains.length} verified: ${shown}${domains.length > 5 ? ', …' : ''}. An address in these domains is never used as an external email.` });
  }
  return lines;
}
