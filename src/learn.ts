// The Microsoft Learn pages that every statement of fact shown to the admin comes from. A fact names its page by
// key; the UI links the page beside the statement, and the README lists them. Nothing shown as a fact without one.

export const LEARN_PAGES = {
  inviteInternalUsers: {
    title: 'Invite internal users to B2B collaboration',
    url: 'https://learn.microsoft.com/entra/external-id/invite-internal-users',
  },
  b2bSponsors: {
    title: 'Sponsors field for B2B users',
    url: 'https://learn.microsoft.com/entra/external-id/b2b-sponsors',
  },
  convertExternalToInternal: {
    title: 'Convert external users to internal users (Preview)',
    url: 'https://learn.microsoft.com/entra/identity/users/convert-external-users-internal',
  },
  convertExternalToInternalApi: {
    title: 'user: convertExternalToInternalMemberUser (Microsoft Graph beta)',
    url: 'https://learn.microsoft.com/graph/api/user-convertexternaltointernalmemberuser?view=graph-rest-beta',
  },
  invitationPost: {
    title: 'Create invitation (Microsoft Graph v1.0)',
    url: 'https://learn.microsoft.com/graph/api/invitation-post?view=graph-rest-1.0',
  },
  newMgInvitation: {
    title: 'New-MgInvitation (Microsoft Graph PowerShell)',
    url: 'https://learn.microsoft.com/powershell/module/microsoft.graph.identity.signins/new-mginvitation',
  },
  spaAppRegistration: {
    title: 'Single-page application: App registration',
    url: 'https://learn.microsoft.com/entra/identity-platform/scenario-spa-app-registration',
  },
  throttling: {
    title: 'Microsoft Graph throttling guidance',
    url: 'https://learn.microsoft.com/graph/throttling',
  },
} as const;

export type LearnPageKey = keyof typeof LEARN_PAGES;
