// The Entra admin center replica, served on the real hostnames by the sandbox's one HTTPS server.
//   entra.microsoft.com / portal.azure.com / ms.portal.azure.com  → the top page (portal chrome + hash router + frame)
//   *.reactblade.portal.azure.net (and -ms / -rc)                  → the React-view frame (the All users grid)
// The grid imitates Fluent UI v8's DetailsList as documented in shared/reference/entra-portal-dom.md, in two layout
// variants; its UI is hand-written vanilla JS (frame-app.js, top-app.js) served inline.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostApp, SandboxUser } from '../types';
import { generateClassNames, type ClassNames } from './class-names';

export type PortalLayout = 'grid' | 'table' | 'tabs';
export const PORTAL_LAYOUTS: readonly PortalLayout[] = ['grid', 'table', 'tabs'];

export interface PortalReplicaOptions {
  layout: PortalLayout;
  /** The directory as it is now (read on every load and Refresh, so conversions show up). */
  listUsers: () => SandboxUser[];
  /** Shown in the portal header, as the real portal does (the tenant switcher). */
  tenant?: { tenantId: string; domain: string; displayName?: string };
  /** Host name of the React-view frame; default sandbox-1.reactblade.portal.azure.net. */
  frameHost?: string;
  /** Delay between the frame's load and the view being injected (ms); default 400. */
  viewDelayMs?: number;
  /** Seed of the generated class names; default random per replica. */
  classSeed?: number;
  /** The admin center's own theme (its Settings → Appearance); `?theme=dark|light` on the page URL overrides it. */
  theme?: PortalTheme;
}

export type PortalTheme = 'light' | 'dark';

function themeOf(opts: PortalReplicaOptions, url: URL): PortalTheme {
  const asked = url.searchParams.get('theme');
  return asked === 'dark' || asked === 'light' ? asked : (opts.theme ?? 'light');
}

/** The portal's dark theme, over the light rules (the colours of the admin center's dark mode, approximately). */
function frameDarkStyles(C: ClassNames): string {
  return `
  html,body{color:#f3f2f1;background:#1b1a19}
  .${C.commandBar},.${C.header},.${C.row}{border-color:#3b3a39}
  .${C.cmdButton}{color:#f3f2f1}.${C.cmdButton}:hover{background:#323130}
  .${C.cmdIcon},.${C.link}{color:#479ef5}
  .${C.disabled},.${C.disabled} .${C.cmdIcon}{color:#797775}
  .${C.searchBox}{border-color:#979593}.${C.searchBox}-field{color:#f3f2f1}
  .${C.resultMessage},.${C.shimmer},.${C.empty}{color:#c8c6c4}
  .${C.row}:hover{background:#323130}.${C.rowSelected}{background:#3b3a39}
  .${C.headerCheck},.${C.check}{border-color:#c8c6c4}
  `;
}

export const TOP_HOSTS = ['entra.microsoft.com', 'portal.azure.com', 'ms.portal.azure.com'] as const;
const FRAME_HOST = /^[a-z0-9-]+\.reactblade(?:-ms|-rc)?\.portal\.azure\.net$/i;

export function isPortalTopHost(host: string): boolean {
  return (TOP_HOSTS as readonly string[]).includes(host.toLowerCase());
}
export function isPortalFrameHost(host: string): boolean {
  return FRAME_HOST.test(host);
}

const here = new URL('.', import.meta.url);
const readAsset = (name: string) => readFileSync(new URL(name, here), 'utf8');

/** JSON that is safe inside a <script type="application/json"> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
/** Text that is safe inside an HTML attribute or element (the replica builds a little static markup). */
function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

/** The users as the frame's list endpoint serves them (what the grid's columns need). */
export function toGridItem(u: SandboxUser) {
  return {
    id: u.id,
    displayName: u.displayName,
    userPrincipalName: u.userPrincipalName,
    mail: u.mail,
    userType: u.userType,
    onPremisesSyncEnabled: u.onPremisesSyncEnabled === true,
    accountEnabled: u.accountEnabled,
  };
}

