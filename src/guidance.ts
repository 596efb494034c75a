// What changes for the users being converted: the statements the review's "Before you convert" panel shows. Each
// is a paraphrase of a Microsoft Learn page (src/learn.ts), named by `source`; nothing here is our own opinion. The
// few that depend on the review (the tenant's Teams link, user type Guest, synced users) are chosen by `guidanceFor`.
import { t, tn } from './i18n';
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
      text: t('review_fact_keeps'),
      source: 'inviteInternalUsers',
    },
    {
      id: 'signIn',
      text: t('review_fact_signIn'),
      source: 'inviteInternalUsers',
    },
    {
      id: 'onPremises',
      text: t('review_fact_onPremises'),
      source: 'inviteInternalUsers',
    },
    {
      id: 'matchDomain',
      text: t('review_fact_matchDomain'),
      source: 'inviteInternalUsers',
    },
    {
      id: 'oneWay',
      text: t('review_fact_oneWay'),
      source: 'inviteInternalUsers',
    },
    {
      id: 'teams',
      text: t('review_fact_teams', { teamsUrl: teamsTenantUrl(ctx.tenantId), redirectUrl: ctx.redirectUrl }),
      source: 'inviteInternalUsers',
    },
    ctx.setUserTypeGuest
      ? {
          id: 'userTypeGuest',
          text: t('review_fact_userTypeGuest'),
          source: 'inviteInternalUsers',
        }
      : {
          id: 'userTypeMember',
          text: t('review_fact_userTypeMember'),
          source: 'inviteInternalUsers',
        },
    {
      id: 'sponsors',
      text:
        ctx.sponsorCount > 0
          ? tn('review_fact_sponsors', ctx.sponsorCount)
          : t('review_fact_noSponsors'),
      source: 'b2bSponsors',
    },
  ];
  if (ctx.anySynced) {
    facts.push({
      id: 'synced',
      text: t('review_fact_synced'),
      source: 'inviteInternalUsers',
    });
  }
  return facts;
}
