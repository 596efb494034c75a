// @ts-check
// Carries out the set-up plan with the machine's tools passed in (ports), so a test can drive it without root,
// apt or the network. See plan.mjs for the decisions.
import { KNOWN_BROWSERS, dependencyState, mayInstallSystemPackages, planSetup } from './plan.mjs';

/**
 * @typedef {{
 *   projectDir: string,
 *   mtimeMs(path: string): number | undefined,
 *   exists(path: string): boolean,
 *   readText(path: string): string | undefined,
 *   removeDir(path: string): void,
 *   uid: number | undefined,
 *   run(command: string, args: string[]): number,
 *   hasCommand(command: string): boolean,
 *   say(line: string): void,
 * }} SetupPorts
 */

/**
 * @param {string[]} browserNames keys of KNOWN_BROWSERS
 * @param {SetupPorts} io
 * @returns {number} exit code: 0 ready, 1 refused or failed
 */
export function runSetup(browserNames, io) {
  const unknown = browserNames.filter((n) => !(n in KNOWN_BROWSERS));
  if (unknown.length > 0) {
    io.say(`setup: unknown browser ${unknown.join(', ')} (known: ${Object.keys(KNOWN_BROWSERS).join(', ')})`);
    return 1;
  }
  const nodeModules = `${io.projectDir}/node_modules`;
  const installed = `${nodeModules}/.package-lock.json`;
  const system = mayInstallSystemPackages({
    uid: io.uid,
    osRelease: io.readText('/etc/os-release'),
    hasApt: io.hasCommand('apt-get'),
  });
  const plan = planSetup({
    dependencies: dependencyState({
      installedLockMtimeMs: io.mtimeMs(installed),
      lockfileMtimeMs: io.mtimeMs(`${io.projectDir}/package-lock.json`),
    }),
    browsers: browserNames.map((n) => {
      const need = /** @type {import('./plan.mjs').BrowserNeed} */ (KNOWN_BROWSERS[n]);
      return { ...need, present: io.exists(need.path) };
    }),
    mayInstallSystemPackages: system.may,
    whyNotInstall: system.why,
  });
  if (!plan.ok) {
    io.say(`setup: ${plan.problem}`);
    return 1;
  }
  for (const step of plan.steps) {
    if (step.kind === 'apt-install') {
      io.say(`setup: installing ${step.packages.join(', ')} from Debian's packages (apt-get)…`);
      const quiet = 'DEBIAN_FRONTEND=noninteractive';
      if (io.run('env', [quiet, 'apt-get', 'update', '-qq']) !== 0 ||
          io.run('env', [quiet, 'apt-get', 'install', '-y', '-qq', ...step.packages]) !== 0) {
        io.say(`setup: apt-get could not install ${step.packages.join(', ')}; see its output above.`);
        return 1;
      }
      const stillMissing = browserNames.map((n) => KNOWN_BROWSERS[n]).filter((b) => b && !io.exists(b.path));
      if (stillMissing.length > 0) {
        io.say(`setup: apt-get finished but ${stillMissing.map((b) => b?.path).join(', ')} is still missing.`);
        return 1;
      }
    } else {
      io.say(step.reason === 'missing'
        ? 'setup: dependencies are not installed; running npm ci (about a minute)…'
        : 'setup: package-lock.json changed since the last install; running npm ci…');
      if (io.run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
        // A failed install must not look like an installed one next time: start from nothing instead.
        io.removeDir(nodeModules);
        io.say('setup: npm ci failed (see its output above); node_modules was removed so the next run starts clean.');
        return 1;
      }
    }
  }
  return 0;
}
