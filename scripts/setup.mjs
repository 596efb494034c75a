#!/usr/bin/env node
// @ts-check
// `node scripts/setup.mjs [chromium] [firefox-esr]`: makes a fresh clone ready for `npm run demo` and `npm test`
// (runs `npm ci` when node_modules is missing or older than package-lock.json, installs the named Debian browsers when
// it may, otherwise prints the one command that does). No dependencies: it runs before `npm ci`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSetup } from './setup/run.mjs';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} path */
function mtimeMs(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

const code = runSetup(process.argv.slice(2), {
  projectDir,
  mtimeMs,
  exists: existsSync,
  readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  removeDir: (path) => rmSync(path, { recursive: true, force: true }),
  uid: process.getuid?.(),
  run: (command, args) => spawnSync(command, args, { cwd: projectDir, stdio: 'inherit' }).status ?? 1,
  hasCommand: (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0,
  say: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