export function frameStyles(C: ClassNames): string {
  return `
  html,body{margin:0;font:14px "Segoe UI","Segoe UI Web (West European)",-apple-system,BlinkMacSystemFont,Roboto,"Helvetica Neue",sans-serif;color:#323130;background:#fff}
  #root{padding:0 16px}
  .${C.commandBar}{display:flex;align-items:stretch;height:44px;border-bottom:1px solid #edebe9;margin-bottom:8px}
  .${C.primarySet}{display:flex;align-items:stretch;flex:1 1 auto}
  .${C.cmdButton}{display:inline-flex;align-items:center;gap:6px;border:0;background:transparent;color:#323130;padding:0 8px;font:inherit;cursor:pointer;border-radius:2px}
  .${C.cmdButton}:hover{background:#f3f2f1}
  .${C.cmdIcon}{color:#0078d4;min-width:16px;text-align:center}
  .${C.disabled}{color:#a19f9d;cursor:default}.${C.disabled} .${C.cmdIcon}{color:#a19f9d}
  .${C.searchRow}{display:flex;align-items:center;gap:16px;margin:8px 0}
  .${C.searchBox}{border:1px solid #8a8886;border-radius:2px;height:30px;display:flex;align-items:center;padding:0 8px;width:320px}
  .${C.searchBox}-field{border:0;outline:0;font:inherit;width:100%;background:transparent}
  .${C.resultMessage}{color:#605e5c}
  .${C.header}{display:flex;height:42px;align-items:center;border-bottom:1px solid #edebe9;font-weight:600}
  .${C.header} > div[role=presentation]{display:flex;align-items:center;width:100%}
  .${C.headerCheckCell}{width:48px;display:flex;justify-content:center;flex:0 0 48px}
  .${C.headerCell}{flex:0 0 auto;padding:0 8px;box-sizing:border-box;white-space:nowrap;overflow:hidden}
  .${C.headerCheck},.${C.check}{width:18px;height:18px;border:1px solid #8a8886;border-radius:50%;display:inline-flex;align-items:center;justify-content:center;cursor:pointer;font-size:11px;color:transparent}
  .${C.headerCheck}[aria-checked=true],.${C.check}[aria-checked=true]{background:#0078d4;border-color:#0078d4;color:#fff}
  .${C.row}{display:flex;align-items:center;border-bottom:1px solid #f3f2f1;box-sizing:border-box}
  .${C.row}:hover{background:#f3f2f1}.${C.rowSelected}{background:#edebe9}
  .${C.fields}{display:flex;align-items:center;width:100%}
  .${C.checkCell}{width:48px;display:flex;justify-content:center;flex:0 0 48px}
  .${C.cell}{flex:0 0 auto;padding:0 8px;box-sizing:border-box;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
  .${C.link}{color:#0078d4;text-decoration:none}
  .${C.shimmer},.${C.empty}{padding:16px;color:#605e5c}
  .${C.view}-kept{display:none}
  [role=tablist]{display:flex;gap:8px;border-bottom:1px solid #edebe9;margin-bottom:8px}
  [role=tab][aria-selected=true]{border-bottom:2px solid #0f6cbd}
  .${C.profile}{padding:16px}.${C.profileField}{margin:6px 0}
  `;
}

