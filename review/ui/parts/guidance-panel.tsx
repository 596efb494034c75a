// "Before you convert": what changes for these users, each statement with the Microsoft Learn page it comes from.
// Collapsible (a <details>), closed by default so the list stays in view; the facts are src/guidance.ts's.
import { guidanceFor } from '../../../src/guidance';
import { LearnFacts } from '../../../popup/ui/LearnFacts';
import type { OptionsDraft } from '../../../src/review-options';
import type { PreflightResult } from '../../../src/messages';
import { t } from '../../../src/i18n';

export function GuidancePanel(p: { result: PreflightResult; options: OptionsDraft }) {
  const facts = guidanceFor({
    tenantId: p.result.tenantId,
    redirectUrl: p.options.inviteRedirectUrl.trim() || p.result.defaultRedirectUrl,
    setUserTypeGuest: p.options.setUserTypeGuest,
    anySynced: p.result.users.some((u) => u.graph.onPremisesSyncEnabled === true || (u.graph.onPremisesUserPrincipalName ?? '') !== ''),
    sponsorCount: (p.options.sponsors ?? []).length,
  });
  return (
    <details class="guidance" data-b2b="guidance">
      <summary>{t('review_guidance_title')}</summary>
      <LearnFacts facts={facts} label={t('review_guidance_title')} class="" />
    </details>
  );
}
