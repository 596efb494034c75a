// The invitation email's language defaults to the admin's own: the language of the catalogue the extension speaks
// (src/i18n), as the messageLanguage code the review offers for it (review/ui/parts/invitation-languages.ts). A
// language the review does not offer leaves the choice to Microsoft ('').
import { messageLocale } from './i18n';

const CODE_FOR_LANGUAGE: Readonly<Record<string, string>> = { en: 'en-US', de: 'de-DE', fr: 'fr-FR' };

export function defaultInvitationLanguage(): string {
  const language = messageLocale().split('-')[0]!.toLowerCase();
  return CODE_FOR_LANGUAGE[language] ?? '';
}
