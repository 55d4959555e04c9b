import type { ConnectStart } from '../../../../shared/domain/accounts';
import {
  platformNames,
  type EndpointOverrides,
  type PlatformId,
} from '../../../../shared/domain/platforms';
import { AppError } from '../../errors';
import type {
  Clock,
  DesktopIntegration,
  EventSink,
  HttpFetch,
  IdGenerator,
  Logger,
  SecretStore,
} from '../../ports';
import { endpointsFor } from '../../platforms/platform-endpoints';
import type { PlatformApps } from '../platform-apps';
import { providers } from '../providers';
import type { ConnectedIdentity } from '../providers/provider';
import { LoopbackFlows } from './loopback-flows';

export interface ConnectFlowDeps {
  apps: PlatformApps;
  secrets: SecretStore;
  clock: Clock;
  ids: IdGenerator;
  http: HttpFetch;
  endpointOverrides: EndpointOverrides;
  desktop: DesktopIntegration | null;
  events: EventSink;
  logger: Logger;
  /** Stores the accounts and their tokens; answers their ids and words for the person. */
  onConnected(
    platform: PlatformId,
    identities: ConnectedIdentity[],
  ): Promise<{ accountIds: string[]; names: string[] }>;
  timeoutMs?: number;
}

/** Connecting a platform account: the person's developer app, the platform's provider. */
export class ConnectFlows {
  private readonly flows: LoopbackFlows;

  constructor(private readonly deps: ConnectFlowDeps) {
    this.flows = new LoopbackFlows(deps);
  }

  async start(
    platform: PlatformId,
    options: { allowInsecureStorage?: boolean } = {},
  ): Promise<ConnectStart> {
    const name = platformNames[platform];
    const store = this.deps.secrets.info();
    if (!store.secure && !options.allowInsecureStorage) {
      throw new AppError(
        'FORBIDDEN',
        `Secrets would be stored with ${store.backend}, which the operating system does not encrypt. Confirm that you accept this before connecting, or set up a keyring (GNOME Keyring or KWallet) and restart ReelPilot.`,
        { needsConsent: true },
      );
    }
    const credentials = await this.deps.apps.require(platform);
    const provider = providers[platform];
    const ctx = {
      http: this.deps.http,
      endpoints: endpointsFor(platform, this.deps.endpointOverrides),
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      now: () => this.deps.clock.now(),
    };
    return this.flows.start({
      name,
      challengeEncoding: provider.challengeEncoding,
      authorizeUrl: (params) => provider.authorizeUrl(ctx, params),
      complete: async (params) => {
        const identities = await provider.exchangeCode(ctx, params);
        const { accountIds, names } = await this.deps.onConnected(platform, identities);
        return { message: `Connected ${names.join(', ')} on ${name}.`, ids: accountIds };
      },
      progress: (flowId, stage, message, accountIds) =>
        this.deps.events.emit('accounts:connectProgress', {
          flowId,
          platform,
          stage,
          message,
          accountIds,
        }),
    });
  }

  cancel(flowId: string): boolean {
    return this.flows.cancel(flowId);
  }

  closeAll(): Promise<void> {
    return this.flows.closeAll();
  }
}
