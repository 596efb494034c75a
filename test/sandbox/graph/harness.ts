// Test harness for the Graph emulator's unit tests: a fixture tenant, a token factory and a real HTTP server
// on port 0 wrapping handle(), so tests exercise the same request/response objects the sandbox server uses.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sandboxUser } from '../sandbox-user';
import { TokenSigner, type TokenClaims } from '../tokens';
import { ROLE, type SandboxTenant, type SandboxUser } from '../types';
import { createGraphEmulator, type GraphEmulator, type GraphEmulatorOptions } from './index';

export const TENANT_ID = '11111111-1111-4111-8111-111111111111';
export const ADMIN = 'aaaaaaaa-0000-4000-8000-000000000001';
export const USER_ADMIN = 'aaaaaaaa-0000-4000-8000-000000000002';
export const INVITER = 'aaaaaaaa-0000-4000-8000-000000000003';
export const PLAIN = 'aaaaaaaa-0000-4000-8000-000000000004';
export const ADA = 'bbbbbbbb-0000-4000-8000-000000000001'; // external address in mail
export const BOB = 'bbbbbbbb-0000-4000-8000-000000000002'; // external address only in otherMails
export const CARL = 'bbbbbbbb-0000-4000-8000-000000000003'; // synced from on-premises
export const DORA = 'bbbbbbbb-0000-4000-8000-000000000004'; // converted external → internal before
export const EVE = 'bbbbbbbb-0000-4000-8000-000000000005'; // already B2B, accepted
export const FRED = 'bbbbbbbb-0000-4000-8000-000000000006'; // mail in a verified domain only

export const ALL_SCOPES = 'User.Read User.Read.All User.Invite.All RoleManagement.Read.Directory User.ReadWrite.All';

function user(id: string, name: string, over: Partial<SandboxUser> = {}): SandboxUser {
  const nick = name.toLowerCase().replace(/\s+/g, '.');
  return sandboxUser({ id, displayName: name, userPrincipalName: `${nick}@contoso.example`, mail: `${nick}@contoso.example`, ...over });
}

/** `extra` bulk users make paging observable. */
export function fixtureTenant(extra = 0): SandboxTenant {
  const users: SandboxUser[] = [
    user(ADMIN, 'Admin One'),
    user(USER_ADMIN, 'User Admin'),
    user(INVITER, 'Guest Inviter'),
    user(PLAIN, 'Plain Member'),
    user(ADA, 'Ada Lovelace', { mail: 'ada@fabrikam.example' }),
    user(BOB, 'Bob Builder', { otherMails: ['bob@personal.example'] }),
    user(CARL, 'Carl Synced', {
      mail: 'carl@fabrikam.example',
      onPremisesUserPrincipalName: 'carl@corp.local',
      onPremisesSyncEnabled: true,
    }),
    user(DORA, 'Dora Returned', { mail: 'dora@ext.example', convertedExternalToInternal: true }),
    user(EVE, 'Eve Already', {
      mail: 'eve@ext.example',
      externalUserState: 'Accepted',
      externalUserStateChangeDateTime: '2025-01-01T00:00:00Z',
    }),
    user(FRED, 'Fred Local'),
  ];
  for (let i = 0; i < extra; i++) {
    const n = String(i).padStart(4, '0');
    users.push(user(`cccccccc-0000-4000-8000-00000000${n}`, `Bulk ${n}`));
  }
  return {
    tenantId: TENANT_ID,
    displayName: 'Contoso',
    verifiedDomains: ['contoso.onmicrosoft.com', 'contoso.example'],
    users,
    roleAssignments: [
      { id: 'ra-1', principalId: ADMIN, roleDefinitionId: ROLE.globalAdministrator, directoryScopeId: '/' },
      { id: 'ra-2', principalId: USER_ADMIN, roleDefinitionId: ROLE.userAdministrator, directoryScopeId: '/' },
      { id: 'ra-3', principalId: INVITER, roleDefinitionId: ROLE.guestInviter, directoryScopeId: '/' },
      { id: 'ra-4', principalId: ADA, roleDefinitionId: ROLE.helpdeskAdministrator, directoryScopeId: '/' },
    ],
    adminUserId: ADMIN,
    consentedScopes: ALL_SCOPES.split(' '),
    clientId: '22222222-2222-4222-8222-222222222222',
  };
}

/** The fixture tenant with the lenient reading that converts a user whose address is only in otherMails. */
export function lenientTenant(extra = 0): SandboxTenant {
  return { ...fixtureTenant(extra), rules: { conversionAcceptsOtherMails: true } };
}

export interface Reply {
  status: number;
  headers: Headers;
  json: unknown;
}

export interface Harness {
  emulator: GraphEmulator;
  signer: TokenSigner;
  now: { ms: number };
  token(over?: Partial<TokenClaims>): string;
  call(method: string, path: string, o?: { token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
  close(): Promise<void>;
}

/** Starts an emulator behind a local HTTP server; the clock is a mutable fake (`now.ms`). */
export async function startHarness(over: Partial<GraphEmulatorOptions> = {}, extraUsers = 0): Promise<Harness> {
  const signer = new TokenSigner();
  const now = { ms: Date.UTC(2026, 10, 1, 12, 0, 0) };
  const emulator = createGraphEmulator({ tenant: fixtureTenant(extraUsers), signer, clock: () => now.ms, ...over });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://graph.microsoft.com');
      void Promise.resolve(emulator.handle(req, res, url, Buffer.concat(chunks))).catch((e: unknown) => {
        res.writeHead(599).end(String(e));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const token = (o: Partial<TokenClaims> = {}) =>
    signer.sign({
      iss: `https://login.microsoftonline.com/${TENANT_ID}/v2.0`,
      aud: 'https://graph.microsoft.com',
      tid: TENANT_ID,
      oid: ADMIN,
      scp: ALL_SCOPES,
      iat: Math.floor(now.ms / 1000) - 10,
      exp: Math.floor(now.ms / 1000) + 3600,
      ...o,
    });

  return {
    emulator,
    signer,
    now,
    token,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      const t = o.token === undefined ? token() : o.token;
      if (t !== null) headers.Authorization = `Bearer ${t}`;
      let body: string | undefined;
      if (o.body !== undefined) {
        body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      const r = await fetch(base + path, { method, headers, body });
      const text = await r.text();
      return { status: r.status, headers: r.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Narrow helper for asserting on JSON bodies without `any`. */
export function obj(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not an object: ${JSON.stringify(v)}`);
  return v as Record<string, unknown>;
}

export function errorOf(v: unknown): { code: string; message: string; innerError: Record<string, string> } {
  return obj(obj(v).error) as { code: string; message: string; innerError: Record<string, string> };
}

export function inviteBody(userId: string | undefined, email: string, extra: Record<string, unknown> = {}) {
  return {
    invitedUserEmailAddress: email,
    inviteRedirectUrl: `https://myapps.microsoft.com/?tenantid=${TENANT_ID}`,
    sendInvitationMessage: false,
    ...(userId ? { invitedUser: { id: userId } } : {}),
    ...extra,
  };
}
