// Which hosts the extension must be allowed to reach for a cloud, as match patterns. Chromium grants the Global
// ones at install; Firefox MV3 treats every host permission as opt-in (the user may withhold or revoke them), so
// the popup and the options page compare this list with what the browser granted and ask for the rest.
import { cloudEndpoints, type Cloud } from './clouds';

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

const CONSEQUENCE: Record<HostRole, string> = {
  'sign-in': 'signing in',
  graph: 'reading and converting users',
  'admin-center': 'the Convert control on the All users page',
};

/** One sentence naming what stops working without the missing hosts, e.g. for a notice. */
export function describeMissingAccess(missing: readonly HostNeed[]): string {
  const roles = [...new Set(missing.map((m) => m.role))];
  const broken = roles.map((r) => CONSEQUENCE[r]);
  const list = broken.length <= 1 ? (broken[0] ?? '') : `${broken.slice(0, -1).join(', ')} and ${broken[broken.length - 1]}`;
  const hosts = missing.map((m) => m.pattern.replace(/^https:\/\//, '').replace(/\/\*$/, ''));
  return `The browser has not given this extension access to ${hosts.join(', ')}. Without it, ${list} will not work.`;
}
