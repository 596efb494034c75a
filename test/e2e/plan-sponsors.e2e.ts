// Issue 14 in the review page: the "What changes" panel and per-user warnings, sponsors picked in the review and
// carried by every invitation body, and the plan exported as CSV and as a PowerShell script whose writes are exactly
// what the job then sends (and whose hash the job record keeps).
import { readFile } from 'node:fs/promises';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePlanCsv } from '../../src/plan/csv';
import { launchBrowserWithExtension, type ExtensionBrowser } from '../sandbox/browser';
import { buildDemoTenant, type DemoTenant } from '../sandbox/demo-tenant';
import { startSandbox, type Sandbox } from '../sandbox/index';
import { scanPowerShell } from '../support/powershell-scan';
import { directoryWrites, openAllUsers, type PortalPage } from './portal-page';
import { value } from './support';

const text = async (d: Download): Promise<string> => readFile((await d.path())!, 'utf8');

describe('review: guidance, warnings, sponsors and the exported plan', () => {
  let sandbox: Sandbox;
  let browser: ExtensionBrowser;
  let p: PortalPage;
  const tenant: DemoTenant = buildDemoTenant();
  const n = tenant.notable;
  const user = (id: string) => tenant.users.find((u) => u.id === id)!;

  beforeAll(async () => {
    sandbox = await startSandbox({ tenant, layout: 'grid', log: () => undefined });
    browser = await launchBrowserWithExtension(sandbox);
    p = await openAllUsers(browser, sandbox, tenant);
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  it('shows the facts and warnings, exports the plan, and the job writes exactly the plan with the sponsors chosen', async () => {
    await p.signInFromControl();
    const chosen = [n.eligible[0]!, n.eligible[1]!, n.eligible[2]!, n.disabled[0]!, n.hostileName];
    for (const id of chosen) await p.selectBySearch(id);
    sandbox.graph.clearLog();
    await p.openReview();
    const r = p.review;
    const converting = await p.confirmCount();
    expect(converting).toBe(chosen.length);

    // The guidance panel: collapsed at first; each statement links its Learn page; the Teams link is this tenant's.
    await r.getByText('What changes for these users', { exact: true }).click();
    const facts = r.getByRole('list', { name: 'What changes for these users' });
    await expect.poll(() => facts.isVisible()).toBe(true);
    const factsText = (await facts.textContent()) ?? '';
    expect(factsText).toContain(`https://teams.microsoft.com/?tenantId=${tenant.tenantId}`);
    expect(factsText).toMatch(/keeps their object ID, user principal name \(UPN\), group memberships and app assignments/);
    const links = await facts.getByRole('link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links.length).toBeGreaterThanOrEqual(8);
    for (const href of links) expect(href).toMatch(/^https:\/\/learn\.microsoft\.com\//);

    // Per-user warnings: password sign-in ends for the enabled users, not for the disabled one.
    const warnings = r.getByRole('region', { name: 'Warnings for the users to convert' });
    for (const id of chosen.filter((x) => x !== n.disabled[0])) {
      const item = warnings.getByRole('listitem', { name: `Warnings for ${user(id).displayName}` });
      expect(await item.locator('[data-warning="noPasswordSignIn"]').count()).toBe(1);
    }
    expect(await warnings.getByRole('listitem', { name: `Warnings for ${user(n.disabled[0]!).displayName}` }).count()).toBe(0);
    expect(await warnings.locator('[data-b2b="domain-spread"]').textContent()).toMatch(/users are invited at|one partner|different external domain/);

    // Sponsors: the signed-in admin by default, plus one user found in the directory.
    const sponsorsBox = r.locator('fieldset[data-b2b="sponsors"]');
    expect(await sponsorsBox.getByRole('list', { name: 'Sponsors' }).textContent()).toContain('You (signed-in admin)');
    const sponsor = user(n.internalOnly[0]!);
    await sponsorsBox.getByLabel('Find a sponsor').fill(sponsor.userPrincipalName);
    await sponsorsBox.getByRole('button', { name: 'Search sponsors' }).click();
    await sponsorsBox.getByRole('button', { name: `Add ${sponsor.displayName} (${sponsor.userPrincipalName}) as sponsor` }).click();
    expect(await sponsorsBox.getByRole('list', { name: 'Sponsors' }).getByRole('listitem').count()).toBe(2);

    // Export the plan both ways, before anything is written.
    const exports = r.getByRole('region', { name: 'Export plan' });
    const [csvDownload] = await Promise.all([p.page.waitForEvent('download'), exports.getByRole('button', { name: 'Export plan as CSV' }).click()]);
    const [psDownload] = await Promise.all([p.page.waitForEvent('download'), exports.getByRole('button', { name: 'Export plan as PowerShell script' }).click()]);
    const hash = (await exports.locator('[data-b2b="plan-hash"]').textContent())!;
    expect(csvDownload.suggestedFilename()).toBe(`b2b-convert-plan-${hash.slice(0, 8)}.csv`);
    expect(psDownload.suggestedFilename()).toBe(`b2b-convert-plan-${hash.slice(0, 8)}.ps1`);
    const rows = parsePlanCsv(await text(csvDownload));
    const script = await text(psDownload);
    expect(directoryWrites(sandbox)).toEqual([]);
    expect(rows.map((x) => x.userId.toLowerCase()).sort()).toEqual(chosen.map((x) => x.toLowerCase()).sort());
    for (const row of rows) expect(row.planHash).toBe(hash);

    // Convert; then every invitation body is the plan's POST for that user, sponsors included.
    await p.clickConfirm();
    const progress = r.locator('[data-b2b="progress"]');
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toBe(`Converted ${converting} user${converting === 1 ? '' : 's'}`);
    const invitations = sandbox.graph.state().invitations;
    expect(invitations).toHaveLength(converting);
    const admin = sandbox.graph.state().adminUserId;
    const scan = scanPowerShell(script);
    expect(script).toContain(`$Sponsors = @(@{ Id = '${admin}' }, @{ Id = '${sponsor.id}' })`);
    for (const inv of invitations) {
      const row = rows.find((x) => x.userId.toLowerCase() === inv.userId.toLowerCase())!;
      const writes = JSON.parse(row.writes) as Array<{ method: string; path: string; body: unknown }>;
      expect(writes).toEqual([{ method: 'POST', path: '/invitations', body: inv.request }]);
      expect((inv.request as { invitedUserSponsors?: unknown }).invitedUserSponsors).toEqual([{ id: admin }, { id: sponsor.id }]);
      expect(sandbox.graph.sponsorsOf(inv.userId)).toEqual([admin, sponsor.id]);
      // The script converts the same user at the same address.
      expect(scan.literals).toContain(row.userId);
      expect(scan.literals).toContain((inv.request as { invitedUserEmailAddress: string }).invitedUserEmailAddress);
    }
    expect(scan.code).not.toContain('onerror');

    // The job record keeps the exported plan's hash, and names the sponsors.
    const popup = await browser.openPopup();
    const jobs = await value(popup, 'job/list', {});
    const job = jobs[jobs.length - 1]!;
    expect(job.planHash).toBe(hash);
    expect(job.sponsors?.map((s) => s.id)).toEqual([admin, sponsor.id]);
    await popup.close();
  });
});
