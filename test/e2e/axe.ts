// axe-core's engine (a dev dependency) run in a page or frame of the production build. The source is evaluated
// through the DevTools protocol, so the page's CSP (extension pages: script-src 'self') neither blocks it nor is
// loosened for it. Only serious and critical violations fail a test; `within` keeps the findings to our own UI
// (a tag name of our shadow host) when the page around it is the portal replica.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

export async function seriousViolations(target: Page | Frame, opts: { within?: string } = {}): Promise<AxeFinding[]> {
  await target.evaluate(axeSource);
  const found = (await target.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  })) as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
  const findings: AxeFinding[] = [];
  for (const v of found) {
    if (v.impact !== 'serious' && v.impact !== 'critical') continue;
    const nodes = v.nodes.filter((n) => !opts.within || JSON.stringify(n.target).includes(opts.within));
    if (nodes.length === 0) continue;
    findings.push({ id: v.id, impact: v.impact, help: v.help, targets: nodes.map((n) => JSON.stringify(n.target)), summary: nodes.map((n) => n.failureSummary ?? '').join(' | ') });
  }
  return findings;
}
