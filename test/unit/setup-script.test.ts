// The first-run set-up (scripts/setup.mjs): what it decides and does on a fresh clone, a stale install, and a
// machine where it may not install the browser. The runner takes its tools as ports; files are real (a temp dir).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dependencyState, mayInstallSystemPackages, planSetup } from '../../scripts/setup/plan.mjs';
import { runSetup, type SetupPorts } from '../../scripts/setup/run.mjs';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'b2b-setup-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  return dir;
}

function install(dir: string, at: Date): void {
  mkdirSync(join(dir, 'node_modules', 'vite'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '.package-lock.json'), '{}');
  utimesSync(join(dir, 'node_modules', '.package-lock.json'), at, at);
}

/** A machine: real files under `dir`, a browser that is there or not, and commands that are recorded. */
function machine(dir: string, opts: { browserPresent: boolean; uid: number; npmFails?: boolean }) {
  const ran: string[] = [];
  const said: string[] = [];
  let browserPresent = opts.browserPresent;
  const io: SetupPorts = {
    projectDir: dir,
    mtimeMs: (p) => (existsSync(p) ? statSync(p).mtimeMs : undefined),
    exists: (p) => (p === '/usr/bin/chromium' ? browserPresent : existsSync(p)),
    readText: (p) => (p === '/etc/os-release' ? DEBIAN : undefined),
    removeDir: (p) => rmSync(p, { recursive: true, force: true }),
    uid: opts.uid,
    hasCommand: (c) => c === 'apt-get',
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      if (line.includes('apt-get install')) browserPresent = true;
      if (command === 'npm') {
        mkdirSync(join(dir, 'node_modules', 'half-written'), { recursive: true });
        if (opts.npmFails) return 1;
        install(dir, new Date());
      }
      return 0;
    },
    say: (l) => said.push(l),
  };
  return { io, ran, said };
}

describe('set-up plan', () => {
  it('dependencies: missing without an install record, stale when the lockfile is newer, fresh otherwise', () => {
    expect(dependencyState({ installedLockMtimeMs: undefined, lockfileMtimeMs: 5 })).toBe('missing');
    expect(dependencyState({ installedLockMtimeMs: 4, lockfileMtimeMs: 5 })).toBe('stale');
    expect(dependencyState({ installedLockMtimeMs: 5, lockfileMtimeMs: 5 })).toBe('fresh');
  });

  it('installs system packages only as root on Debian or Ubuntu with apt', () => {
    expect(mayInstallSystemPackages({ uid: 0, osRelease: DEBIAN, hasApt: true }).may).toBe(true);
    expect(mayInstallSystemPackages({ uid: 0, osRelease: 'ID=linuxmint\nID_LIKE="ubuntu debian"', hasApt: true }).may).toBe(true);
    expect(mayInstallSystemPackages({ uid: 1000, osRelease: DEBIAN, hasApt: true })).toMatchObject({ may: false, why: expect.stringMatching(/root/) });
    expect(mayInstallSystemPackages({ uid: 0, osRelease: 'ID=fedora', hasApt: false })).toMatchObject({ may: false, why: expect.stringMatching(/Debian or Ubuntu/) });
  });

  it('a missing browser that may not be installed is a refusal naming the command, with no steps at all', () => {
    const plan = planSetup({
      dependencies: 'missing',
      browsers: [{ name: 'Chromium', path: '/usr/bin/chromium', aptPackage: 'chromium', present: false }],
      mayInstallSystemPackages: false,
      whyNotInstall: 'not root',
    });
    expect(plan).toEqual({ ok: false, command: 'sudo apt-get update && sudo apt-get install -y chromium', problem: expect.stringContaining('Nothing was changed') });
  });
});

describe('runSetup on a clone', () => {
  it('nothing installed, as root on Debian: installs Chromium, then runs npm ci, and reports ready', () => {
    const dir = project();
    const { io, ran } = machine(dir, { browserPresent: false, uid: 0 });
    expect(runSetup(['chromium'], io)).toBe(0);
    expect(ran).toEqual([
      'env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      'npm ci --no-audit --no-fund',
    ]);
    expect(existsSync(join(dir, 'node_modules', '.package-lock.json'))).toBe(true);
    // Run again: nothing left to do.
    ran.length = 0;
    expect(runSetup(['chromium'], io)).toBe(0);
    expect(ran).toEqual([]);
  });

  it('dependencies stale (lockfile changed after the install): runs npm ci only', () => {
    const dir = project();
    install(dir, new Date(Date.now() - 60_000));
    const { io, ran, said } = machine(dir, { browserPresent: true, uid: 1000 });
    expect(runSetup(['chromium'], io)).toBe(0);
    expect(ran).toEqual(['npm ci --no-audit --no-fund']);
    expect(said.join('\n')).toMatch(/package-lock.json changed/);
  });

  it('browser missing without permission to install: clear message, non-zero exit, nothing run or written', () => {
    const dir = project();
    const { io, ran, said } = machine(dir, { browserPresent: false, uid: 1000 });
    expect(runSetup(['chromium'], io)).toBe(1);
    expect(ran).toEqual([]);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(said.join('\n')).toContain('Chromium (/usr/bin/chromium) is needed');
    expect(said.join('\n')).toContain('sudo apt-get update && sudo apt-get install -y chromium');
  });

  it('npm ci failing leaves no half-written node_modules behind', () => {
    const dir = project();
    const { io, said } = machine(dir, { browserPresent: true, uid: 0, npmFails: true });
    expect(runSetup(['chromium'], io)).toBe(1);
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);
    expect(said.join('\n')).toMatch(/npm ci failed/);
  });

  it('an unknown browser name is refused', () => {
    const { io, ran } = machine(project(), { browserPresent: true, uid: 0 });
    expect(runSetup(['netscape'], io)).toBe(1);
    expect(ran).toEqual([]);
  });
});

describe('scripts/setup.mjs as a command', () => {
  it('runs before any dependency exists: on a clone without node_modules it calls npm ci from PATH', () => {
    const dir = project();
    cpSync(resolve('scripts'), join(dir, 'scripts'), { recursive: true });
    const bin = join(dir, 'fake-bin');
    mkdirSync(bin);
    // A stand-in npm that records its arguments and leaves an install record, as npm ci does.
    writeFileSync(join(bin, 'npm'), `#!/bin/sh\necho "$@" > "${dir}/npm-args"\nmkdir -p node_modules && echo '{}' > node_modules/.package-lock.json\n`);
    chmodSync(join(bin, 'npm'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` };
    const first = spawnSync(process.execPath, [join(dir, 'scripts', 'setup.mjs')], { env, encoding: 'utf8' });
    expect(first.status).toBe(0);
    expect(first.stderr).toMatch(/dependencies are not installed; running npm ci/);
    expect(existsSync(join(dir, 'npm-args'))).toBe(true);
    rmSync(join(dir, 'npm-args'));
    const second = spawnSync(process.execPath, [join(dir, 'scripts', 'setup.mjs')], { env, encoding: 'utf8' });
    expect(second.status).toBe(0);
    expect(existsSync(join(dir, 'npm-args'))).toBe(false);
  });
});
