// HS256 JSON Web Tokens for the sandbox: the login emulator signs, the Graph emulator verifies.
// One secret per sandbox run, so a token from an earlier run is never accepted.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenClaims {
  iss: string;
  aud: string;
  tid: string;
  oid: string;
  sub?: string;
  scp?: string;
  nonce?: string;
  preferred_username?: string;
  name?: string;
  iat: number;
  nbf?: number;
  exp: number;
  ver?: string;
  [extra: string]: unknown;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenSigner {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  sign(claims: TokenClaims): string {
    const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'sandbox' }));
    const body = b64url(JSON.stringify(claims));
    const mac = createHmac('sha256', this.secret).update(`${head}.${body}`).digest();
    return `${head}.${body}.${b64url(mac)}`;
  }

  /** Returns the claims when the signature is ours, else undefined. Expiry is the caller's rule. */
  verify(token: string): TokenClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [head, body, sig] = parts as [string, string, string];
    const expected = createHmac('sha256', this.secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      return undefined;
    }
  }
}
