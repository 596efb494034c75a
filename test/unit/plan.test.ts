// The exported plan (src/plan): its model and hash, the CSV a change board reads, and the Microsoft Graph PowerShell
// script that would make exactly the same writes, with hostile names kept inert.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { invitationRequest, addOtherMailRequest, setGuestRequest } from '../../src/jobs/requests';
import type { PreflightResult, PreflightUser } from '../../src/messages';
import { parsePlanCsv, planFileName, planToCsv } from '../../src/plan/csv';
import { buildPlan, planHash } from '../../src/plan/plan';
import { planToPowerShell, psLiteral } from '../../src/plan/powershell';
import { sha256Hex } from '../../src/plan/sha256';
import { applyEdit, evaluateRows, initialEdits } from '../../src/review';
import { initialOptions, toInvitationOptions, type OptionsDraft } from '../../src/review-options';
import { checkSubmission } from '../../src/submission';
import type { GraphUser } from '../../src/users';
import { graphUser, preflightUser } from '../support/graph-user';
import { evalPsLiteral, scanPowerShell } from '../support/powershell-scan';

const TENANT = '11111111-2222-3333-4444-555555555555';
const id = (n: number) => `aaaaaaaa-0000-0000-0000-${String(n).padStart(12, '0')}`;
const ADMIN = id(999);

/** Names from the sandbox's demo tenant plus strings that would run code if a script quoted them carelessly. */
const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'ليلى حداد',
  "O'Brien'; Remove-Item -Recurse C:\\ ; '",
  'Zoë ‘curly’ ‚low‛ quotes; Stop-Computer',
  '$(Stop-Computer) `n ${env:PATH} @(1) #comment',
  '"; Invoke-Expression "calc',
  'line one\r\nline two\u0000nul\u0007bell',
  "<# block #> ' # '",
];

const graph = (n: number, o: Partial<GraphUser> = {}): GraphUser =>
  graphUser(id(n), { displayName: `User ${n}`, userPrincipalName: `user${n}@contoso.com`, mail: `user${n}@fabrikam.example`, ...o });

