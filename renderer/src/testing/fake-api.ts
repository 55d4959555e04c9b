import {
  contract,
  pushEvents,
  type Api,
  type AppErrorShape,
  type Channel,
  type ErrorCode,
  type EventName,
  type EventPayload,
  type InputOf,
  type OutputOf,
  type ParsedInputOf,
  type Result,
} from '../../../shared/contract';
import { createListeners } from '../api/listeners';

/** What a fake handler may do: answer with a value, or throw `engineError(...)` to refuse. */
export type FakeHandler<C extends Channel> = (
  input: ParsedInputOf<C>,
) => OutputOf<C> | Promise<OutputOf<C>>;

export type FakeHandlers = { [C in Channel]?: FakeHandler<C> };

/** Thrown by a fake handler: the call is answered with this engine error. */
export class EngineError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

export function engineError(code: ErrorCode, message: string, details?: unknown): EngineError {
  return new EngineError(details === undefined ? { code, message } : { code, message, details });
}

/** The engine refusing an input, with a message per field path, as its validation reports it. */
export function badInput(fields: Record<string, string>): EngineError {
  const issues = Object.entries(fields).map(([path, message]) => ({ path, message }));
  return engineError('BAD_INPUT', issues[0] ? `${issues[0].path}: ${issues[0].message}` : '', {
    issues,
  });
}

export interface FakeApi extends Api {
  /** Every call, in order, with the input the renderer sent. */
  readonly calls: ReadonlyArray<{ channel: Channel; input: unknown }>;
  /** The inputs of the calls to one channel, in order. */
  callsTo<C extends Channel>(channel: C): Array<InputOf<C>>;
  /** Answers a channel from now on (replacing any earlier handler). */
  handle<C extends Channel>(channel: C, handler: FakeHandler<C>): void;
  /** Pushes an event to the renderer, as the engine does. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The event stream came back after a break (HTTP only): what is shown is read again. */
  resync(): void;
  listenerCount(event: EventName): number;
  /**
   * What a test got wrong: channels called without a handler, answers or events that break the
   * contract. The test setup fails a test that leaves any.
   */
  readonly problems: readonly string[];
}

/**
 * An in-memory `Api` for component tests: handlers keyed by contract channel, checked against
 * the contract both ways like the engine's registry (an input the contract refuses is answered
 * with BAD_INPUT and its field messages, before any handler runs), events pushed with `emit`,
 * and every call recorded.
 */
export function createFakeApi(
  handlers: FakeHandlers = {},
  options: { transport?: Api['transport'] } = {},
): FakeApi {
  const table = new Map<Channel, (input: unknown) => unknown>(
    Object.entries(handlers) as Array<[Channel, (input: unknown) => unknown]>,
  );
  const listeners = createListeners();
  const resyncListeners = new Set<() => void>();
  const calls: Array<{ channel: Channel; input: unknown }> = [];
  const problems: string[] = [];

  const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
    ok: false,
    error: details === undefined ? { code, message } : { code, message, details },
  });

  return {
    transport: options.transport ?? 'http',
    calls,
    problems,
    callsTo<C extends Channel>(channel: C) {
      return calls
        .filter((call) => call.channel === channel)
        .map((call) => call.input as InputOf<C>);
    },
    handle(channel, handler) {
      table.set(channel, handler as (input: unknown) => unknown);
    },
    async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
      calls.push({ channel, input });
      const spec = contract[channel];
      const parsed = spec.input.safeParse(input);
      // Refused the way the engine refuses it: BAD_INPUT with a message per field path.
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({
          path: issue.path.map(String).join('.'),
          message: issue.message,
        }));
        const first = issues[0];
        const message = first
          ? first.path
            ? `${first.path}: ${first.message}`
            : first.message
          : '';
        return fail('BAD_INPUT', message, { issues });
      }
      const handler = table.get(channel);
      if (!handler) {
        problems.push(`${channel} was called, and the test gave it no handler.`);
        return fail('UNKNOWN_CHANNEL', `The fake Api has no handler for ${channel}.`);
      }
      try {
        const output = await handler(parsed.data);
        const checked = spec.output.safeParse(output);
        if (!checked.success) {
          problems.push(
            `The test's answer to ${channel} breaks the contract: ${checked.error.message}`,
          );
          return fail('INTERNAL', `The answer to ${channel} did not match the contract.`);
        }
        return { ok: true, value: checked.data as OutputOf<C> };
      } catch (error) {
        if (error instanceof EngineError) return { ok: false, error: error.shape };
        throw error;
      }
    },
    on: (event, listener) => listeners.add(event, listener),
    emit(event, payload) {
      const checked = pushEvents[event].safeParse(payload);
      if (!checked.success) {
        problems.push(
          `The test emitted a ${event} that breaks the contract: ${checked.error.message}`,
        );
        return;
      }
      listeners.notify(event, checked.data);
    },
    listenerCount: (event) => listeners.count(event),
    onResync(listener) {
      resyncListeners.add(listener);
      return () => void resyncListeners.delete(listener);
    },
    resync() {
      for (const listener of [...resyncListeners]) listener();
    },
  };
}
