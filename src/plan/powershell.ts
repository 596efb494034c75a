// The plan as a Microsoft Graph PowerShell script that makes exactly the writes the job would make: per user the
// otherMails addition (re-reading the list first, as the job does), New-MgInvitation with -InvitedUser @{ Id = … },
// and Update-MgUser -UserType Guest. -WhatIf (SupportsShouldProcess) shows every write and makes none; a result CSV
// is appended after each user; the first throttling answer stops the run after waiting Retry-After, and a re-run
// skips the users the result CSV records as done.
//
// Every value from the directory or the admin is a PowerShell literal built by `psLiteral`: single-quoted with
// every single-quote character doubled. PowerShell also ends a single-quoted string at the typographic quotes
// U+2018..U+201B, so those are doubled too; control characters are spliced in as [char] codes. Nothing from the
// data ever lands in a comment, a double-quoted string or a bare word.
import { BOM } from '../spreadsheet';
import type { Plan } from './plan';

/** Characters PowerShell's tokenizer treats as a single quote. */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A PowerShell expression whose value is exactly `value`, and that runs nothing. */
export function psLiteral(value: string): string {
  const quote = (s: string): string => `'${s.replace(SINGLE_QUOTES, (q) => q + q)}'`;
  if (!CONTROL.test(value)) return quote(value);
  const parts: string[] = [];
  let run = '';
  for (const ch of value) {
    if (CONTROL.test(ch)) {
      if (run !== '') parts.push(quote(run));
      run = '';
      parts.push(`[string][char]0x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
    } else run += ch;
  }
  if (run !== '') parts.push(quote(run));
  return `(${parts.join(' + ')})`;
}

const bool = (b: boolean): string => (b ? '$true' : '$false');
const array = (values: readonly string[]): string => `@(${values.map(psLiteral).join(', ')})`;

function userEntry(r: Plan['rows'][number]): string {
  return [
    '  [pscustomobject]@{',
    `    UserId = ${psLiteral(r.userId)}`,
    `    UserPrincipalName = ${psLiteral(r.userPrincipalName)}`,
    `    DisplayName = ${psLiteral(r.displayName)}`,
    `    Email = ${psLiteral(r.email)}`,
    `    AddToOtherMails = ${bool(r.addToOtherMails)}`,
    `    SetGuest = ${bool(r.setGuest)}`,
    '  }',
  ].join('\r\n');
}

function messageInfo(plan: Plan): string {
  const o = plan.options;
  const parts: string[] = [];
  if (o.messageLanguage) parts.push(`MessageLanguage = ${psLiteral(o.messageLanguage)}`);
  if (o.ccRecipient) parts.push(`CcRecipients = @(@{ EmailAddress = @{ Address = ${psLiteral(o.ccRecipient)} } })`);
  if (o.customizedMessageBody) parts.push(`CustomizedMessageBody = ${psLiteral(o.customizedMessageBody)}`);
  return parts.length === 0 ? '$null' : `@{ ${parts.join('; ')} }`;
}

export interface ScriptMeta {
  /** ISO time the plan was exported. */
  exportedAt: string;
}

export function planToPowerShell(plan: Plan, meta: ScriptMeta): string {
  const convert = plan.rows.filter((r) => r.writes.length > 0);
  const o = plan.options;
  const sponsors = (o.sponsors ?? []).map((s) => `@{ Id = ${psLiteral(s.id)} }`);
  const lines = [
    '#Requires -Modules Microsoft.Graph.Authentication, Microsoft.Graph.Identity.SignIns, Microsoft.Graph.Users',
    '<#',
    '.SYNOPSIS',
    '  Converts internal users to B2B collaboration users: the plan exported by B2B Convert for Entra.',
    '.DESCRIPTION',
    '  Makes exactly the Microsoft Graph writes listed in the plan CSV with the same plan hash (below, $PlanHash).',
    '  Run it with -WhatIf first: every write is shown and none is made.',
    '  A result row is appended to -ResultPath after each user. On the first throttling answer (HTTP 429) the script',
    '  waits for the time Graph asks and stops; run it again to continue: users recorded as Done are skipped.',
    '.PARAMETER ResultPath',
    '  The result CSV (appended to; read on start to skip users already done).',
    '#>',
    '[CmdletBinding(SupportsShouldProcess = $true)]',
    'param(',
    `  [string] $ResultPath = ${psLiteral(`.\\b2b-convert-result-${plan.hash.slice(0, 8)}.csv`)}`,
    ')',
    'Set-StrictMode -Version 3.0',
    "$ErrorActionPreference = 'Stop'",
    '',
    `$PlanHash = ${psLiteral(plan.hash)}`,
    `$ExportedAt = ${psLiteral(meta.exportedAt)}`,
    `$TenantId = ${psLiteral(plan.tenantId)}`,
    `$Scopes = ${array(plan.scopes)}`,
    `$RedirectUrl = ${psLiteral(o.inviteRedirectUrl)}`,
    `$SendInvitationMessage = ${bool(o.sendInvitationMessage)}`,
    `$MessageInfo = ${messageInfo(plan)}`,
    `$Sponsors = @(${sponsors.join(', ')})`,
    '',
    `# ${convert.length} user(s) to convert, in the plan's order.`,
    '$Users = @(',
    convert.map(userEntry).join('\r\n'),
    ')',
    '',
    '$Done = @{}',
    'if (Test-Path -LiteralPath $ResultPath) {',
    "  foreach ($row in Import-Csv -LiteralPath $ResultPath) { if ($row.Result -eq 'Done' -and $row.PlanHash -eq $PlanHash) { $Done[$row.UserId] = $true } }",
    '}',
    '',
    'function Write-Result($User, [string] $Result, [string] $Detail, [string] $RedeemUrl) {',
    '  if ($WhatIfPreference) { return }',
    '  [pscustomobject]@{',
    '    Time = (Get-Date).ToUniversalTime().ToString(\'o\'); UserId = $User.UserId; UserPrincipalName = $User.UserPrincipalName',
    '    Email = $User.Email; Result = $Result; Detail = $Detail; InviteRedeemUrl = $RedeemUrl; PlanHash = $PlanHash',
    '  } | Export-Csv -LiteralPath $ResultPath -Append -NoTypeInformation -Encoding utf8',
    '}',
    '',
    '# How the Graph SDK reports a 429 is not documented per cmdlet: look for the status and for Retry-After.',
    'function Get-ThrottleWait($ErrorRecord) {',
    '  $text = [string]$ErrorRecord',
    "  if ($text -notmatch 'TooManyRequests|\\b429\\b') { return $null }",
    '  $seconds = 30',
    '  $response = $ErrorRecord.Exception.PSObject.Properties[\'Response\']',
    '  if ($response -and $response.Value -and $response.Value.Headers -and $response.Value.Headers.RetryAfter -and $response.Value.Headers.RetryAfter.Delta) {',
    '    $seconds = [math]::Ceiling($response.Value.Headers.RetryAfter.Delta.TotalSeconds)',
    '  }',
    '  return [int]$seconds',
    '}',
    '',
    'if (-not $WhatIfPreference) { Connect-MgGraph -TenantId $TenantId -Scopes $Scopes -NoWelcome }',
    '',
    '$converted = 0',
    'foreach ($User in $Users) {',
    '  if ($Done.ContainsKey($User.UserId)) { continue }',
    '  $redeem = \'\'',
    '  try {',
    '    if ($User.AddToOtherMails) {',
    '      # PATCH replaces otherMails as a whole: read the current list and add the address, as the job does.',
    '      $current = @()',
    '      if (-not $WhatIfPreference) { $current = @((Get-MgUser -UserId $User.UserId -Property otherMails).OtherMails) }',
    '      if (-not ($current -contains $User.Email)) {',
    '        if ($PSCmdlet.ShouldProcess($User.UserPrincipalName, "Add $($User.Email) to otherMails")) {',
    '          Update-MgUser -UserId $User.UserId -OtherMails (@($current) + $User.Email)',
    '        }',
    '      }',
    '    }',
    '    $invitation = @{ InvitedUserEmailAddress = $User.Email; InviteRedirectUrl = $RedirectUrl }',
    '    if ($MessageInfo) { $invitation.InvitedUserMessageInfo = $MessageInfo }',
    '    if ($Sponsors.Count -gt 0) { $invitation.InvitedUserSponsors = $Sponsors }',
    '    if ($PSCmdlet.ShouldProcess($User.UserPrincipalName, "Invite as B2B user at $($User.Email) (New-MgInvitation)")) {',
    '      $result = New-MgInvitation -InvitedUser @{ Id = $User.UserId } -SendInvitationMessage:$SendInvitationMessage @invitation',
    '      $redeem = [string]$result.InviteRedeemUrl',
    '    }',
    '    if ($User.SetGuest) {',
    '      if ($PSCmdlet.ShouldProcess($User.UserPrincipalName, \'Set user type to Guest\')) {',
    '        Update-MgUser -UserId $User.UserId -UserType \'Guest\'',
    '      }',
    '    }',
    "    Write-Result $User 'Done' '' $redeem",
    '    $converted++',
    '  } catch {',
    '    $wait = Get-ThrottleWait $_',
    '    if ($null -ne $wait) {',
    "      Write-Result $User 'Throttled' ([string]$_) ''",
    '      Write-Warning "Microsoft Graph is throttling (HTTP 429). Waiting $wait s, then stopping: run the script again to continue."',
    '      Start-Sleep -Seconds $wait',
    '      break',
    '    }',
    "    Write-Result $User 'Failed' ([string]$_) ''",
    '    Write-Warning "$($User.UserPrincipalName): $_"',
    '  }',
    '}',
    'Write-Host "Converted $converted user(s) in this run. Plan $PlanHash. Results: $ResultPath"',
    '',
  ];
  return BOM + lines.join('\r\n');
}
