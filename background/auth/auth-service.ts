// Sign-in owned by the worker. MSAL runs in its host (msal-host-client.ts); interactive and silent browser steps
// run here through the identity port (identity.launchWebAuthFlow). Access tokens stay in this worker's memory and
// in the host: no message to a page or content script ever carries one. Every browser API comes in as a port.
import { authorityUrl } from '../../src/clouds';
import type { Settings } from '../../src/config';
import { scopesForTier, type ScopeTier, SCOPE_TIERS, coversTier, grantsUndoPermission, undoScopes } from '../../src/scopes';
import type { Cloud } from '../../src/clouds';
import {
  signInErrorFromLaunchFailure,
  signInErrorFromRedirect,
  type SignInError,
} from '../../src/sign-in-errors';
import type { AccountView } from '../../src/messages';
import { t, type MessageKey } from '../../src/i18n';
import type { MsalHost } from './msal-host-client';
import { localKeys, sessionKeys, type StorageArea } from '../../src/storage';
import type { IdentityPort } from '../worker-ports';
import type { MsalHostConfig, TokenGrant } from './msal-host-protocol';

/** Raised when a token cannot be had without the admin: the message says what to do. */
export class SignInRequired extends Error {
  constructor(
    readonly detail: SignInError,
    /** The permission tier a sign-in must grant to continue. */
    readonly tier?: ScopeTier,
  ) {
    super(detail.message);
    this.name = 'SignInRequired';
  }
}

const ACCOUNT_KEY = localKeys.account;
/**
 * storage.session (cleared when the browser restarts, kept across worker restarts): set when a token was obtained
 * for the stored account in this browser session, removed when one could not be had without the admin. The
 * account card calls the session ended unless this says otherwise.
 */
const SESSION_KEY = sessionKeys.authSession;
/**
 * What a token is for: a permission tier, or the undo feature's permissions (preview), which sit outside the tier
 * chain: asked for only when the admin turns the feature on (src/scopes.ts undoScopes).
 */
export type Grant = ScopeTier | 'undo';

const TIER_LABEL: Record<Grant, MessageKey> = {
  read: 'worker_tier_read',
  invite: 'worker_tier_invite',
  write: 'worker_tier_write',
  undo: 'worker_tier_undo',
};

function scopesFor(grant: Grant, cloud: Cloud): string[] {
  return grant === 'undo' ? undoScopes(cloud) : scopesForTier(grant, cloud);
}
/** Renew this long before expiry so a token never expires mid-request. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

export interface StoredAccount extends AccountView {
  /** Tiers whose scopes the last grants carried; shown in the popup, used to skip needless prompts. */
  grantedTiers: ScopeTier[];
  /** Settings the account was signed in with: a change of client/tenant/cloud means signing in again. */
  settingsKey: string;
  /** A grant carried the undo feature's permissions (it was turned on and consented). */
  undoGranted?: boolean;
}

const settingsKey = (s: Settings) => `${s.cloud}|${s.tenant}|${s.clientId}`;

/** What sign-in needs: the settings in force, the two storage areas, the browser's auth window, MSAL's host, a clock. */
export interface AuthDeps {
  settings: () => Promise<Settings | undefined>;
  /** storage.local: the account (never a token). */
  local: StorageArea;
  /** storage.session: whether a token was had in this browser session. */
  session: StorageArea;
  identity: IdentityPort;
  msal: MsalHost;
  now: () => number;
}

export class AuthService {
  private tokens = new Map<Grant, TokenGrant>();
  /** The settings (settingsKey) the tokens in memory were had with: other settings, other app or tenant. */
  private tokensFor: string | undefined;
  private flows: Promise<unknown> = Promise.resolve();
  private readonly settings: () => Promise<Settings | undefined>;

  constructor(private readonly deps: AuthDeps) {
    this.settings = deps.settings;
  }

  private hostConfig(s: Settings): MsalHostConfig {
    return {
      clientId: s.clientId,
      authority: authorityUrl(s.cloud, s.tenant),
      redirectUri: this.deps.identity.redirectUrl(),
    };
  }

  private async sessionMark(): Promise<{ objectId?: string } | undefined> {
    return (await this.deps.session.get([SESSION_KEY]))[SESSION_KEY] as { objectId?: string } | undefined;
  }

