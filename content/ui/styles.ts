// Fluent-like look for the control and the review dialog, light and dark as the HOST PAGE is (data-theme on the
// root, set from the page's painted background by host-theme.ts — not the OS), and Windows' forced colours.
export const UI_CSS = `
:host { all: initial; display: inline-flex; align-items: stretch; }
:host([data-b2b-dialog]) { display: contents; }
.b2b-root {
  --b2b-font: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif;
  --b2b-fg: #242424; --b2b-fg2: #616161; --b2b-bg: #ffffff; --b2b-bg2: #f5f5f5; --b2b-bg3: #ebebeb; --b2b-border: #d1d1d1;
  --b2b-brand: #0f6cbd; --b2b-brand-hover: #115ea3; --b2b-on-brand: #ffffff; --b2b-focus: #000000;
  --b2b-danger-fg: #b10e1c; --b2b-danger-bg: #fdf3f4; --b2b-warn-fg: #8a3707; --b2b-warn-bg: #fff9f5; --b2b-ok-fg: #0e700e; --b2b-ok-bg: #f1faf1;
  --b2b-disabled-fg: #bdbdbd; --b2b-disabled-bg: #f0f0f0; --b2b-shadow: 0 8px 16px rgba(0,0,0,.14), 0 0 2px rgba(0,0,0,.12);
  font: 14px/20px var(--b2b-font); color: var(--b2b-fg); display: contents; color-scheme: light;
}
.b2b-root[data-theme="dark"] {
    color-scheme: dark;
    --b2b-fg: #ffffff; --b2b-fg2: #d6d6d6; --b2b-bg: #292929; --b2b-bg2: #1f1f1f; --b2b-bg3: #3d3d3d; --b2b-border: #666666;
    --b2b-brand: #479ef5; --b2b-brand-hover: #62abf5; --b2b-on-brand: #000000; --b2b-focus: #ffffff;
    --b2b-danger-fg: #e37d80; --b2b-danger-bg: #3f1011; --b2b-warn-fg: #faa06b; --b2b-warn-bg: #4a1e04; --b2b-ok-fg: #54b054; --b2b-ok-bg: #052505;
    --b2b-disabled-fg: #5c5c5c; --b2b-disabled-bg: #141414; --b2b-shadow: 0 8px 16px rgba(0,0,0,.5), 0 0 2px rgba(0,0,0,.5);
}
/* Dark danger text is Fluent's lighter red (#e37d80): #dc626d is 4.16:1 on the dialog's #292929, below 4.5:1. */
/* Windows high contrast: the system's colours, never ours (a badge keeps its shape with Highlight). */
@media (forced-colors: active) {
  .b2b-root {
    --b2b-fg: CanvasText; --b2b-fg2: CanvasText; --b2b-bg: Canvas; --b2b-bg2: Canvas; --b2b-bg3: Canvas; --b2b-border: CanvasText;
    --b2b-brand: Highlight; --b2b-brand-hover: Highlight; --b2b-on-brand: HighlightText; --b2b-focus: Highlight;
    --b2b-danger-fg: CanvasText; --b2b-danger-bg: Canvas; --b2b-warn-fg: CanvasText; --b2b-warn-bg: Canvas; --b2b-ok-fg: CanvasText; --b2b-ok-bg: Canvas;
    --b2b-disabled-fg: GrayText; --b2b-disabled-bg: Canvas; --b2b-shadow: none;
  }
  .cmd, .btn, .close { border: 1px solid ButtonText; color: ButtonText; background: ButtonFace; }
  .cmd[aria-disabled="true"], .btn[disabled], .btn[aria-disabled="true"] { color: GrayText; border-color: GrayText; }
  .badge, .progress > div { forced-color-adjust: none; background: Highlight; color: HighlightText; }
}
*, *::before, *::after { box-sizing: border-box; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input, select, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--b2b-focus); outline-offset: 1px; }

/* ---- command-bar control ---- */
.bar { display: inline-flex; align-items: center; gap: 4px; padding: 0 4px; border-left: 1px solid var(--b2b-border); margin-left: 4px; font: 14px/20px var(--b2b-font); color: var(--b2b-fg); position: relative; }
.cmd { display: inline-flex; align-items: center; gap: 6px; height: 32px; padding: 0 8px; border: 0; border-radius: 4px; background: transparent; cursor: pointer; white-space: nowrap; }
.cmd:hover { background: var(--b2b-bg3); }
.cmd[aria-disabled="true"] { color: var(--b2b-disabled-fg); cursor: default; background: transparent; }
.cmd .icon { color: var(--b2b-brand); font-size: 16px; line-height: 1; }
.cmd[aria-disabled="true"] .icon { color: var(--b2b-disabled-fg); }
.badge { min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px; background: var(--b2b-brand); color: var(--b2b-on-brand); font-size: 12px; font-weight: 600; display: inline-flex; align-items: center; justify-content: center; }
.cmd[aria-disabled="true"] .badge { background: var(--b2b-disabled-bg); color: var(--b2b-disabled-fg); }
.count { color: var(--b2b-fg2); font-size: 12px; white-space: nowrap; padding: 0 4px; }
.note { font-size: 12px; color: var(--b2b-fg2); max-width: 360px; white-space: normal; }
.note.error { color: var(--b2b-danger-fg); }
.tip { position: absolute; top: 100%; left: 0; z-index: 1000; margin-top: 4px; padding: 6px 10px; max-width: 320px; border-radius: 4px; background: var(--b2b-bg); color: var(--b2b-fg); box-shadow: var(--b2b-shadow); font-size: 12px; white-space: normal; visibility: hidden; }
.convert-wrap { position: relative; display: inline-flex; }
.selected-list { position: absolute; top: 100%; left: 0; z-index: 1001; margin: 4px 0 0; padding: 8px 0; width: 360px; max-width: calc(100vw - 16px); max-height: 320px; overflow: auto; border: 1px solid var(--b2b-border); border-radius: 4px; background: var(--b2b-bg); color: var(--b2b-fg); box-shadow: var(--b2b-shadow); font: 14px/20px var(--b2b-font); }
.selected-list:popover-open { position: fixed; inset: auto; margin: 0; }
.selected-list h2 { font-size: 12px; line-height: 16px; font-weight: 600; margin: 0 12px 4px; color: var(--b2b-fg2); }
.selected-list ul { list-style: none; margin: 0; padding: 0; }
.selected-list li { display: flex; align-items: center; gap: 8px; padding: 2px 4px 2px 12px; }
.selected-list .who { flex: 1; min-width: 0; }
.selected-list .name { font-weight: 400; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.selected-list .more { margin: 4px 12px 0; }
.convert-wrap:hover .tip, .convert-wrap:focus-within .tip { visibility: visible; }

/* ---- review dialog ---- */
.backdrop { position: fixed; inset: 0; z-index: 2147483000; background: rgba(0,0,0,.4); display: flex; align-items: center; justify-content: center; font: 14px/20px var(--b2b-font); color: var(--b2b-fg); }
.dialog { background: var(--b2b-bg); color: var(--b2b-fg); border-radius: 8px; box-shadow: var(--b2b-shadow); width: min(1100px, calc(100vw - 32px)); max-height: calc(100vh - 32px); display: flex; flex-direction: column; }
.dialog header { padding: 20px 24px 8px; display: flex; align-items: flex-start; gap: 16px; }
.dialog h2 { margin: 0; font-size: 20px; line-height: 28px; font-weight: 600; flex: 1; }
.dialog .body { padding: 8px 24px; overflow: auto; flex: 1 1 auto; min-height: 120px; }
.dialog footer { padding: 12px 24px 20px; display: flex; gap: 8px; justify-content: flex-end; align-items: center; flex-wrap: wrap; border-top: 1px solid var(--b2b-bg3); }
.btn { height: 32px; padding: 0 12px; border-radius: 4px; border: 1px solid var(--b2b-border); background: var(--b2b-bg); cursor: pointer; font-weight: 600; }
.btn:hover { background: var(--b2b-bg2); }
.btn.primary { background: var(--b2b-brand); border-color: var(--b2b-brand); color: var(--b2b-on-brand); }
.btn.primary:hover { background: var(--b2b-brand-hover); }
.btn[disabled], .btn[aria-disabled="true"] { background: var(--b2b-disabled-bg); border-color: var(--b2b-disabled-bg); color: var(--b2b-disabled-fg); cursor: default; }
.btn.subtle { border-color: transparent; background: transparent; font-weight: 400; }
.close { border: 0; background: transparent; font-size: 18px; width: 32px; height: 32px; border-radius: 4px; cursor: pointer; }
.close:hover { background: var(--b2b-bg3); }
.msg { padding: 8px 12px; border-radius: 4px; margin: 8px 0; border: 1px solid transparent; }
.msg.error { background: var(--b2b-danger-bg); color: var(--b2b-danger-fg); border-color: currentColor; }
.msg.warn { background: var(--b2b-warn-bg); color: var(--b2b-warn-fg); border-color: currentColor; }
.msg.info { background: var(--b2b-bg2); }
.msg.ok { background: var(--b2b-ok-bg); color: var(--b2b-ok-fg); }
.summary { font-weight: 600; }
table.users { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.users th, table.users td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--b2b-bg3); vertical-align: top; overflow-wrap: anywhere; }
table.users th { font-weight: 600; font-size: 12px; color: var(--b2b-fg2); position: sticky; top: 0; background: var(--b2b-bg); z-index: 1; }
table.users col.inc { width: 44px; } table.users col.state { width: 26%; }
tr.blocked td { color: var(--b2b-fg2); }
.name { font-weight: 600; display: block; max-height: 3em; overflow: hidden; unicode-bidi: plaintext; }
.upn { font-size: 12px; color: var(--b2b-fg2); display: block; unicode-bidi: plaintext; }
input[type="email"], input[type="text"], input[type="url"], textarea, select { width: 100%; min-height: 32px; padding: 4px 8px; border: 1px solid var(--b2b-border); border-bottom-color: var(--b2b-fg2); border-radius: 4px; background: var(--b2b-bg); }
input[aria-invalid="true"] { border-color: var(--b2b-danger-fg); }
input[readonly] { background: var(--b2b-bg2); border-color: var(--b2b-bg3); color: var(--b2b-fg2); }
.field-error { color: var(--b2b-danger-fg); font-size: 12px; display: block; }
.reason { font-size: 12px; display: block; }
.reason.block { color: var(--b2b-danger-fg); }
.reason.warn { color: var(--b2b-warn-fg); }
.pill { display: inline-block; font-size: 12px; font-weight: 600; padding: 0 8px; border-radius: 10px; }
.pill.eligible { background: var(--b2b-ok-bg); color: var(--b2b-ok-fg); }
.pill.warning { background: var(--b2b-warn-bg); color: var(--b2b-warn-fg); }
.pill.blocked { background: var(--b2b-danger-bg); color: var(--b2b-danger-fg); }
fieldset { border: 1px solid var(--b2b-bg3); border-radius: 4px; margin: 12px 0; padding: 8px 12px; }
legend { font-weight: 600; padding: 0 4px; }
.grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: 8px 16px; }
label.check { display: flex; gap: 8px; align-items: flex-start; }
label.field { display: flex; flex-direction: column; gap: 2px; }
.progress { height: 4px; background: var(--b2b-bg3); border-radius: 2px; overflow: hidden; margin: 8px 0; }
.progress > div { height: 100%; background: var(--b2b-brand); }
.phase { display: contents; }
.dialog { position: relative; }
.prompt-layer { position: absolute; inset: 0; border-radius: 8px; background: rgba(0,0,0,.4); display: flex; align-items: center; justify-content: center; z-index: 2; }
.prompt { background: var(--b2b-bg); color: var(--b2b-fg); border-radius: 8px; box-shadow: var(--b2b-shadow); padding: 20px 24px; width: min(440px, calc(100% - 32px)); }
.prompt h3 { margin: 0 0 8px; font-size: 16px; line-height: 22px; font-weight: 600; }
.prompt .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; }
.result { font-weight: 600; font-size: 16px; line-height: 22px; }
.failed h3 { font-size: 14px; line-height: 20px; font-weight: 600; margin: 12px 0 4px; }
.failed ul { list-style: none; margin: 0; padding: 0; }
.failed li { padding: 6px 0; border-bottom: 1px solid var(--b2b-bg3); }
code { font-family: Consolas, "Courier New", monospace; font-size: 12px; }
.confirm-box { border: 1px solid var(--b2b-danger-fg); border-radius: 4px; padding: 8px; margin-top: 4px; }
`;
