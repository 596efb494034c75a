// The Microsoft Learn pages that every statement of fact shown to the admin comes from. A fact names its page by
// key; the UI links the page beside the statement, and the README lists them. Nothing shown as a fact without one.
// The URLs carry no locale: Learn opens each page in the reader's language. Titles come from the catalogue
// (learn_*, the page's title in that language), read when shown.
import { t } from './i18n';

export const LEARN_PAGES = {
  inviteInternalUsers: {
    get title() {
      return t('learn_inviteInternalUsers');
    },
    url: 'https://learn.microsoft.com/entra/external-id/invite-internal-users',
  },
  b2bSponsors: {
    get title() {
      return t('learn_b2bSponsors');
    },
    url: 'https://learn.microsoft.com/entra/external-id/b2b-sponsors',
  },
  convertExternalToInternal: {
    get title() {
      return t('learn_convertExternalToInternal');
    },
    url: 'https://learn.microsoft.com/entra/identity/users/convert-external-users-internal',
  },
  convertExternalToInternalApi: {
    get title() {
      return t('learn_convertExternalToInternalApi');
    },
    url: 'https://learn.microsoft.com/graph/api/user-convertexternaltointernalmemberuser?view=graph-rest-beta',
  },
  invitationPost: {
    get title() {
      return t('learn_invitationPost');
    },
    url: 'https://learn.microsoft.com/graph/api/invitation-post?view=graph-rest-1.0',
  },
  newMgInvitation: {
    get title() {
      return t('learn_newMgInvitation');
    },
    url: 'https://learn.microsoft.com/powershell/module/microsoft.graph.identity.signins/new-mginvitation',
  },
  spaAppRegistration: {
    get title() {
      return t('learn_spaAppRegistration');
    },
    url: 'https://learn.microsoft.com/entra/identity-platform/scenario-spa-app-registration',
  },
  throttling: {
    get title() {
      return t('learn_throttling');
    },
    url: 'https://learn.microsoft.com/graph/throttling',
  },
} as const;

export type LearnPageKey = keyof typeof LEARN_PAGES;
