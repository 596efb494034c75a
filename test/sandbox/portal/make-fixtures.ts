// Regenerates test/fixtures/portal/*.html: static snapshots of the replica's React-view frame, rendered in Chromium
// (no extension), for the selector unit tests.  Run: npx tsx test/sandbox/portal/make-fixtures.ts
//   grid.html          grid layout, first window of rows rendered, one row selected through its check
//   table.html         table layout, scrolled to the middle (rows 30-59 rendered), one row selected
//   unrecognised.html  the grid after an imagined portal update renamed the automation attributes
//   profile.html       the same frame showing a user's profile (no grid at all)
//   tabs.html          tabs layout: All users (recycled rows scrolled to 40-69, two selected, state on the row only)
//                      beside a hidden Deleted users tab and a hidden earlier blade, each with its own selected rows
// Scripts are stripped; the markup is what the content script would see.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium, type Frame } from 'playwright-core';
import { buildDemoTenant } from '../demo-tenant';
import { startSandboxServer } from '../server';
import { createPortalReplica, type PortalLayout } from './index';

const OUT = new URL('../../fixtures/portal/', import.meta.url);
const ALL_USERS = '#view/Microsoft_AAD_UsersAndTenants/UserManagementMenuBlade/~/AllUsers';

async function snapshot(frame: Frame): Promise<string> {
  return frame.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('script').forEach((s) => s.remove());
    // The live value of the search box is a property, not an attribute: keep it visible in the snapshot.
    const input = document.querySelector<HTMLInputElement>('input.ms-SearchBox-field');
    const cloneInput = clone.querySelector<HTMLInputElement>('input.ms-SearchBox-field');
    if (input && cloneInput && input.value) cloneInput.setAttribute('value', input.value);
    return `<!doctype html>\n${clone.outerHTML}\n`;
  });
}

async function main(): Promise<void> {
  const tenant = buildDemoTenant({ userCount: 240 });
  const server = await startSandboxServer({ log: () => undefined });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update',
      `--host-resolver-rules=MAP entra.microsoft.com 127.0.0.1:${server.port}, MAP *.reactblade.portal.azure.net 127.0.0.1:${server.port}`,
      '--ignore-certificate-errors',
    ],
  });
  mkdirSync(OUT, { recursive: true });
  const render = async (layout: PortalLayout, seed: number) => {
    const replica = createPortalReplica({ layout, listUsers: () => tenant.users, classSeed: seed, viewDelayMs: 50 });
    server.route('entra.microsoft.com', replica);
    server.route('*.reactblade.portal.azure.net', replica);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`https://entra.microsoft.com/${ALL_USERS}`);
    const frame = page.frameLocator('iframe#reactview');
    await frame.locator('[data-replica-list="all-users"] [data-automationid="DetailsRow"]').first().waitFor();
    const handle = page.frames().find((f) => f.url().includes('reactblade'))!;
    return { page, frame, handle };
  };

  {
    const { page, frame, handle } = await render('grid', 20261127);
    await frame.locator('[data-automationid="DetailsRow"][data-item-index="2"] [data-automationid="DetailsRowCheck"]').click();
    writeFileSync(new URL('grid.html', OUT), await snapshot(handle));
    // Microsoft renames its automation attributes: the grid still looks the same to a person.
    const changed = await handle.evaluate(() => {
      for (const el of Array.from(document.querySelectorAll('[data-automationid]'))) {
        el.setAttribute('data-automation-id', el.getAttribute('data-automationid')!.replace(/^DetailsRow/, 'GridRow'));
        el.removeAttribute('data-automationid');
      }
      for (const el of Array.from(document.querySelectorAll('[data-automation-key]'))) {
        el.setAttribute('data-column-key', el.getAttribute('data-automation-key')!);
        el.removeAttribute('data-automation-key');
      }
      return document.querySelectorAll('[data-automation-id="GridRow"]').length;
    });
    if (changed === 0) throw new Error('unrecognised fixture: nothing renamed');
    writeFileSync(new URL('unrecognised.html', OUT), await snapshot(handle));
    await frame.locator('[data-automation-key="displayName"] a').first().click().catch(() => undefined);
    await page.goto(`https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${tenant.users[5]!.id}`);
    const profileFrame = page.frames().find((f) => f.url().includes('reactblade'))!;
    await page.frameLocator('iframe#reactview').locator('[data-replica-view="profile"]').waitFor();
    writeFileSync(new URL('profile.html', OUT), await snapshot(profileFrame));
    await page.close();
  }
  {
    const { page, frame, handle } = await render('table', 77);
    await handle.evaluate(() => {
      const scroller = document.querySelector('[data-is-scrollable="true"]')!;
      scroller.scrollTop = 42 * 45;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await frame.locator('[data-automationid="DetailsRow"][data-item-index="45"]').waitFor();
    await frame.locator('[data-automationid="DetailsRow"][data-item-index="47"] [data-automationid="DetailsRowCheck"]').click();
    writeFileSync(new URL('table.html', OUT), await snapshot(handle));
    await page.close();
  }
  {
    const { page, frame, handle } = await render('tabs', 4242);
    await handle.evaluate(() => {
      const scroller = document.querySelector('[data-is-scrollable="true"]')!;
      scroller.scrollTop = 42 * 55;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await frame.locator('#tab-all-users [data-automationid="DetailsRow"][data-item-index="55"]').waitFor();
    // DOM clicks: a pointer click would scroll the row into view and move the window.
    await handle.evaluate(() => {
      for (const i of [44, 51]) document.querySelector<HTMLElement>(`#tab-all-users [data-automationid="DetailsRow"][data-item-index="${i}"] [data-automationid="DetailsRowCheck"]`)!.click();
    });
    writeFileSync(new URL('tabs.html', OUT), await snapshot(handle));
    await page.close();
  }
  await browser.close();
  await server.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
