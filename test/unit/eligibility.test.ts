import { describe, expect, it } from 'vitest';
import { PRIVILEGED_ROLE_TEMPLATE_IDS, evaluateEligibility, isPrivilegedRole, privilegedRolesOf, type EligibilityInput } from '../../src/eligibility';
import type { GraphUser } from '../../src/users';
import { graphUser } from '../support/graph-user';

const GA = '62e90394-69f5-4237-9190-012177145e10';
const USER_ADMIN = 'fe930be7-5e62-47db-91af-98c3a49a38b1';
const GUEST_INVITER = '95e79109-95c0-4d8e-aee3-d01accf2d47b';

function user(over: Partial<GraphUser> = {}): GraphUser {
  return graphUser('u1', { displayName: 'Ada', userPrincipalName: 'ada@contoso.com', mail: 'ada@fabrikam.example', ...over });
}

function input(over: Partial<EligibilityInput> = {}): EligibilityInput {
  return { user: user(), roles: [], signedInUserId: 'admin', verifiedDomains: ['contoso.com'], proposedEmail: 'ada@fabrikam.example', ...over };
}

const codes = (i: EligibilityInput) => evaluateEligibility(i).reasons.map((r) => r.code);

describe('eligibility', () => {
  it('passes a plain internal user with an external mail', () => {
    expect(evaluateEligibility(input())).toEqual({ status: 'eligible', reasons: [] });
  });

  it('blocks a user that no longer exists, and nothing else', () => {
    const r = evaluateEligibility(input({ user: undefined }));
    expect(r.status).toBe('blocked');
    expect(r.reasons.map((x) => x.code)).toEqual(['userNotFound']);
  });

  it('blocks synced, already external, self', () => {
    expect(codes(input({ user: user({ onPremisesUserPrincipalName: 'ada@corp.local' }) }))).toEqual(['synced']);
    expect(codes(input({ user: user({ onPremisesSyncEnabled: true }) }))).toEqual(['synced']);
    expect(codes(input({ user: user({ externalUserState: 'PendingAcceptance' }) }))).toEqual(['alreadyExternal']);
    expect(codes(input({ signedInUserId: 'U1' }))).toEqual(['signedInAdmin']);
  });

  it('reports every reason at once', () => {
    const r = evaluateEligibility(input({ user: user({ onPremisesUserPrincipalName: 'x', accountEnabled: false }), roles: [GA], proposedEmail: '' }));
    expect(r.status).toBe('blocked');
    expect(r.reasons.map((x) => [x.code, x.severity])).toEqual([
      ['synced', 'blocked'],
      ['privilegedRole', 'blocked'],
      ['noValidEmail', 'blocked'],
      ['accountDisabled', 'warning'],
    ]);
  });

  it('blocks email problems: none, invalid, verified domain', () => {
    expect(codes(input({ proposedEmail: '' }))).toEqual(['noValidEmail']);
    expect(evaluateEligibility(input({ proposedEmail: 'a;b@fabrikam.example' })).reasons[0]?.message).toMatch(/not valid/);
    expect(codes(input({ proposedEmail: 'ada@CONTOSO.com' }))).toEqual(['emailInVerifiedDomain']);
  });

  it('warns when the email is not on the user, offering the otherMails fix with the write tier', () => {
    const r = evaluateEligibility(input({ proposedEmail: 'ada@other.example' }));
    expect(r.status).toBe('warning');
    expect(r.reasons[0]).toMatchObject({
      code: 'emailNotOnUser',
      severity: 'warning',
      overridable: false,
      fix: { action: 'addToOtherMails', scopeTier: 'write', email: 'ada@other.example' },
    });
    expect(codes(input({ user: user({ mail: 'ada@other.example' }), proposedEmail: 'ADA@other.example' }))).toEqual([]);
  });

  // https://learn.microsoft.com/en-us/entra/external-id/invite-internal-users asks for the address in mail.
  it('an address only in otherMails is a warning offering the documented fix: set mail (when mail is empty)', () => {
    const r = evaluateEligibility(input({ user: user({ mail: null, otherMails: ['ADA@other.example'] }), proposedEmail: 'ada@other.example' }));
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'emailNotInMail', severity: 'warning', fix: { action: 'setMail', scopeTier: 'write', email: 'ada@other.example' } })]);
    // With a mailbox address in mail, only Exchange can change it: no fix, and the message says why.
    const boxed = evaluateEligibility(input({ user: user({ mail: 'ada@contoso.example', otherMails: ['ada@other.example'] }), proposedEmail: 'ada@other.example' }));
    expect(boxed.reasons[0]).toMatchObject({ code: 'emailNotInMail' });
    expect(boxed.reasons[0]?.fix).toBeUndefined();
    expect(boxed.reasons[0]?.message).toMatch(/only Exchange can change/);
    // Not on the user at all and mail empty: set mail is the fix offered.
    expect(evaluateEligibility(input({ user: user({ mail: null }), proposedEmail: 'ada@other.example' })).reasons[0]?.fix?.action).toBe('setMail');
  });

  it('checks the write before offering it: no accents, otherMails not full, and names a role that blocks it', () => {
    const accented = evaluateEligibility(input({ user: user({ mail: null }), proposedEmail: 'rené@other.example' }));
    expect(accented.reasons.find((r) => r.code === 'emailNotOnUser')?.fix).toBeUndefined();
    const full = evaluateEligibility(input({ user: user({ mail: 'ada@contoso.example', otherMails: Array.from({ length: 250 }, (_, i) => `a${i}@x.example`) }), proposedEmail: 'ada@other.example' }));
    expect(full.reasons.find((r) => r.code === 'emailNotOnUser')).toMatchObject({ message: expect.stringMatching(/250 other emails/) });
    expect(full.reasons.find((r) => r.code === 'emailNotOnUser')?.fix).toBeUndefined();
    // https://learn.microsoft.com/en-us/graph/api/user-update: a Helpdesk Administrator's email addresses may only be
    // changed by a Global Administrator or Privileged Authentication Administrator; a Guest Inviter's by anyone allowed.
    const helpdesk = evaluateEligibility(input({ user: user({ mail: null }), roles: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'], proposedEmail: 'ada@other.example', privilegedOverride: { userId: 'u1', acknowledgedRoleIds: ['729827e3-9c14-49f7-bb1b-9608f156bbb8'], confirmed: true, confirmedAgain: true } }));
    expect(helpdesk.reasons.find((r) => r.code === 'emailWriteBlockedByRole')?.message).toMatch(/Helpdesk Administrator.*Global Administrator or Privileged Authentication Administrator/);
    expect(codes(input({ user: user({ mail: null }), roles: [GUEST_INVITER], proposedEmail: 'ada@other.example' }))).not.toContain('emailWriteBlockedByRole');
  });

  it('warns for a disabled account', () => {
    const r = evaluateEligibility(input({ user: user({ accountEnabled: false }) }));
    expect(r.status).toBe('warning');
    expect(r.reasons[0]?.code).toBe('accountDisabled');
  });

  describe('privileged roles', () => {
    it('lists the fourteen privileged roles; Guest Inviter is not one', () => {
      expect(PRIVILEGED_ROLE_TEMPLATE_IDS).toHaveLength(14);
      expect(isPrivilegedRole(GA.toUpperCase())).toBe(true);
      expect(isPrivilegedRole(GUEST_INVITER)).toBe(false);
      expect(privilegedRolesOf([GUEST_INVITER, USER_ADMIN, GA, GA])).toEqual([GA, USER_ADMIN]);
    });

    it('blocks a holder as overridable, naming the roles', () => {
      const r = evaluateEligibility(input({ roles: [USER_ADMIN, GUEST_INVITER] }));
      expect(r.status).toBe('blocked');
      expect(r.reasons[0]).toMatchObject({ code: 'privilegedRole', overridable: true, roleIds: [USER_ADMIN] });
      expect(r.reasons[0]?.message).toMatch(/User Administrator/);
      expect(codes(input({ roles: [GUEST_INVITER] }))).toEqual([]);
    });

    it('needs both confirmations, for this user, covering every held role', () => {
      const roles = [GA, USER_ADMIN];
      const ok = { userId: 'u1', acknowledgedRoleIds: roles, confirmed: true, confirmedAgain: true };
      const r = evaluateEligibility(input({ roles, privilegedOverride: ok }));
      expect(r.status).toBe('warning');
      expect(r.reasons[0]).toMatchObject({ code: 'privilegedRoleOverridden', severity: 'warning' });

      expect(codes(input({ roles, privilegedOverride: { ...ok, confirmedAgain: false } }))).toEqual(['privilegedRole']);
      expect(codes(input({ roles, privilegedOverride: { ...ok, userId: 'u2' } }))).toEqual(['privilegedRole']);
      expect(codes(input({ roles, privilegedOverride: { ...ok, acknowledgedRoleIds: [GA] } }))).toEqual(['privilegedRole']);
    });

    it('an override never lifts other blocks', () => {
      const r = evaluateEligibility(input({ roles: [GA], signedInUserId: 'u1', privilegedOverride: { userId: 'u1', acknowledgedRoleIds: [GA], confirmed: true, confirmedAgain: true } }));
      expect(r.status).toBe('blocked');
      expect(r.reasons.map((x) => x.code)).toEqual(['signedInAdmin', 'privilegedRoleOverridden']);
    });
  });
});