  async account(): Promise<StoredAccount | undefined> {
    const s = await this.settings();
    const stored = (await this.deps.local.get([ACCOUNT_KEY]))[ACCOUNT_KEY] as StoredAccount | undefined;
    if (!stored || !s || stored.settingsKey !== settingsKey(s)) return undefined;
    return stored;
  }

  /** The broadest tier the stored account has granted (at least `floor`): a sign-in that restores all it had. */
  async signInTier(floor: ScopeTier): Promise<ScopeTier> {
    const granted = (await this.account())?.grantedTiers ?? [];
    return SCOPE_TIERS[Math.max(SCOPE_TIERS.indexOf(floor), ...granted.map((t) => SCOPE_TIERS.indexOf(t)))] ?? floor;
  }

  /** Interactive sign-in for a tier, or the undo feature (incremental consent: only the scopes it needs). */
  async signIn(tier: Grant): Promise<StoredAccount> {
    const account = await this.oneFlowAtATime(() => this.runFlow(tier, true));
    await this.markSession(true);
    return account;
  }

  /** MSAL allows one redirect flow at a time; interactive and silent renewals queue behind each other. */
  private oneFlowAtATime<T>(flow: () => Promise<T>): Promise<T> {
    const run = this.flows.catch(() => undefined).then(flow);
    this.flows = run;
    return run;
  }

  /** True when a token was obtained in this browser session and none has been refused since. */
  async sessionActive(): Promise<boolean> {
    const account = await this.account();
    const mark = await this.sessionMark();
    return account !== undefined && mark?.objectId === account.objectId;
  }

  /**
   * After a browser restart: one silent attempt (MSAL's cache, then the browser's sign-in session) so the account
   * card can say whether the session still works. Never shows anything; failures only mark the session ended.
   */
  async probeSession(): Promise<boolean> {
    if (!(await this.account())) return false;
    try {
      await this.token('read');
      return true;
    } catch {
      return false;
    }
  }

  async signOut(): Promise<void> {
    const s = await this.settings();
    this.tokens.clear();
    await this.deps.session.remove([SESSION_KEY]);
    await this.deps.local.remove([ACCOUNT_KEY]);
    if (s) await this.deps.msal.ask({ kind: 'signOut', config: this.hostConfig(s) }).catch(() => undefined);
    // Closing the host drops MSAL's in-memory cache with every refresh token it held.
    await this.deps.msal.close().catch(() => undefined);
  }

  /** An access token for the tier: memory, then MSAL's cache/refresh token, then a silent browser renewal. */
  async token(tier: Grant, options: { forceRefresh?: boolean } = {}): Promise<string> {
    try {
      const token = await this.acquire(tier, options);
      await this.markSession(true);
      return token;
    } catch (error) {
      // Only a refusal of the sign-in itself ends the session; a permission not granted yet (consent-required) or
      // a missing client id leaves it as it was, so the account card does not call a working session ended.
      if (error instanceof SignInRequired && !['not-configured', 'consent-required'].includes(error.detail.problem)) await this.markSession(false);
      throw error;
    }
  }

  private async markSession(active: boolean): Promise<void> {
    if (!active) return this.deps.session.remove([SESSION_KEY]);
    const account = await this.account();
    const mark = await this.sessionMark();
    if (account && mark?.objectId !== account.objectId) await this.deps.session.set({ [SESSION_KEY]: { objectId: account.objectId } });
  }

  private async acquire(tier: Grant, options: { forceRefresh?: boolean }): Promise<string> {
    const s = await this.settings();
    if (!s) throw new SignInRequired({ problem: 'not-configured', message: t('worker_setClientIdFirst') });
    // A token in memory serves only the settings it was had with: after a change of app registration, tenant or
    // cloud, the old tenant's token must not reach a request meant for the new one.
    const cached = this.tokensFor === settingsKey(s) ? this.tokens.get(tier) : undefined;
    if (!options.forceRefresh && cached && cached.expiresOn - EXPIRY_MARGIN_MS > this.deps.now()) return cached.accessToken;
    const account = await this.account();
    const tierOf = tier === 'undo' ? undefined : tier;
    if (!account) throw new SignInRequired({ problem: 'login-required', message: t('worker_signInToContinue') }, tierOf);
    if (tier === 'undo' ? account.undoGranted !== true : !account.grantedTiers.includes(tier) && !(await this.tierGrantedLater(tier, account))) {
      throw new SignInRequired({ problem: 'consent-required', message: t('worker_moreConsent', { tier: t(TIER_LABEL[tier]) }) }, tierOf);
    }
    const config = this.hostConfig(s);
    const silent = await this.deps.msal.ask({ kind: 'silent', config, scopes: scopesFor(tier, s.cloud), forceRefresh: options.forceRefresh ?? false });
    if (silent.ok && silent.grant) return this.keep(tier, silent.grant, s).accessToken;
    // MSAL's cache is empty (new host document after a browser restart) or its refresh token expired:
    // renew through the browser's sign-in session without showing anything.
    const renewed = await this.oneFlowAtATime(() => this.runFlow(tier, false));
    const grant = this.tokens.get(tier);
    if (!grant || renewed.objectId !== account.objectId) throw new SignInRequired({ problem: 'login-required', message: t('worker_signInAgain') });
    return grant.accessToken;
  }

