import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, zip } from '../../build/zip';
import { readZip } from '../support/read-zip';

const hasUnzip = (() => {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('zip writer', () => {
  const entries = [
    { name: 'manifest.json', data: Buffer.from('{"manifest_version":3}\n') },
    { name: 'assets/big.js', data: Buffer.from('const x = 1;\n'.repeat(500)) },
    { name: 'popup/icons/icon.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
    { name: 'ünïcode/naïve.txt', data: Buffer.from('é') },
  ];

  it('CRC-32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips every entry, sorted, with the manifest at the root', () => {
    const files = readZip(zip(entries));
    expect([...files.keys()]).toEqual(['assets/big.js', 'manifest.json', 'popup/icons/icon.png', 'ünïcode/naïve.txt']);
    for (const e of entries) expect(files.get(e.name)?.equals(e.data), e.name).toBe(true);
  });

  it('is deterministic: the same input gives the same bytes, whatever the order', () => {
    expect(zip(entries).equals(zip([...entries].reverse()))).toBe(true);
  });

  it('refuses names that would escape the archive and duplicates', () => {
    expect(() => zip([{ name: '../evil', data: Buffer.alloc(0) }])).toThrow(/bad entry name/);
    expect(() => zip([{ name: '/abs', data: Buffer.alloc(0) }])).toThrow(/bad entry name/);
    expect(() => zip([{ name: 'a', data: Buffer.alloc(0) }, { name: 'a', data: Buffer.alloc(1) }])).toThrow(/duplicate/);
  });

  it.runIf(hasUnzip)('passes Info-ZIP\'s integrity test', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b2b-zip-'));
    try {
      writeFileSync(join(dir, 'x.zip'), zip(entries));
      expect(execFileSync('unzip', ['-t', join(dir, 'x.zip')]).toString()).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
