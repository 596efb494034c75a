// Which hosts the extension must be allowed to reach for a cloud, as match patterns. Chromium grants the Global
// ones at install; Firefox MV3 treats every host permission as opt-in (the user may withhold or revoke them), so
// the popup and the options page compare this list with what the browser granted and ask for the rest.
import { cloudEndpoints, type Cloud } from './clouds';
import { t, tn, type MessageKey } from './i18n';
import { joinWords } from './word-list';

export type HostRole = 'sign-in' | 'graph' | 'admin-center';

export interface HostNeed {
  pattern: string;
  role: HostRole;
}

/** Every host pattern a cloud needs: its sign-in authority, Graph, and the admin center with its React-view frames. */
export function hostNeeds(cloud: Cloud): HostNeed[] {
  const e = cloudEndpoints(cloud);
  const needs: HostNeed[] = [
    { pattern: `https://${e.loginHost}/*`, role: 'sign-in' },
    { pattern: `https://${e.graphHost}/*`, role: 'graph' },
    ...e.adminCenterHosts.map((h) => ({ pattern: `https://${h}/*`, role: 'admin-center' as const })),
    ...e.reactViewFrameHostSuffixes.map((s) => ({ pattern: `https://*${s}/*`, role: 'admin-center' as const })),
  ];
  return needs.filter((n, i) => needs.findIndex((m) => m.pattern === n.pattern) === i);
}

const CONSEQUENCE: Record<HostRole, MessageKey> = {
  'sign-in': 'hostAccess_signIn',
  graph: 'hostAccess_graph',
  'admin-center': 'hostAccess_adminCenter',
};

/** One sentence naming what stops working without the missing hosts, e.g. for a notice. */
export function describeMissingAccess(missing: readonly HostNeed[]): string {
  const roles = [...new Set(missing.map((m) => m.role))];
  const broken = joinWords(roles.map((r) => t(CONSEQUENCE[r])), 'and');
  const hosts = missing.map((m) => m.pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
  return tn('hostAccess_missing', roles.length, { broken, hosts: hosts.join(', ') });
}
