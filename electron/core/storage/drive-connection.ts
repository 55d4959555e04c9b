import { z } from 'zod';
import type { ConnectStart } from '../../../shared/domain/accounts';
import type { PlatformEndpoints } from '../../../shared/domain/platforms';
import type { DriveConnection as DriveConnectionDto } from '../../../shared/domain/storage';
import {
  googleAuthorizeUrl,
  googleExchangeCode,
  googleProvider,
  LoopbackFlows,
  OAuthError,
  tokenSetSchema,
  type AppCredentials,
  type FlowStage,
  type ProviderContext,
  type TokenSet,
} from '../accounts/accounts-module';
import { AppError, describeError } from '../errors';
import type {
  Clock,
  DesktopIntegration,
  HttpFetch,
  IdGenerator,
  Logger,
  SecretStore,
} from '../ports';
import type { DriveAbout } from '../platforms/drive/drive-client';

/** Only files ReelPilot created: no security review, and nothing else of the person's Drive. */
export const DRIVE_FILE_SCOPE = 'https://www.googleapis.com/auth/drive.file';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 5 * 60_000;
const recordKey = 'storage/drive/connection';

/** What the secret store holds for the Drive connection: its tokens and whom they sign in as. */
const recordSchema = z.object({
  tokens: tokenSetSchema,
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  connectedAt: z.number(),
  state: z.enum(['connected', 'needs_reconnect']),
  message: z.string().nullable(),
});
type ConnectionRecord = z.infer<typeof recordSchema>;

export interface DriveConnectionDeps {
  secrets: SecretStore;
  clock: Clock;
  ids: IdGenerator;
  http: HttpFetch;
  desktop: DesktopIntegration | null;
  logger: Logger;
  endpoints: PlatformEndpoints;
  /** The person's Google developer app (the one YouTube signs in with). */
  googleApp(): Promise<AppCredentials>;
  /** Who the fresh tokens belong to (Drive's `about`). */
  identify(accessToken: string): Promise<DriveAbout['user']>;
  progress(flowId: string, stage: FlowStage, message: string): void;
  /** The connection changed (connected, disconnected, needs reconnecting). */
  changed(change: { previousEmail: string | null; email: string | null }): void;
  /** Google refused the grant: the person must reconnect. */
  needsReconnect(message: string): void;
  timeoutMs?: number;
}

/**
 * The Drive connection, its own thing beside the posting accounts: Google's sign-in with PKCE
 * over a loopback redirect and the `drive.file` scope only, tokens in the secret store, refresh
 * shared by concurrent callers, and "reconnect" only when Google confirmed the grant is dead.
 */
export class DriveConnection {
  private readonly flows: LoopbackFlows;
  private refreshing: Promise<string> | null = null;

  constructor(private readonly deps: DriveConnectionDeps) {
    this.flows = new LoopbackFlows(deps);
  }

  private async context(): Promise<ProviderContext> {
    let app: AppCredentials;
    try {
      app = await this.deps.googleApp();
    } catch (error) {
      throw new AppError(
        'BAD_INPUT',
        `Google Drive signs in with your Google Cloud app, the one YouTube uses, and it is not set up yet (${describeError(error)}). Enter its client id and secret under Accounts → Platform apps → YouTube, and enable the Google Drive API for it in the Google Cloud console.`,
      );
    }
    return {
      http: this.deps.http,
      endpoints: this.deps.endpoints,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      now: () => this.deps.clock.now(),
    };
  }

