import type { EndpointOverrides } from '../../../shared/domain/platforms';
import { platformNames } from '../../../shared/domain/platforms';
import { AppError } from '../errors';
import type { Clock, HttpFetch, Logger, SecretStore } from '../ports';
import { endpointsFor } from '../platforms/platform-endpoints';
import type { AccountsRepository, StoredAccount } from './accounts-repository';
import { OAuthError } from './oauth/oauth-http';
import type { PlatformApps } from './platform-apps';
import { providers } from './providers';
import { tokenSetSchema, type ProviderContext, type TokenSet } from './providers/provider';

/** Refresh this long before the access token expires, so no upload starts with a dying token. */
export const REFRESH_AHEAD_MS = 10 * 60_000;

export type TokenFailure = 'auth' | 'rate' | 'transient' | 'other';

/**
 * Why no access token could be had. `auth`: the account needs reconnecting (already marked);
 * `rate` and `transient`: try again later (`retryAfterMs` when the platform said); the account
 * is left as it is.
 */
export class TokenError extends AppError {
  constructor(
    readonly kind: TokenFailure,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(kind === 'auth' ? 'FORBIDDEN' : 'UNAVAILABLE', message, { kind, retryAfterMs });
    this.name = 'TokenError';
  }
}

const tokenKey = (accountId: string) => `accounts/${accountId}/tokens`;

export interface TokenServiceDeps {
  repo: AccountsRepository;
  secrets: SecretStore;
  apps: PlatformApps;
  clock: Clock;
  http: HttpFetch;
  endpointOverrides: EndpointOverrides;
  logger: Logger;
  /** Called once the platform confirmed the grant is dead. */
  onInvalidGrant(account: StoredAccount, message: string): Promise<void>;
}

export class TokenService {
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly deps: TokenServiceDeps) {}

  async context(account: Pick<StoredAccount, 'platform'>): Promise<ProviderContext> {
    const credentials = await this.deps.apps.require(account.platform);
    return {
      http: this.deps.http,
      endpoints: endpointsFor(account.platform, this.deps.endpointOverrides),
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      now: () => this.deps.clock.now(),
    };
  }

  /** Stores tokens (rotated refresh tokens included) and the facts the UI may see. */
  async save(accountId: string, tokens: TokenSet): Promise<void> {
    await this.deps.secrets.set(tokenKey(accountId), JSON.stringify(tokens));
    await this.deps.repo.update(accountId, {
      scopes: JSON.stringify(tokens.scopes),
      access_expires_at: tokens.expiresAt,
      refresh_expires_at: tokens.refreshExpiresAt,
      updated_at: this.deps.clock.now(),
    });
  }

  async load(accountId: string): Promise<TokenSet | null> {
    const text = await this.deps.secrets.get(tokenKey(accountId));
    if (text === null) return null;
    try {
      const parsed = tokenSetSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async remove(accountId: string): Promise<void> {
    await this.deps.secrets.delete(tokenKey(accountId));
  }

  /**
   * A valid access token for the account, refreshed first when it expires within
   * REFRESH_AHEAD_MS (or when `forceRefresh`, after the platform answered 401). Concurrent
   * callers share one refresh, so a rotating refresh token is spent only once.
   */
  async getAccessToken(
    accountId: string,
    options: { forceRefresh?: boolean } = {},
  ): Promise<string> {
    const account = await this.deps.repo.get(accountId);
    if (!account) throw new AppError('NOT_FOUND', 'That account no longer exists.');
    const name = platformNames[account.platform];
    if (account.status === 'needs_reconnect') {
      throw new TokenError(
        'auth',
        `${name} account ${account.handle} must be reconnected before ReelPilot can use it.`,
      );
    }
    const tokens = await this.load(accountId);
    if (!tokens) {
      const message = `The sign-in of ${name} account ${account.handle} is missing from the secret store. Reconnect the account.`;
      await this.deps.onInvalidGrant(account, message);
      throw new TokenError('auth', message);
    }
    const now = this.deps.clock.now();
    const fresh = tokens.expiresAt === null || tokens.expiresAt - now > REFRESH_AHEAD_MS;
    if (fresh && !options.forceRefresh) return tokens.accessToken;
    const running = this.inflight.get(accountId);
    if (running) return running;
    const refreshing = this.refresh(account, tokens, options.forceRefresh ?? false).finally(() =>
      this.inflight.delete(accountId),
    );
    this.inflight.set(accountId, refreshing);
    return refreshing;
  }

  private async refresh(
    account: StoredAccount,
    tokens: TokenSet,
    forced: boolean,
  ): Promise<string> {
    const name = platformNames[account.platform];
    const provider = providers[account.platform];
    let renewed: TokenSet;
    try {
      renewed = await provider.refresh(await this.context(account), tokens, account.remote_id);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      this.deps.logger.warn('token refresh failed', {
        accountId: account.id,
        kind: error.kind,
        status: error.status,
        code: error.code,
      });
      if (error.kind === 'invalid_grant') {
        await this.deps.onInvalidGrant(account, error.message);
        throw new TokenError('auth', error.message);
      }
      const stillValid =
        !forced && tokens.expiresAt !== null && tokens.expiresAt > this.deps.clock.now();
      // A blip while the old token still works is no reason to fail the caller.
      if (stillValid && error.kind !== 'other') return tokens.accessToken;
      const kind =
        error.kind === 'rate' ? 'rate' : error.kind === 'transient' ? 'transient' : 'other';
      throw new TokenError(
        kind,
        `${name} account ${account.handle}: the access token could not be renewed. ${error.message}`,
        error.retryAfterMs,
      );
    }
    await this.save(account.id, renewed);
    this.deps.logger.info('token refreshed', {
      accountId: account.id,
      rotated: renewed.refreshToken !== tokens.refreshToken,
    });
    return renewed.accessToken;
  }

  /** Refreshes every token that expires soon; failures are logged, the sweep goes on. */
  async refreshDue(): Promise<number> {
    const now = this.deps.clock.now();
    let refreshed = 0;
    for (const account of await this.deps.repo.list()) {
      if (account.status === 'needs_reconnect' || account.access_expires_at === null) continue;
      if (account.access_expires_at - now > REFRESH_AHEAD_MS) continue;
      try {
        await this.getAccessToken(account.id);
        refreshed += 1;
      } catch (error) {
        this.deps.logger.warn('background refresh failed', {
          accountId: account.id,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return refreshed;
  }
}
