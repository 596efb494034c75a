// A self-signed TLS certificate for the sandbox's one HTTPS server, made at run time with the openssl CLI.
// Chromium is started with --ignore-certificate-errors, but the certificate still names every mapped host so a
// stricter client (or a curious human with `openssl s_client`) sees the real names.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every name the sandbox answers for. Wildcards cover one DNS label (sandbox-8-2.reactblade.portal.azure.net). */
export const SANDBOX_HOSTNAMES = [
  'entra.microsoft.com',
  'portal.azure.com',
  'ms.portal.azure.com',
  '*.reactblade.portal.azure.net',
  '*.reactblade-ms.portal.azure.net',
  'graph.microsoft.com',
  'login.microsoftonline.com',
] as const;

export interface SandboxCert {
  /** PEM private key. */
  key: string;
  /** PEM certificate. */
  cert: string;
  /** Temporary directory that holds key.pem and cert.pem for this run. */
  dir: string;
}

let cached: SandboxCert | undefined;

/**
 * Returns this process's sandbox certificate, generating it on first use (one openssl call, ~50 ms with EC keys).
 * The key never leaves the temp dir, which is removed when the process exits.
 */
export function getSandboxCert(extraNames: readonly string[] = []): SandboxCert {
  const wanted = [...SANDBOX_HOSTNAMES, ...extraNames];
  if (cached && extraNames.length === 0) return cached;

  const dir = mkdtempSync(join(tmpdir(), 'b2b-sandbox-cert-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const confPath = join(dir, 'openssl.cnf');
  const san = [...wanted.map((n) => `DNS:${n}`), 'DNS:localhost', 'IP:127.0.0.1'].join(',');
  // A config file instead of -addext keeps this working on older openssl builds too.
  writeFileSync(
    confPath,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = ext',
      'prompt = no',
      '[dn]',
      'CN = B2B Convert sandbox',
      'O = B2B Convert for Entra test sandbox',
      '[ext]',
      `subjectAltName = ${san}`,
      'basicConstraints = critical, CA:FALSE',
      'keyUsage = critical, digitalSignature, keyEncipherment',
      'extendedKeyUsage = serverAuth',
      '',
    ].join('\n'),
  );
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-nodes',
        '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
        '-keyout', keyPath, '-out', certPath,
        '-days', '2', '-sha256',
        '-config', confPath,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl could not make the sandbox certificate: ${stderr || String(err)}`, { cause: err });
  }
  const result: SandboxCert = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), dir };
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  if (extraNames.length === 0) cached = result;
  return result;
}