function scenario(): { result: PreflightResult; users: GraphUser[] } {
  const users = [
    ...HOSTILE.map((name, k) => graph(k + 1, { displayName: name })),
    graph(20, { mail: null, otherMails: ['keep@elsewhere.example'] }), // address not on the user: otherMails fix
    graph(21, { onPremisesSyncEnabled: true, onPremisesUserPrincipalName: 'x@corp.local' }), // blocked
  ];
  const pre = (u: GraphUser, email: string): PreflightUser => preflightUser(u, email);
  const result: PreflightResult = {
    tenantId: TENANT,
    tenantName: 'Contoso',
    signedInUserId: ADMIN,
    verifiedDomains: ['contoso.com'],
    defaultRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT}`,
    users: users.map((u) => pre(u, u.mail ?? '')),
    missing: [],
  };
  return { result, users };
}

function reviewed(draft: Partial<OptionsDraft> = {}) {
  const { result, users } = scenario();
  let edits = initialEdits(result);
  edits = applyEdit(result, edits, id(20), { email: 'partner20@fabrikam.example', addToOtherMails: true });
  const options: OptionsDraft = { ...initialOptions(result), setUserTypeGuest: true, sponsors: [{ id: ADMIN, displayName: 'You' }, { id: id(500), displayName: "Sponsor O'Neil" }], ...draft };
  const verdicts = evaluateRows(result, edits);
  return { result, users, edits, verdicts, options, plan: buildPlan(result, edits, verdicts, options) };
}

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 test vectors and hashes UTF-8', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
    // Multi-byte text and every padding boundary (55, 56, 63, 64 bytes…) against Node's implementation.
    for (const text of [...HOSTILE, 'é', '😀'.repeat(20), ...[55, 56, 57, 63, 64, 65, 119, 120].map((n) => 'x'.repeat(n))]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});

describe('buildPlan', () => {
  it('lists every selected user, and for the converted ones exactly the engine requests', () => {
    const { plan, result, options } = reviewed();
    expect(plan.rows.map((r) => r.userId)).toEqual(result.users.map((u) => u.id));
    const blocked = plan.rows.find((r) => r.userId === id(21))!;
    expect(blocked.writes).toEqual([]);
    expect(blocked.eligibility).toBe('Blocked');
    expect(blocked.reason).toMatch(/on-premises/);
    expect(plan.convertCount).toBe(HOSTILE.length + 1);
    expect(plan.scopes).toEqual(['User.Invite.All', 'User.ReadWrite.All']);

    const fixed = plan.rows.find((r) => r.userId === id(20))!;
    const item = { userId: id(20), userPrincipalName: 'user20@contoso.com', displayName: 'User 20', email: 'partner20@fabrikam.example', addToOtherMails: true, setGuest: true };
    const strip = (r: { method: string; url: string; body?: unknown }) => ({ method: r.method, path: r.url, body: r.body });
    expect(fixed.writes).toEqual([
      strip(addOtherMailRequest('0', item, ['keep@elsewhere.example'])),
      strip(invitationRequest('0', item, plan.options)),
      strip(setGuestRequest('0', item)),
    ]);
    expect(fixed.writes[1]!.body).toEqual({
      invitedUserEmailAddress: 'partner20@fabrikam.example',
      inviteRedirectUrl: options.inviteRedirectUrl,
      sendInvitationMessage: false,
      invitedUser: { id: id(20) },
      invitedUserSponsors: [{ id: ADMIN }, { id: id(500) }],
    });
  });

  it('hashes what the worker accepts to the same value, and any change of a write to another', () => {
    const { plan, result, users, options } = reviewed();
    const submission = toInvitationOptions(options);
    const sponsorUsers = new Map([ADMIN, id(500)].map((s) => [s.toLowerCase(), graph(Number(s.slice(-3)), { id: s } as Partial<GraphUser>)]));
    const check = checkSubmission(
      plan.rows.filter((r) => r.writes.length > 0).map((r) => ({ userId: r.userId, userPrincipalName: r.userPrincipalName, displayName: r.displayName, email: r.email, addToOtherMails: r.addToOtherMails, privilegedOverride: false })),
      submission,
      { signedInUserId: ADMIN, verifiedDomains: result.verifiedDomains, users: new Map(users.map((u) => [u.id.toLowerCase(), u])), roles: new Map(), sponsors: sponsorUsers },
    );
    if (!check.ok) throw new Error(JSON.stringify(check.refusals));
    expect(planHash({ tenantId: TENANT.toUpperCase(), options: check.options, items: check.items })).toBe(plan.hash);
    // Display names are not writes: renaming a sponsor does not change the hash; another address does.
    expect(planHash({ tenantId: TENANT, options: { ...check.options, sponsors: check.options.sponsors!.map((s) => ({ ...s, displayName: 'x' })) }, items: check.items })).toBe(plan.hash);
    expect(planHash({ tenantId: TENANT, options: check.options, items: check.items.map((i, k) => (k === 0 ? { ...i, email: 'other@fabrikam.example' } : i)) })).not.toBe(plan.hash);
    expect(planHash({ tenantId: TENANT, options: { ...check.options, sendInvitationMessage: true }, items: check.items })).not.toBe(plan.hash);
    expect(planHash({ tenantId: TENANT, options: { ...check.options, sponsors: [] }, items: check.items })).not.toBe(plan.hash);
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('planToCsv', () => {
  it('round-trips every row, hostile names and the JSON writes included, with no cell a formula', () => {
    const { plan } = reviewed();
    const text = planToCsv(plan);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parsePlanCsv(text);
    expect(rows).toHaveLength(plan.rows.length);
    rows.forEach((row, k) => {
      const r = plan.rows[k]!;
      expect(row.userId).toBe(r.userId);
      expect(row.displayName).toBe(r.displayName);
      expect(row.externalEmail).toBe(r.email);
      expect(JSON.parse(row.writes)).toEqual(r.writes);
      expect(row.planHash).toBe(plan.hash);
    });
    // A name starting with = would be a formula in a spreadsheet: it is stored with a guard quote.
    const { result, edits, verdicts, options } = reviewed();
    result.users[0]!.displayName = '=HYPERLINK("http://evil.example","x")';
    const guarded = planToCsv(buildPlan(result, edits, verdicts, options));
    expect(guarded).toContain(`'=HYPERLINK(""http://evil.example"",""x"")`);
    expect(parsePlanCsv(guarded)[0]!.displayName).toBe('=HYPERLINK("http://evil.example","x")');
    expect(planFileName(plan, 'csv')).toBe(`b2b-convert-plan-${plan.hash.slice(0, 8)}.csv`);
  });
});

describe('psLiteral', () => {
  it('gives back exactly the value and runs nothing, for every hostile string', () => {
    for (const value of HOSTILE) {
      const expr = psLiteral(value);
      expect(evalPsLiteral(expr)).toBe(value);
      const scan = scanPowerShell(expr);
      // Outside the literals there is only concatenation of [char] codes: no command, variable or subexpression.
      // eslint-disable-next-line no-control-regex
      expect(scan.code.replace(/\u0000LIT\u0000|\[string\]\[char\]0x[0-9a-f]{2}|[()+ ]/g, '')).toBe('');
    }
    expect(psLiteral("it's")).toBe("'it''s'");
    expect(psLiteral('‘x’')).toBe("'‘‘x’’'");
  });
});

