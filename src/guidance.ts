// What changes for the users being converted: the statements the review's "Before you convert" panel shows. Each
// is a paraphrase of a Microsoft Learn page (src/learn.ts), named by `source`; nothing here is our own opinion. The
// few that depend on the review (the tenant's Teams link, user type Guest, synced users) are chosen by `guidanceFor`.
import type { LearnPageKey } from './learn';

export interface GuidanceFact {
  id: string;
  text: string;
  source: LearnPageKey;
}

export interface GuidanceContext {
  tenantId: string;
  /** The redirect URL the invitations will carry (the review's option). */
  redirectUrl: string;
  setUserTypeGuest: boolean;
  /** Some selected users are synchronized from on-premises AD. */
  anySynced: boolean;
  /** Sponsors are set on the invitations. */
  sponsorCount: number;
}

/** The Teams address with the tenant context Learn gives for converted users (the tenant id URL-encoded). */
export function teamsTenantUrl(tenantId: string): string {
  return `https://teams.microsoft.com/?tenantId=${encodeURIComponent(tenantId)}`;
}

export function guidanceFor(ctx: GuidanceContext): GuidanceFact[] {
  const facts: GuidanceFact[] = [
    {
      id: 'keeps',
      text: 'Each user keeps their object ID, user principal name (UPN), group memberships and app assignments: nothing is deleted or re-created.',
      source: 'inviteInternalUsers',
    },
    {
      id: 'signIn',
      text: 'Once a user accepts the invitation, the account becomes a B2B user: from then on they sign in to cloud resources with their own external identity, not the internal password.',
      source: 'inviteInternalUsers',
    },
    {
      id: 'onPremises',
      text: 'Internal credentials can still reach on-premises resources after the invitation. Reset or change the internal password to prevent that.',
      source: 'inviteInternalUsers',
    },
    {
      id: 'matchDomain',
      text: 'The account the user redeems with must match the domain of their Email (User.Mail); otherwise some services, such as Teams, cannot authenticate them.',
      source: 'inviteInternalUsers',
    },
    {
      id: 'oneWay',
      text: 'The invitation is one-way: the B2B credentials cannot be removed once added. Microsoft documents only deleting and re-creating the user, or the preview "convert external users to internal users" (a beta API).',
      source: 'inviteInternalUsers',
    },
    {
      id: 'teams',
      text: `In Teams the tenant is not in the tenant picker at first; the user reaches it with the tenant's address ${teamsTenantUrl(ctx.tenantId)}, after which it appears in the picker. Other apps: the invitation's redirect URL ${ctx.redirectUrl}.`,
      source: 'inviteInternalUsers',
    },
    ctx.setUserTypeGuest
      ? {
          id: 'userTypeGuest',
          text: 'You chose to set user type to Guest: that switches these users to External Identities monthly active user (MAU) billing, which needs the tenant linked to an Azure subscription.',
          source: 'inviteInternalUsers',
        }
      : {
          id: 'userTypeMember',
          text: 'User type stays Member: converting does not change it, so billing does not switch to MAU pricing. Choose "set user type to Guest" for that (the tenant must be linked to an Azure subscription).',
          source: 'inviteInternalUsers',
        },
    {
      id: 'sponsors',
      text:
        ctx.sponsorCount > 0
          ? `The invitations name ${ctx.sponsorCount} sponsor${ctx.sponsorCount === 1 ? '' : 's'} (at most five). A sponsor is accountable for the guest; it grants the sponsor no administrative powers.`
          : 'Without sponsors in the invitation, the inviter (you) becomes the sponsor. A sponsor grants no administrative powers.',
      source: 'b2bSponsors',
    },
  ];
  if (ctx.anySynced) {
    facts.push({
      id: 'synced',
      text: 'Synchronized users: on-premises AD stays the source of authority and its changes (disabling, deleting) sync to the cloud account; users with onPremisesUserPrincipalName are blocked from conversion until the sync rule stops writing it. Handle them in on-premises AD.',
      source: 'inviteInternalUsers',
    });
  }
  return facts;
}
