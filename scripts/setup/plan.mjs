// @ts-check
// What a fresh clone needs before `npm run demo` or `npm test` can run, decided from facts alone (no I/O here), so
// the decision is unit-tested. This file runs before `npm ci`: it may use nothing but Node itself.

/**
 * @typedef {{ name: string, path: string, aptPackage: string }} BrowserNeed
 * @typedef {'missing' | 'stale' | 'fresh'} DependencyState
 * @typedef {{
 *   dependencies: DependencyState,
 *   browsers: Array<BrowserNeed & { present: boolean }>,
 *   mayInstallSystemPackages: boolean,
 *   whyNotInstall: string,
 * }} SetupFacts
 * @typedef {{ kind: 'apt-install', packages: string[] } | { kind: 'npm-ci', reason: DependencyState }} SetupStep
 * @typedef {{ ok: true, steps: SetupStep[] } | { ok: false, problem: string, command: string }} SetupPlan
 */

/** The browsers the commands drive: Debian's packages, never a downloaded build. */
export const KNOWN_BROWSERS = /** @type {Record<string, BrowserNeed>} */ ({
  chromium: { name: 'Chromium', path: '/usr/bin/chromium', aptPackage: 'chromium' },
  'firefox-esr': { name: 'Firefox ESR', path: '/usr/bin/firefox-esr', aptPackage: 'firefox-esr' },
});

/**
 * Dependencies are stale when the lockfile changed after the last install: npm rewrites
 * node_modules/.package-lock.json at the end of every install, so its time is the install's time.
 * @param {{ installedLockMtimeMs: number | undefined, lockfileMtimeMs: number | undefined }} times
 * @returns {DependencyState}
 */
export function dependencyState({ installedLockMtimeMs, lockfileMtimeMs }) {
  if (installedLockMtimeMs === undefined) return 'missing';
  if (lockfileMtimeMs !== undefined && lockfileMtimeMs > installedLockMtimeMs) return 'stale';
  return 'fresh';
}

/**
 * Everything is decided before anything is done: when a browser is missing and may not be installed here, the plan
 * is a refusal and nothing (not even `npm ci`) runs, so a refused set-up leaves the clone as it found it.
 * @param {SetupFacts} facts
 * @returns {SetupPlan}
 */
export function planSetup(facts) {
  const missing = facts.browsers.filter((b) => !b.present);
  const packages = missing.map((b) => b.aptPackage);
  if (missing.length > 0 && !facts.mayInstallSystemPackages) {
    const command = `sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`;
    const names = missing.map((b) => `${b.name} (${b.path})`).join(' and ');
    return {
      ok: false,
      command,
      problem: `${names} is needed and is not installed; ${facts.whyNotInstall}. Install it with:\n  ${command}\nthen run the same command again. Nothing was changed.`,
    };
  }
  /** @type {SetupStep[]} */
  const steps = [];
  if (packages.length > 0) steps.push({ kind: 'apt-install', packages });
  if (facts.dependencies !== 'fresh') steps.push({ kind: 'npm-ci', reason: facts.dependencies });
  return { ok: true, steps };
}

/**
 * Only root on a Debian-family system with apt may install browsers by itself; anyone else is told the command.
 * @param {{ uid: number | undefined, osRelease: string | undefined, hasApt: boolean }} system
 * @returns {{ may: boolean, why: string }}
 */
export function mayInstallSystemPackages({ uid, osRelease, hasApt }) {
  const ids = /^(?:ID|ID_LIKE)=(.*)$/gm;
  const family = [...(osRelease ?? '').matchAll(ids)].flatMap((m) => (m[1] ?? '').replace(/"/g, '').split(/\s+/));
  if (!family.some((id) => id === 'debian' || id === 'ubuntu')) {
    return { may: false, why: 'this is not a Debian or Ubuntu system, so it is not installed automatically' };
  }
  if (!hasApt) return { may: false, why: 'apt-get is not available here' };
  if (uid !== 0) return { may: false, why: 'installing a system package needs root, and this command is not running as root' };
  return { may: true, why: '' };
}