describe('planToPowerShell', () => {
  const { plan } = reviewed({ sendInvitationMessage: true, messageLanguage: 'de-DE', ccRecipient: 'desk@fabrikam.example', customizedMessageBody: "Willkommen'; Remove-Item C:\\" });
  const script = planToPowerShell(plan, { exportedAt: '2026-11-27T10:00:00.000Z' });
  const scan = scanPowerShell(script);

  it('keeps every value from the directory inside a literal: none reaches the code or a comment', () => {
    for (const row of plan.rows.filter((r) => r.writes.length > 0)) {
      for (const value of [row.userId, row.userPrincipalName, row.email]) expect(scan.literals).toContain(value);
      // eslint-disable-next-line no-control-regex
      if (!/[\u0000-\u001f]/.test(row.displayName)) expect(scan.literals).toContain(row.displayName);
    }
    // The control characters are spliced in as [char] codes; the literal pieces are there.
    expect(scan.literals).toContain('line one\r\nline two');
    expect(scan.code).not.toMatch(/Remove-Item|Stop-Computer|Invoke-Expression|onerror|calc|env:PATH/);
    expect(scan.literals).toContain("Willkommen'; Remove-Item C:\\");
    // A blocked user is not in the script at all.
    expect(scan.literals).not.toContain(id(21));
  });

  it('connects with the scopes needed and makes the writes of the plan with the documented cmdlets', () => {
    expect(script.startsWith('\uFEFF#Requires -Modules Microsoft.Graph.Authentication')).toBe(true);
    expect(script).toContain("$Scopes = @('User.Invite.All', 'User.ReadWrite.All')");
    expect(scan.code).toContain('Connect-MgGraph -TenantId $TenantId -Scopes $Scopes');
    expect(scan.code).toContain('New-MgInvitation -InvitedUser @{ Id = $User.UserId } -SendInvitationMessage:$SendInvitationMessage @invitation');
    expect(scan.code).toContain('Update-MgUser -UserId $User.UserId -UserType');
    expect(script).toContain(`$TenantId = '${TENANT}'`);
    expect(script).toContain(`$PlanHash = '${plan.hash}'`);
    expect(script).toContain(`$RedirectUrl = '${plan.options.inviteRedirectUrl}'`);
    expect(script).toContain('$SendInvitationMessage = $true');
    expect(script).toContain("$MessageInfo = @{ MessageLanguage = 'de-DE'; CcRecipients = @(@{ EmailAddress = @{ Address = 'desk@fabrikam.example' } }); CustomizedMessageBody = 'Willkommen''; Remove-Item C:\\' }");
    expect(script).toContain(`$Sponsors = @(@{ Id = '${ADMIN}' }, @{ Id = '${id(500)}' })`);
    // One entry per converted user, with the flags the job would use.
    const entries = script.split('[pscustomobject]@{').length - 2; // minus the result row template
    expect(entries).toBe(plan.convertCount);
    expect(script).toContain(`    UserId = '${id(20)}'\r\n    UserPrincipalName = 'user20@contoso.com'\r\n    DisplayName = 'User 20'\r\n    Email = 'partner20@fabrikam.example'\r\n    AddToOtherMails = $true\r\n    SetGuest = $true`);
  });

  it('has a -WhatIf switch, a result CSV written per user, and stops on the first throttling after the wait', () => {
    expect(scan.code).toContain('[CmdletBinding(SupportsShouldProcess = $true)]');
    expect((scan.code.match(/\$PSCmdlet\.ShouldProcess\(/g) ?? []).length).toBe(3); // otherMails, invite, user type
    expect(scan.code).toContain('if (-not $WhatIfPreference) { Connect-MgGraph');
    expect(scan.code).toContain('Export-Csv -LiteralPath $ResultPath -Append -NoTypeInformation -Encoding utf8');
    const throttled = scan.code.slice(scan.code.indexOf('$wait = Get-ThrottleWait $_'));
    expect(throttled.indexOf('Start-Sleep -Seconds $wait')).toBeGreaterThan(0);
    expect(throttled.indexOf('break')).toBeGreaterThan(throttled.indexOf('Start-Sleep'));
    expect(scan.code).toContain("if ($row.Result -eq \u0000LIT\u0000 -and $row.PlanHash -eq $PlanHash) { $Done[$row.UserId] = $true }");
    expect(script.includes('\r\n') && !/[^\r]\n/.test(script)).toBe(true);
  });
});
