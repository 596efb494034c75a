// Incremental, least-privilege consent. The admin first consents to reading (pre-flight), then to inviting,
// and only if they ask for an optional write (otherMails, userType, reset redemption) to User.ReadWrite.All.
import { graphScope, type Cloud } from './clouds';

export const SCOPE_TIERS = ['read', 'invite', 'write'] as const;
export type ScopeTier = (typeof SCOPE_TIERS)[number];

const READ = ['User.Read', 'User.Read.All', 'RoleManagement.Read.Directory'] as const;
const INVITE = [...READ, 'User.Invite.All'] as const;
const WRITE = [...INVITE, 'User.ReadWrite.All'] as const;

/** Graph permission names (no resource prefix) each tier asks for; each tier includes the one before. */
export const TIER_PERMISSIONS: Readonly<Record<ScopeTier, readonly string[]>> = { read: READ, invite: INVITE, write: WRITE };

/** What the product does against Graph, in the terms the tier is chosen by. */
export type GraphAction =
  | 'signIn'
  | 'readUsers'
  | 'readRoles'
  | 'readVerifiedDomains'
  | 'invite'
  | 'addOtherMail'
  | 'setUserTypeGuest'
  | 'resetRedemption';

const ACTION_TIER: Readonly<Record<GraphAction, ScopeTier>> = {
  signIn: 'read',
  readUsers: 'read',
  readRoles: 'read',
  readVerifiedDomains: 'read',
  invite: 'invite',
  // The three optional writes all need User.ReadWrite.All (reset redemption too, per the invitation docs).
  addOtherMail: 'write',
  setUserTypeGuest: 'write',
  resetRedemption: 'write',
};

export function tierForAction(action: GraphAction): ScopeTier {
  return ACTION_TIER[action];
}

/** The smallest tier that covers every action in the list (`read` for an empty list). */
export function tierForActions(actions: Iterable<GraphAction>): ScopeTier {
  let rank = 0;
  for (const a of actions) rank = Math.max(rank, SCOPE_TIERS.indexOf(ACTION_TIER[a]));
  return SCOPE_TIERS[rank] ?? 'read';
}

/** Scopes to request for a tier, fully qualified for the cloud's Graph resource when a cloud is given. */
export function scopesForTier(tier: ScopeTier, cloud?: Cloud): string[] {
  return TIER_PERMISSIONS[tier].map((p) => (cloud === undefined ? p : graphScope(cloud, p)));
}

/**
 * Broader permissions that also satisfy a narrower one (Graph accepts any of them for our calls), so an
 * admin whose tenant already granted e.g. Directory.Read.All is not asked again for User.Read.All.
 * Keys and values are lower-case.
 */
const SATISFIED_BY: Readonly<Record<string, readonly string[]>> = {
  'user.read': ['user.readwrite', 'user.read.all', 'user.readwrite.all', 'directory.read.all', 'directory.readwrite.all'],
  'user.read.all': ['user.readwrite.all', 'directory.read.all', 'directory.readwrite.all'],
  'rolemanagement.read.directory': [
    'rolemanagement.read.all',
    'rolemanagement.readwrite.directory',
    'directory.read.all',
    'directory.readwrite.all',
  ],
  'user.invite.all': ['user.readwrite.all', 'directory.readwrite.all'],
  'user.readwrite.all': ['directory.readwrite.all'],
  'user-converttointernal.readwrite.all': ['user.readwrite.all', 'directory.readwrite.all'],
};

/**
 * Parse a token's `scp` claim (space-separated) into lower-case permission names. Tolerates fully qualified
 * entries (`https://graph.microsoft.us/User.Read.All`) as MSAL's `scopes` result uses them.
 */
export function parseScopes(scp: string | readonly string[] | undefined | null): Set<string> {
  const list = scp === undefined || scp === null ? [] : typeof scp === 'string' ? scp.split(/\s+/) : scp;
  const out = new Set<string>();
  for (const raw of list) {
    const s = raw.trim();
    if (s === '') continue;
    const slash = s.lastIndexOf('/');
    out.add((slash >= 0 ? s.slice(slash + 1) : s).toLowerCase());
  }
  return out;
}

function hasPermission(granted: Set<string>, permission: string): boolean {
  const p = permission.toLowerCase();
  return granted.has(p) || (SATISFIED_BY[p] ?? []).some((alt) => granted.has(alt));
}

/** Permissions of the tier the granted scopes do not cover (empty when covered). */
export function missingPermissions(scp: string | readonly string[] | undefined | null, tier: ScopeTier): string[] {
  const granted = parseScopes(scp);
  return TIER_PERMISSIONS[tier].filter((p) => !hasPermission(granted, p));
}

export function coversTier(scp: string | readonly string[] | undefined | null, tier: ScopeTier): boolean {
  return missingPermissions(scp, tier).length === 0;
}

export function coversAction(scp: string | readonly string[] | undefined | null, action: GraphAction): boolean {
  return coversTier(scp, tierForAction(action));
}

/** The highest tier the granted scopes cover, or undefined when not even `read` is covered. */
export function grantedTier(scp: string | readonly string[] | undefined | null): ScopeTier | undefined {
  for (let i = SCOPE_TIERS.length - 1; i >= 0; i--) {
    const tier = SCOPE_TIERS[i];
    if (tier !== undefined && coversTier(scp, tier)) return tier;
  }
  return undefined;
}

/**
 * The undo feature's permissions (preview): reading, plus User-ConvertToInternal.ReadWrite.All, the least privileged
 * permission Learn names for convertExternalToInternalMemberUser. Outside the tier chain on purpose: asked for only
 * when the admin turns the feature on, and never implied by the write tier.
 */
export const UNDO_PERMISSIONS: readonly string[] = [...READ, 'User-ConvertToInternal.ReadWrite.All'];

export function undoScopes(cloud?: Cloud): string[] {
  return UNDO_PERMISSIONS.map((p) => (cloud === undefined ? p : graphScope(cloud, p)));
}

export function coversUndo(scp: string | readonly string[] | undefined | null): boolean {
  const granted = parseScopes(scp);
  return UNDO_PERMISSIONS.every((p) => hasPermission(granted, p));
}

/**
 * The grant carries the undo permission itself. Not coversUndo: User.ReadWrite.All satisfies Graph, but the undo
 * feature's tokens are asked for with User-ConvertToInternal.ReadWrite.All, which only a consent to it grants.
 */
export function grantsUndoPermission(scp: string | readonly string[] | undefined | null): boolean {
  return parseScopes(scp).has('user-converttointernal.readwrite.all');
}