  /** Forget the worker's copy (e.g. after a 401) so the next call asks MSAL again. */
  invalidate(tier: Grant): void {
    this.tokens.delete(tier);
  }

  private async tierGrantedLater(tier: ScopeTier, account: StoredAccount): Promise<boolean> {
    // A broader tier's grant covers narrower tiers.
    return SCOPE_TIERS.indexOf(tier) <= Math.max(...account.grantedTiers.map((t) => SCOPE_TIERS.indexOf(t)));
  }

  private async runFlow(tier: Grant, interactive: boolean): Promise<StoredAccount> {
    const s = await this.settings();
    if (!s) throw new SignInRequired({ problem: 'not-configured', message: t('worker_setClientIdFirst') });
    const config = this.hostConfig(s);
    const previous = await this.account();
    const begin = await this.deps.msal.ask({
      kind: 'begin',
      config,
      scopes: scopesFor(tier, s.cloud),
      prompt: interactive ? 'select_account' : 'none',
      ...(previous?.username ? { loginHint: previous.username } : {}),
    });
    if (!begin.ok || !begin.authorizeUrl) throw new SignInRequired({ problem: 'failed', message: begin.ok ? t('worker_signInNoStart') : begin.message });
    let responseUrl: string | undefined;
    try {
      responseUrl = await this.deps.identity.launchWebAuthFlow(begin.authorizeUrl, interactive);
    } catch (error) {
      throw new SignInRequired(signInErrorFromLaunchFailure(error instanceof Error ? error.message : String(error), interactive));
    }
    if (!responseUrl) throw new SignInRequired({ problem: 'cancelled', message: t('error_signIn_cancelled') });
    const redirectError = signInErrorFromRedirect(responseUrl);
    if (redirectError) throw new SignInRequired(redirectError);
    const done = await this.deps.msal.ask({ kind: 'complete', config, responseUrl });
    if (!done.ok || !done.grant) throw new SignInRequired({ problem: 'failed', message: done.ok ? t('worker_signInNoToken') : done.errorCode === 'no_result' ? t('worker_signInNoResult') : done.message, code: done.ok ? undefined : done.errorCode });
    return this.remember(tier, done.grant, s, previous);
  }

  private keep(tier: Grant, grant: TokenGrant, s: Settings): TokenGrant {
    if (this.tokensFor !== settingsKey(s)) {
      this.tokens.clear();
      this.tokensFor = settingsKey(s);
    }
    this.tokens.set(tier, grant);
    return grant;
  }

  private async remember(tier: Grant, grant: TokenGrant, s: Settings, previous: StoredAccount | undefined): Promise<StoredAccount> {
    this.keep(tier, grant, s);
    const sameAccount = previous?.objectId === grant.account.objectId;
    const granted = new Set<ScopeTier>(sameAccount ? previous.grantedTiers : []);
    // Record what the grant really carries (the authority may grant less than asked).
    for (const t of SCOPE_TIERS) if (coversTier(grant.scopes, t)) granted.add(t);
    if (!sameAccount) this.tokens = new Map([[tier, grant]]);
    const account: StoredAccount = {
      username: grant.account.username,
      name: grant.account.name,
      tenantId: grant.account.tenantId,
      objectId: grant.account.objectId,
      grantedTiers: SCOPE_TIERS.filter((t) => granted.has(t)),
      settingsKey: settingsKey(s),
      ...((sameAccount && previous.undoGranted === true) || grantsUndoPermission(grant.scopes) ? { undoGranted: true } : {}),
    };
    await this.deps.local.set({ [ACCOUNT_KEY]: account });
    return account;
  }
}