  private async read(): Promise<ConnectionRecord | null> {
    const text = await this.deps.secrets.get(recordKey);
    if (text === null) return null;
    try {
      const parsed = recordSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  private async write(record: ConnectionRecord): Promise<void> {
    await this.deps.secrets.set(recordKey, JSON.stringify(record));
  }

  async describe(): Promise<DriveConnectionDto> {
    const record = await this.read();
    if (!record)
      return {
        state: 'disconnected',
        email: null,
        displayName: null,
        connectedAt: null,
        message: null,
      };
    return {
      state: record.state,
      email: record.email,
      displayName: record.displayName,
      connectedAt: record.connectedAt,
      message: record.message,
    };
  }

  async isConnected(): Promise<boolean> {
    return (await this.read())?.state === 'connected';
  }

  async connect(options: { allowInsecureStorage?: boolean } = {}): Promise<ConnectStart> {
    const store = this.deps.secrets.info();
    if (!store.secure && !options.allowInsecureStorage) {
      throw new AppError(
        'FORBIDDEN',
        `The Drive sign-in would be stored with ${store.backend}, which the operating system does not encrypt. Confirm that you accept this before connecting, or set up a keyring (GNOME Keyring or KWallet) and restart ReelPilot.`,
        { needsConsent: true },
      );
    }
    const ctx = await this.context();
    return this.flows.start({
      name: 'Google Drive',
      challengeEncoding: 'base64url',
      authorizeUrl: (params) => googleAuthorizeUrl(ctx, params, [DRIVE_FILE_SCOPE]),
      complete: async (params) => {
        const tokens = await googleExchangeCode(ctx, params);
        if (tokens.scopes.length > 0 && !tokens.scopes.includes(DRIVE_FILE_SCOPE)) {
          throw new Error(
            'Google did not grant access to the files ReelPilot creates in your Drive. Connect again and leave that permission checked.',
          );
        }
        if (!tokens.refreshToken) {
          throw new Error(
            'Google gave no refresh token, so the connection would stop working within the hour. Remove ReelPilot under myaccount.google.com → Security → Third-party access, then connect again.',
          );
        }
        const user = await this.deps.identify(tokens.accessToken);
        const previous = await this.read();
        await this.write({
          tokens,
          email: user.emailAddress,
          displayName: user.displayName,
          connectedAt: this.deps.clock.now(),
          state: 'connected',
          message: null,
        });
        this.deps.changed({ previousEmail: previous?.email ?? null, email: user.emailAddress });
        const who = user.emailAddress ?? user.displayName ?? 'your Google account';
        return { message: `Google Drive is connected as ${who}.`, ids: [] };
      },
      progress: (flowId, stage, message) => this.deps.progress(flowId, stage, message),
    });
  }

  cancel(flowId: string): boolean {
    return this.flows.cancel(flowId);
  }

  /**
   * Forgets the connection here and asks Google to revoke the grant (the files stay in Drive).
   * A revocation that fails is logged: the tokens are gone from this computer either way.
   */
  async disconnect(): Promise<void> {
    const record = await this.read();
    if (!record) return;
    await this.deps.secrets.delete(recordKey);
    this.deps.changed({ previousEmail: record.email, email: null });
    const token = record.tokens.refreshToken ?? record.tokens.accessToken;
    try {
      const url = new URL('revoke', this.deps.endpoints.tokenUrl);
      const answer = await this.deps.http(url, {
        method: 'POST',
        body: new URLSearchParams({ token }),
        signal: AbortSignal.timeout(15_000),
      });
      if (!answer.ok && answer.status !== 400)
        this.deps.logger.warn('Google did not confirm the revocation', { status: answer.status });
    } catch (error) {
      this.deps.logger.warn('could not ask Google to revoke the Drive grant', {
        error: describeError(error),
      });
    }
  }

  async closeFlows(): Promise<void> {
    await this.flows.closeAll();
  }

  /**
   * A valid access token, refreshed first when it is about to expire (or when `forceRefresh`,
   * after Drive answered 401). Concurrent callers share one refresh. A network blip or a rate
   * limit never disconnects; only Google's `invalid_grant` does.
   */
  async getAccessToken(options: { forceRefresh?: boolean } = {}): Promise<string> {
    const record = await this.read();
    if (!record)
      throw new AppError(
        'UNAVAILABLE',
        'Google Drive is not connected. Connect it in Settings → Storage & backup.',
        { driveNotConnected: true },
      );
    if (record.state === 'needs_reconnect')
      throw new AppError(
        'FORBIDDEN',
        `Google Drive must be reconnected in Settings → Storage & backup (${record.message ?? 'Google refused the sign-in'}).`,
        { driveNotConnected: true },
      );
    const { tokens } = record;
    const fresh =
      tokens.expiresAt === null || tokens.expiresAt - this.deps.clock.now() > REFRESH_AHEAD_MS;
    if (fresh && !options.forceRefresh) return tokens.accessToken;
    this.refreshing ??= this.refresh(record, options.forceRefresh ?? false).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(record: ConnectionRecord, forced: boolean): Promise<string> {
    let renewed: TokenSet;
    try {
      renewed = await googleProvider.refresh(
        await this.context(),
        record.tokens,
        record.email ?? '',
      );
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      this.deps.logger.warn('Drive token refresh failed', {
        kind: error.kind,
        status: error.status,
      });
      if (error.kind === 'invalid_grant') {
        const message = 'Google refused the sign-in (it was revoked, or expired)';
        await this.write({ ...record, state: 'needs_reconnect', message });
        this.deps.changed({ previousEmail: record.email, email: record.email });
        this.deps.needsReconnect(message);
        throw error;
      }
      const stillValid =
        !forced &&
        record.tokens.expiresAt !== null &&
        record.tokens.expiresAt > this.deps.clock.now();
      if (stillValid && error.kind !== 'other') return record.tokens.accessToken;
      throw error;
    }
    // Another sign-in may have replaced the record meanwhile: keep the newest.
    const current = await this.read();
    if (current && current.connectedAt === record.connectedAt)
      await this.write({ ...current, tokens: renewed });
    return renewed.accessToken;
  }
}
