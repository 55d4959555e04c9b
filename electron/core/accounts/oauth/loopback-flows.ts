import type { ConnectStart } from '../../../../shared/domain/accounts';
import type { Clock, DesktopIntegration, IdGenerator, Logger } from '../../ports';
import {
  startLoopbackListener,
  type CallbackOutcome,
  type LoopbackListener,
} from './loopback-listener';
import { createPkce, createState, type ChallengeEncoding } from './pkce';

export const CONNECT_TIMEOUT_MS = 5 * 60_000;

export type FlowStage = 'waiting' | 'exchanging' | 'connected' | 'failed' | 'cancelled';

/** What one kind of sign-in needs besides the loopback listener, PKCE and the time-out. */
export interface LoopbackFlowSpec {
  /** The service in words: "YouTube", "Google Drive". */
  name: string;
  challengeEncoding: ChallengeEncoding;
  authorizeUrl(params: { redirectUri: string; state: string; challenge: string }): string;
  /**
   * Exchanges the code and stores what it gives. Answers the words for the person and the ids
   * of what was connected; a throw fails the flow with its message.
   */
  complete(params: {
    code: string;
    verifier: string;
    redirectUri: string;
  }): Promise<{ message: string; ids: string[] }>;
  progress(flowId: string, stage: FlowStage, message: string, ids: string[]): void;
}

export interface LoopbackFlowsDeps {
  clock: Clock;
  ids: IdGenerator;
  desktop: DesktopIntegration | null;
  logger: Logger;
  timeoutMs?: number;
}

interface RunningFlow {
  spec: LoopbackFlowSpec;
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
 * cancel, or after the time-out. Platform accounts and the Drive connection both sign in here.
 */
export class LoopbackFlows {
  private readonly flows = new Map<string, RunningFlow>();

  constructor(private readonly deps: LoopbackFlowsDeps) {}

  async start(spec: LoopbackFlowSpec): Promise<ConnectStart> {
    const { name } = spec;
    const pkce = createPkce(spec.challengeEncoding);
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
      spec.progress(flowId, 'exchanging', `Finishing the connection with ${name}…`, []);
      try {
        const { message, ids } = await spec.complete({
          code,
          verifier: pkce.verifier,
          redirectUri: flow.listener.redirectUri,
        });
        this.finish(flowId, 'connected', message, ids);
        return { ok: true, title: `${name} connected`, message };
      } catch (failure) {
        const message = failure instanceof Error ? failure.message : String(failure);
        this.deps.logger.warn('connect failed', { service: name, error: message });
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
    this.flows.set(flowId, { spec, listener, cancelTimer, finished: false });
    let authorizeUrl: string;
    try {
      authorizeUrl = spec.authorizeUrl({
        redirectUri: listener.redirectUri,
        state,
        challenge: pkce.challenge,
      });
    } catch (error) {
      this.finish(flowId, 'failed', `The ${name} sign-in page address is not valid.`);
      throw error;
    }
    spec.progress(flowId, 'waiting', `Waiting for you to allow ReelPilot in the ${name} page…`, []);
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

  private finish(flowId: string, stage: FlowStage, message: string, ids: string[] = []): boolean {
    const flow = this.flows.get(flowId);
    if (!flow || flow.finished) return false;
    flow.finished = true;
    flow.cancelTimer();
    this.flows.delete(flowId);
    flow.spec.progress(flowId, stage, message, ids);
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