function topPage(opts: PortalReplicaOptions, url: URL, frameSrc: string, nonce: string): string {
  const tenant = opts.tenant;
  const config = { frameNamePrefix: 'Microsoft_AAD_UsersAndTenants', viewDelayMs: opts.viewDelayMs ?? 400 };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Microsoft Entra admin center</title>
<style>
 body{margin:0;font:14px "Segoe UI",sans-serif;color:#323130;background:#faf9f8}
 .fxs-topbar{display:flex;align-items:center;gap:16px;height:40px;background:#0f6cbd;color:#fff;padding:0 16px}
 .fxs-topbar-tenant{margin-left:auto;font-size:12px;opacity:.9}
 .fxs-blade{margin:0 16px;background:#fff;box-shadow:0 1px 3px rgba(0,0,0,.12)}
 .fxs-blade-title{padding:12px 16px 0;margin:0;font-size:20px;font-weight:600}
 iframe.fxs-reactview-frame{border:0;width:100%;height:720px;display:block}
${themeOf(opts, url) === 'dark' ? ' body{color:#f3f2f1;background:#11100f} .fxs-blade{background:#1b1a19} .fxs-breadcrumb a{color:#479ef5}\n' : ''}</style></head>
<body class="fxs-theme-${themeOf(opts, url)}">
<header class="fxs-topbar" role="banner"><span class="fxs-topbar-brand">Microsoft Entra admin center</span>
${tenant ? `<span class="fxs-topbar-tenant" data-tenant-id="${esc(tenant.tenantId)}" title="${esc(tenant.displayName ?? tenant.domain)}">${esc(tenant.domain)}</span>` : ''}
</header>
<nav class="fxs-breadcrumb" aria-label="Breadcrumb"><a href="${esc(url.pathname)}#home">Home</a></nav>
<main class="fxs-blade" role="main">
 <h2 id="blade-title" class="fxs-blade-title">Users</h2>
 <div id="reactview-slot" data-frame-src="${esc(frameSrc)}"></div>
</main>
<script type="application/json" id="replica-config">${scriptJson(config)}</script>
<script nonce="${nonce}">${readAsset('top-app.js')}</script>
</body></html>`;
}

/** The frame's HTML; `standalone` renders the grid at once, without waiting for the portal (fixtures). */
export function framePage(layout: PortalLayout, classes: ClassNames, nonce: string, extra: { standalone?: boolean; idSeed?: number; theme?: PortalTheme } = {}): string {
  const config = { layout, classes, standalone: extra.standalone === true, idSeed: extra.idSeed ?? 100 + Math.floor(Math.random() * 800) };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>React View</title>
<style>${frameStyles(classes)}${extra.theme === 'dark' ? frameDarkStyles(classes) : ''}</style></head>
<body class="${classes.body}"><div id="root"></div>
<script type="application/json" id="replica-config">${scriptJson(config)}</script>
<script nonce="${nonce}">${readAsset('frame-app.js')}</script>
</body></html>`;
}

export function createPortalReplica(opts: PortalReplicaOptions): HostApp {
  const classes = generateClassNames(opts.layout, opts.classSeed ?? randomBytes(4).readUInt32LE(0));
  const frameHost = opts.frameHost ?? 'sandbox-1.reactblade.portal.azure.net';

  return {
    handle(req: IncomingMessage, res: ServerResponse, url: URL): void {
      const host = url.hostname.toLowerCase();
      const port = url.port && url.port !== '443' ? `:${url.port}` : '';
      const nonce = randomBytes(12).toString('base64');
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'method not allowed');

      if (isPortalTopHost(host)) {
        if (url.pathname === '/favicon.ico') return send(res, 404, 'text/plain', 'not found');
        const origin = `https://${host}${port}`;
        const frameSrc = `https://${frameHost}${port}/React/Index?reactView=true&trustedAuthority=${encodeURIComponent(origin)}` +
          `&l=en.en-us&extensionName=Microsoft_AAD_UsersAndTenants&sessionId=${randomBytes(8).toString('hex')}&theme=${themeOf(opts, url)}`;
        return send(res, 200, 'text/html; charset=utf-8', topPage(opts, url, frameSrc, nonce), {
          'content-security-policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; frame-src https:`,
        });
      }

      if (isPortalFrameHost(host)) {
        if (url.pathname === '/React/Index') {
          return send(res, 200, 'text/html; charset=utf-8', framePage(opts.layout, classes, nonce, { theme: themeOf(opts, url) }), {
            'content-security-policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors ${TOP_HOSTS.map((h) => `https://${h}${port}`).join(' ')}`,
          });
        }
        if (url.pathname === '/_replica/users') {
          return send(res, 200, 'application/json', JSON.stringify({ value: opts.listUsers().map(toGridItem) }));
        }
        return send(res, 404, 'text/plain', 'not found');
      }

      return send(res, 421, 'text/plain', `portal replica does not serve ${host}`);
    },
  };
}
