import {
  contract,
  eventNames,
  pushEvents,
  resultSchema,
  type Api,
  type Channel,
  type EventName,
  type EventPayload,
  type Result,
  type OutputOf,
} from '../../../shared/contract';
import { createListeners } from './listeners';

const accessListeners = new Set<(message: string) => void>();

/**
 * Called when the host refuses this page's key (401): the page was opened before ReelPilot
 * restarted, and nothing will work until the new address is opened. Returns the unsubscribe.
 */
export function onAccessLost(listener: (message: string) => void): () => void {
  accessListeners.add(listener);
  return () => accessListeners.delete(listener);
}

/**
 * `window.api` over the headless host: POST for calls, one EventSource for push events. The host
 * authenticates with the cookie it set when the page was opened with its token.
 */
export function createHttpApi(base = ''): Api {
  const listeners = createListeners();
  const resyncListeners = new Set<() => void>();
  let source: EventSource | null = null;

  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
    // EventSource reconnects by itself; what was pushed while it was away is read again.
    let broken = false;
    source.addEventListener('error', () => {
      broken = true;
    });
    source.addEventListener('open', () => {
      if (!broken) return;
      broken = false;
      for (const listener of [...resyncListeners]) listener();
    });
    for (const name of eventNames) {
      source.addEventListener(name, (message) => {
        if (listeners.count(name) === 0) return;
        let data: unknown;
        try {
          data = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        const parsed = pushEvents[name].safeParse(data);
        if (!parsed.success) return;
        listeners.notify(name, parsed.data);
      });
    }
  };

  return {
    transport: 'http',
    async invoke<C extends Channel>(channel: C, input: unknown): Promise<Result<OutputOf<C>>> {
      let response: Response;
      try {
        response = await fetch(`${base}/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message:
              'ReelPilot is not answering at this address. If it was stopped, start it again; if it was restarted, open the new address it printed.',
          },
        };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return {
          ok: false,
          error: {
            code: 'UNAVAILABLE',
            message: `The host answered ${response.status} without a readable body.`,
          },
        };
      }
      const parsed = resultSchema(contract[channel].output).safeParse(body);
      if (response.status === 401 && parsed.success && !parsed.data.ok) {
        for (const listener of accessListeners) listener(parsed.data.error.message);
      }
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `The host's answer to ${channel} did not match the contract.`,
          },
        };
      }
      return parsed.data as Result<OutputOf<C>>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      ensureSource();
      return listeners.add(event, listener);
    },
    onResync(listener: () => void) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
  };
}
