// `npm run package` (after `npm run build`): the store uploads, versioned from package.json, in artifacts/.
// - chrome / edge: dist/chromium with the manifest at the zip root, minus the development `key` (the stores
//   assign and sign their own id; see store/README.md);
// - firefox: dist/firefox for addons.mozilla.org;
// - source: every file under version control, for AMO's reviewers (the package is bundled), with the build steps
//   in store/amo-source-build.md.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zip, type ZipEntry } from './zip';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface PackageResult {
  store: 'chrome' | 'edge' | 'firefox' | 'source';
  file: string;
  bytes: number;
  entries: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function directoryEntries(dir: string, rewrite: (name: string, data: Buffer) => Buffer = (_n, d) => d): ZipEntry[] {
  return filesUnder(dir).map((path) => {
    const name = relative(dir, path).split(sep).join('/');
    return { name, data: rewrite(name, readFileSync(path)) };
  });
}

/** The store manifest: the same as the unpacked build's, without the development-only `key`. */
export function storeManifest(data: Buffer): Buffer {
  const { key: _devKey, ...manifest } = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}

function checkBuilt(dir: string, version: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version?: string };
  if (manifest.version !== version) {
    throw new Error(`${relative(ROOT, dir)} was built as ${manifest.version ?? '?'}, package.json says ${version}: run \`npm run build\` first.`);
  }
}

export function packageAll(outDir = join(ROOT, 'artifacts')): PackageResult[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const chromium = join(ROOT, 'dist', 'chromium');
  const firefox = join(ROOT, 'dist', 'firefox');
  checkBuilt(chromium, pkg.version);
  checkBuilt(firefox, pkg.version);

  const chromiumEntries = directoryEntries(chromium, (name, data) => (name === 'manifest.json' ? storeManifest(data) : data));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT }).toString('utf8').split('\0').filter(Boolean);
  const sourceEntries = tracked.filter((f) => statSync(join(ROOT, f), { throwIfNoEntry: false })?.isFile()).map((name) => ({ name, data: readFileSync(join(ROOT, name)) }));

  const plan: Array<[PackageResult['store'], ZipEntry[]]> = [
    ['chrome', chromiumEntries],
    ['edge', chromiumEntries],
    ['firefox', directoryEntries(firefox)],
    ['source', sourceEntries],
  ];
  mkdirSync(outDir, { recursive: true });
  return plan.map(([store, entries]) => {
    const file = join(outDir, `${pkg.name}-${pkg.version}-${store}.zip`);
    const bytes = zip(entries);
    writeFileSync(file, bytes);
    return { store, file, bytes: bytes.length, entries: entries.length };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of packageAll()) {
    process.stdout.write(`${r.store.padEnd(8)} ${relative(ROOT, r.file)}  ${(r.bytes / 1024).toFixed(1)} KiB, ${r.entries} files\n`);
  }
}
