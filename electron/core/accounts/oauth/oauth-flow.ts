import type { ConnectProgress, ConnectStart } from '../../../../shared/domain/accounts';
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
import {
  startLoopbackListener,
  type CallbackOutcome,
  type LoopbackListener,
} from './loopback-listener';
import { createPkce, createState } from './pkce';

export const CONNECT_TIMEOUT_MS = 5 * 60_000;

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

interface RunningFlow {
  platform: PlatformId;
  listener: LoopbackListener;
  cancelTimer: () => void;
  finished: boolean;
}

const denials: Record<string, string> = {
  access_denied: 'You declined access, so nothing was connected.',
};

/**
 * OAuth 2 authorization code with PKCE through the system browser and a loopback redirect
 * (RFC 8252). Each flow has its own listener, state and verifier, and ends on the answer, on
 * cancel, or after the time-out.
 */
export class ConnectFlows {
  private readonly flows = new Map<string, RunningFlow>();

  constructor(private readonly deps: ConnectFlowDeps) {}

  private progress(
    flowId: string,
    platform: PlatformId,
    stage: ConnectProgress['stage'],
    message: string,
    accountIds: string[] = [],
  ) {
    this.deps.events.emit('accounts:connectProgress', {
      flowId,
      platform,
      stage,
      message,
      accountIds,
    });
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
    const pkce = createPkce(provider.challengeEncoding);
    const state = createState();
    const flowId = this.deps.ids.newId();

    const onCallback = async (params: URLSearchParams): Promise<CallbackOutcome> => {
      const flow = this.flows.get(flowId);
      if (!flow || flow.finished) {
        return {
          ok: false,
          title: 'Sign-in expired',
          message: 'This sign-in was cancelled or timed out. Start again from ReelPilot.',
        };
      }
      const error = params.get('error');
      const code = params.get('code');
      if (error || !code) {
        const description = params.get('error_description');
        const message =
          denials[error ?? ''] ??
          `${name} did not complete the sign-in (${description ?? error ?? 'no code was returned'}). Nothing was connected.`;
        this.finish(flowId, 'failed', message);
        return { ok: false, title: `${name} was not connected`, message };
      }
      this.progress(flowId, platform, 'exchanging', `Finishing the connection with ${name}…`);
      try {
        const identities = await provider.exchangeCode(ctx, {
          code,
          verifier: pkce.verifier,
          redirectUri: flow.listener.redirectUri,
        });
        const { accountIds, names } = await this.deps.onConnected(platform, identities);
        const message = `Connected ${names.join(', ')} on ${name}.`;
        this.finish(flowId, 'connected', message, accountIds);
        return { ok: true, title: `${name} connected`, message };
      } catch (failure) {
        const message = failure instanceof Error ? failure.message : String(failure);
        this.deps.logger.warn('connect failed', { platform, error: message });
        this.finish(flowId, 'failed', `${name} was not connected: ${message}`);
        return { ok: false, title: `${name} was not connected`, message };
      }
    };

    const listener = await startLoopbackListener({ state, onCallback });
    const timeoutMs = this.deps.timeoutMs ?? CONNECT_TIMEOUT_MS;
    const cancelTimer = this.deps.clock.setTimeout(
      () =>
        this.finish(
          flowId,
          'failed',
          `The ${name} sign-in timed out after ${Math.round(timeoutMs / 60_000)} minutes. Start again when you are ready.`,
        ),
      timeoutMs,
    );
    this.flows.set(flowId, { platform, listener, cancelTimer, finished: false });
    let authorizeUrl: string;
    try {
      authorizeUrl = provider.authorizeUrl(ctx, {
        redirectUri: listener.redirectUri,
        state,
        challenge: pkce.challenge,
      });
    } catch (error) {
      this.finish(flowId, 'failed', `The ${name} sign-in page address is not valid.`);
      throw error;
    }
    this.progress(
      flowId,
      platform,
      'waiting',
      `Waiting for you to allow ReelPilot in the ${name} page…`,
    );
    let openedExternally = false;
    if (this.deps.desktop) {
      try {
        await this.deps.desktop.openExternal(authorizeUrl);
        openedExternally = true;
      } catch (error) {
        this.deps.logger.warn('could not open the browser', { error: String(error) });
      }
    }
    return { flowId, authorizeUrl, openedExternally, expiresAt: this.deps.clock.now() + timeoutMs };
  }

  private finish(
    flowId: string,
    stage: 'connected' | 'failed' | 'cancelled',
    message: string,
    accountIds: string[] = [],
  ): boolean {
    const flow = this.flows.get(flowId);
    if (!flow || flow.finished) return false;
    flow.finished = true;
    flow.cancelTimer();
    this.flows.delete(flowId);
    this.progress(flowId, flow.platform, stage, message, accountIds);
    void flow.listener.close();
    return true;
  }

  cancel(flowId: string): boolean {
    return this.finish(flowId, 'cancelled', 'You cancelled the connection.');
  }

  async closeAll(): Promise<void> {
    for (const id of [...this.flows.keys()]) this.finish(id, 'cancelled', 'ReelPilot is stopping.');
  }
}
