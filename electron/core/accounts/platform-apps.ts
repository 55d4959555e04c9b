import type { PlatformCredentials } from '../../../shared/domain/accounts';
import { platformIds, platformNames, type PlatformId } from '../../../shared/domain/platforms';
import { AppError } from '../errors';
import type { Clock, SecretStore } from '../ports';
import type { AccountsRepository } from './accounts-repository';
import { providers } from './providers';

const secretKey = (platform: PlatformId) => `platform-apps/${platform}/client-secret`;

export interface AppCredentials {
  clientId: string;
  clientSecret: string | null;
}

/**
 * The person's own developer app per platform (bring your own app): the client id is a plain
 * column, the secret lives in the secret store.
 */
export class PlatformApps {
  constructor(
    private readonly repo: AccountsRepository,
    private readonly secrets: SecretStore,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<PlatformCredentials[]> {
    const ids = await this.repo.clientIds();
    return Promise.all(
      platformIds.map((platform) => this.describe(platform, ids.get(platform) ?? null)),
    );
  }

  private async describe(
    platform: PlatformId,
    clientId: string | null,
  ): Promise<PlatformCredentials> {
    const provider = providers[platform];
    return {
      platform,
      clientId,
      hasSecret: (await this.secrets.get(secretKey(platform))) !== null,
      secretRequired: provider.secretRequired,
      consoleUrl: provider.consoleUrl,
    };
  }

  async save(input: {
    platform: PlatformId;
    clientId: string;
    clientSecret?: string | null | undefined;
    allowInsecureStorage?: boolean | undefined;
  }): Promise<PlatformCredentials> {
    const store = this.secrets.info();
    if (typeof input.clientSecret === 'string' && !store.secure && !input.allowInsecureStorage) {
      throw new AppError(
        'FORBIDDEN',
        `The client secret would be stored with ${store.backend}, which the operating system does not encrypt. Confirm that you accept this, or set up a keyring (GNOME Keyring or KWallet) and restart ReelPilot.`,
        { needsConsent: true },
      );
    }
    if (input.clientSecret === null) await this.secrets.delete(secretKey(input.platform));
    else if (input.clientSecret !== undefined)
      await this.secrets.set(secretKey(input.platform), input.clientSecret);
    await this.repo.setClientId(input.platform, input.clientId, this.clock.now());
    return this.describe(input.platform, input.clientId);
  }

  /** Fills in credentials only where none were saved (the sandbox's emulated apps). */
  async saveIfMissing(platform: PlatformId, credentials: AppCredentials): Promise<void> {
    const ids = await this.repo.clientIds();
    if (ids.get(platform)) return;
    await this.save({
      platform,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      // The sandbox's emulated apps have no secret worth protecting.
      allowInsecureStorage: true,
    });
  }

  /** The credentials a flow or a refresh needs, or why they are missing, in words. */
  async require(platform: PlatformId): Promise<AppCredentials> {
    const clientId = (await this.repo.clientIds()).get(platform) ?? null;
    const clientSecret = await this.secrets.get(secretKey(platform));
    const name = platformNames[platform];
    if (!clientId) {
      throw new AppError(
        'BAD_INPUT',
        `No ${name} developer app is set up yet. Enter its client id${providers[platform].secretRequired ? ' and secret' : ''} under "Platform apps" on the Accounts screen.`,
      );
    }
    if (providers[platform].secretRequired && !clientSecret) {
      throw new AppError(
        'BAD_INPUT',
        `${name} needs the client secret of your developer app. Enter it under "Platform apps" on the Accounts screen.`,
      );
    }
    return { clientId, clientSecret };
  }
}
