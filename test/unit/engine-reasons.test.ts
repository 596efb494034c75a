// The engine's own reasons reach the admin in the admin's language, from their code; Graph's answers get Graph's
// advice; a reason we have no sentence for is shown as the engine wrote it.
import { describe, expect, it } from 'vitest';
import { reasonText } from '../../src/engine-reasons';
import { useLocale } from '../support/i18n';

describe('reasonText', () => {
  it('translates the engine’s codes, whatever language the record was written in', () => {
    const stored = { status: 0, code: 'AlreadyExternal', message: 'The user already has an external (B2B) state; it was not invited by this job.' };
    expect(reasonText(stored)).toBe(stored.message);
    useLocale('de');
    expect(reasonText(stored)).toBe('Der Benutzer hat bereits einen externen Status (B2B); er wurde nicht von diesem Auftrag eingeladen.');
    useLocale('fr');
    expect(reasonText({ ...stored, code: 'SignedInAdmin' })).toBe('L’administrateur connecté n’est jamais converti.');
  });

  it('gives Graph’s answers the advice for their kind, and a lost connection the network advice', () => {
    expect(reasonText({ status: 403, code: 'Authorization_RequestDenied', message: 'Insufficient privileges' })).toMatch(/lack of permission/);
    expect(reasonText({ status: 0, code: 'NetworkError', message: 'Failed to fetch' })).toMatch(/could not be reached/);
  });

  it('shows a reason it has no sentence for as written', () => {
    expect(reasonText({ status: 0, code: 'SomethingNew', message: 'As written.' })).toBe('As written.');
  });
});
