import { describe, expect, it } from 'vitest';
import { emailDomain, emailSyntaxError, isEmailOnUser, isInVerifiedDomain, isValidEmail, resolveProposedEmail, validateEmailEdits } from '../../src/email';

const VERIFIED = ['contoso.onmicrosoft.com', 'Contoso.com'];

describe('email syntax', () => {
  it('accepts ordinary addresses, underscores and apostrophes', () => {
    for (const e of ['ada@fabrikam.example', 'ada_lovelace@fabrikam.example', 'a.b-c@sub.fabrikam.example', "o'brien@fabrikam.example", 'x@bücher.example']) {
      expect(isValidEmail(e), e).toBe(true);
    }
  });

  it('refuses every disallowed character', () => {
    for (const ch of '~!#$%^&*()+=[]{}\\/|;:"<>?,') {
      expect(emailSyntaxError(`a${ch}b@fabrikam.example`), ch).toBe('disallowedCharacter');
    }
  });

  it('refuses dots and hyphens at the local part edges, and structural problems', () => {
    expect(emailSyntaxError('.ada@fabrikam.example')).toBe('localPartEdge');
    expect(emailSyntaxError('ada.@fabrikam.example')).toBe('localPartEdge');
    expect(emailSyntaxError('-ada@fabrikam.example')).toBe('localPartEdge');
    expect(emailSyntaxError('ada-@fabrikam.example')).toBe('localPartEdge');
    expect(emailSyntaxError('ada@fabrikam')).toBe('invalidDomain');
    expect(emailSyntaxError('ada@-fabrikam.example')).toBe('invalidDomain');
    expect(emailSyntaxError('ada@fabrikam..example')).toBe('invalidDomain');
    expect(emailSyntaxError('ada.fabrikam.example')).toBe('missingAt');
    expect(emailSyntaxError('a@b@fabrikam.example')).toBe('multipleAt');
    expect(emailSyntaxError('a da@fabrikam.example')).toBe('whitespace');
    expect(emailSyntaxError('@fabrikam.example')).toBe('emptyLocalPart');
    expect(emailSyntaxError('a..b@fabrikam.example')).toBe('consecutiveDots');
    expect(emailSyntaxError('  ')).toBe('empty');
  });
});

describe('verified domains', () => {
  it('matches the domain case-insensitively and exactly', () => {
    expect(emailDomain('Ada@Contoso.COM')).toBe('contoso.com');
    expect(isInVerifiedDomain('ada@CONTOSO.com', VERIFIED)).toBe(true);
    expect(isInVerifiedDomain('ada@contoso.onmicrosoft.com', VERIFIED)).toBe(true);
  });

  it('does not treat an unverified subdomain as verified (Graph lists each verified domain)', () => {
    expect(isInVerifiedDomain('ada@eu.contoso.com', VERIFIED)).toBe(false);
    expect(isInVerifiedDomain('ada@eu.contoso.com', [...VERIFIED, 'eu.contoso.com'])).toBe(true);
    expect(isInVerifiedDomain('ada@notcontoso.com', VERIFIED)).toBe(false);
  });
});

describe('proposed email', () => {
  it('prefers mail when it is external', () => {
    expect(resolveProposedEmail({ mail: 'ada@fabrikam.example', otherMails: ['x@y.example'] }, VERIFIED)).toEqual({ email: 'ada@fabrikam.example', source: 'mail' });
  });

  it('falls back to the first external otherMails entry', () => {
    expect(resolveProposedEmail({ mail: 'ada@contoso.com', otherMails: ['a@contoso.onmicrosoft.com', 'ada@fabrikam.example', 'b@c.example'] }, VERIFIED)).toEqual({
      email: 'ada@fabrikam.example',
      source: 'otherMails',
    });
  });

  it('explains why nothing was proposed', () => {
    expect(resolveProposedEmail({ mail: null, otherMails: [] }, VERIFIED)).toEqual({ email: '', source: 'none', reason: 'noAddresses' });
    expect(resolveProposedEmail({ mail: 'ada@contoso.com', otherMails: [] }, VERIFIED)).toEqual({ email: '', source: 'none', reason: 'allInVerifiedDomains' });
    expect(resolveProposedEmail({ mail: 'ad(a@fabrikam.example', otherMails: [] }, VERIFIED).reason).toBe('noValidAddress');
  });

  it('knows whether an address is on the user object', () => {
    expect(isEmailOnUser('ADA@fabrikam.example', { mail: null, otherMails: ['ada@Fabrikam.example'] })).toBe(true);
    expect(isEmailOnUser('ada@fabrikam.example', { mail: 'other@fabrikam.example', otherMails: [] })).toBe(false);
  });
});

describe('validateEmailEdits', () => {
  it('reports one specific error per failing row', () => {
    const errors = validateEmailEdits(
      [
        { id: '1', email: 'ada@fabrikam.example' },
        { id: '2', email: '' },
        { id: '3', email: 'bad,address@fabrikam.example' },
        { id: '4', email: 'bob@contoso.com' },
        { id: '5', email: 'ADA@fabrikam.example ' },
        { id: '6', email: 'carol@fabrikam.example' },
      ],
      VERIFIED,
    );
    expect(errors.map((e) => [e.id, e.code])).toEqual([
      ['1', 'duplicate'],
      ['2', 'empty'],
      ['3', 'syntax'],
      ['4', 'verifiedDomain'],
      ['5', 'duplicate'],
    ]);
    expect(errors.find((e) => e.id === '4')?.message).toMatch(/contoso\.com is a verified domain/);
    expect(errors.find((e) => e.id === '3')?.syntax).toBe('disallowedCharacter');
  });
});
