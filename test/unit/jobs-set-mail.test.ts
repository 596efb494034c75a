// The job's address step in its documented form: set `mail` to the address (Learn's guide for inviting internal
// users asks for it there: https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users).
import { describe, expect, it } from 'vitest';
import { nextStep, STEP_FLAG, type JobItemInput } from '../../src/jobs/model';
import { addOtherMailRequest } from '../../src/jobs/requests';
import { decodeItemChunk, encodeItem } from '../../src/jobs/schema';
import { verifyStep } from '../../src/jobs/verify';
import { contractProblems } from '../contract/graph-contract';

const item: JobItemInput = { userId: 'u/1', userPrincipalName: 'a@contoso.com', displayName: 'A', email: 'a@fabrikam.example', addToOtherMails: false, setMail: true, setGuest: false };
const state = (mail: string | null, otherMails: string[] = []) => ({ externalUserState: null, userType: 'Member', mail, otherMails });

describe('set mail as the address step', () => {
  it('runs before the invitation and PATCHes mail (id URL-encoded), a body the v1.0 metadata accepts', () => {
    expect(nextStep(item, 0)).toBe('addingEmail');
    expect(nextStep(item, STEP_FLAG.addingEmail)).toBe('inviting');
    const req = addOtherMailRequest('1', item, ['x@y.example']);
    expect(req).toMatchObject({ method: 'PATCH', url: '/users/u%2F1', body: { mail: 'a@fabrikam.example' } });
    expect(contractProblems({ method: req.method, url: req.url, body: req.body })).toEqual([]);
  });

  it('counts as applied only when mail holds the address (otherMails is not where it was asked for)', () => {
    expect(verifyStep('addingEmail', item, state(null, ['a@fabrikam.example']))).toBe('not-applied');
    expect(verifyStep('addingEmail', item, state('A@fabrikam.example'))).toBe('applied');
    expect(verifyStep('addingEmail', { ...item, setMail: false, addToOtherMails: true }, state(null, ['a@fabrikam.example']))).toBe('applied');
  });

  it('survives storage: the flag is kept, and items without it read back without it', () => {
    expect(decodeItemChunk({ v: 1, items: [encodeItem(item)] }, 'chunk')[0]).toMatchObject({ setMail: true });
    expect(decodeItemChunk({ v: 1, items: [encodeItem({ ...item, setMail: false })] }, 'chunk')[0]).not.toHaveProperty('setMail');
  });
});
