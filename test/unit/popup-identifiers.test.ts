import { describe, expect, it } from 'vitest';
import { identifierKind, identifiersFromCsv, parseIdentifiers } from '../../popup/lib/identifiers';

const G1 = 'AAAAAAAA-1111-2222-3333-444444444444';
const G2 = 'bbbbbbbb-1111-2222-3333-444444444444';

describe('pasted identifiers', () => {
  it('splits on newlines, commas, semicolons and tabs and drops blanks', () => {
    const p = parseIdentifiers(`ada@contoso.com\r\n${G1}, bob@contoso.com;\n\n  eve@contoso.com\t${G2}\n`);
    expect(p.identifiers).toEqual(['ada@contoso.com', G1.toLowerCase(), 'bob@contoso.com', 'eve@contoso.com', G2]);
    expect(p.invalid).toEqual([]);
  });

  it('de-duplicates case-insensitively and counts duplicates', () => {
    const p = parseIdentifiers(`Ada@Contoso.com\nada@contoso.com\n${G1}\n${G1.toLowerCase()}`);
    expect(p.identifiers).toEqual(['Ada@Contoso.com', G1.toLowerCase()]);
    expect(p.duplicates).toBe(2);
  });

  it('cleans quotes, angle brackets and mailto, and reports what is not an identifier', () => {
    const p = parseIdentifiers(`"ada@contoso.com"\nAda Lovelace <ada2@contoso.com>\nmailto:bob@contoso.com\njust a name\n12345`);
    expect(p.identifiers).toEqual(['ada@contoso.com', 'ada2@contoso.com', 'bob@contoso.com']);
    expect(p.invalid).toEqual(['just a name', '12345']);
  });

  it('classifies', () => {
    expect(identifierKind(G1)).toBe('objectId');
    expect(identifierKind('a@b.co')).toBe('upn');
    expect(identifierKind('a@b')).toBeUndefined();
    expect(identifierKind('<img src=x onerror=alert(1)>')).toBeUndefined();
  });
});

describe('CSV import', () => {
  it('reads a userPrincipalName column', () => {
    const r = identifiersFromCsv('displayName,userPrincipalName\r\nAda,ada@contoso.com\r\n"Lovelace, Bob",bob@contoso.com\r\n');
    expect(r.identifiers).toEqual(['ada@contoso.com', 'bob@contoso.com']);
    expect(r.columns).toEqual(['userPrincipalName']);
  });

  it('prefers the object id column and falls back to the UPN per row', () => {
    const r = identifiersFromCsv(`\uFEFFObject Id,User principal name\n${G1},ada@contoso.com\n,bob@contoso.com\n`);
    expect(r.identifiers).toEqual([G1.toLowerCase(), 'bob@contoso.com']);
    expect(r.columns).toEqual(['Object Id', 'User principal name']);
  });

  it('accepts UPN and id headers in any case', () => {
    expect(identifiersFromCsv('UPN\nada@contoso.com').identifiers).toEqual(['ada@contoso.com']);
    expect(identifiersFromCsv(`id\n${G2}\nnot-an-id`).invalid).toEqual(['not-an-id']);
  });

  it('says which columns it looked for when none matches', () => {
    expect(() => identifiersFromCsv('name,mail\nAda,ada@x.com')).toThrow(/No column named userPrincipalName, UPN, id or objectId.*name, mail/);
  });
});
