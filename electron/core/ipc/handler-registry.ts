import { z } from 'zod';
import {
  contract,
  err,
  isChannel,
  ok,
  type ChannelMap,
  type Contract,
  type Result,
} from '../../../shared/contract';
import { describeError, diskFullError, isAppError, isDiskFullError } from '../errors';
import type { Logger } from '../ports';

/** Who is calling; handlers may use it for logging, never for trust decisions. */
export interface HandlerContext {
  transport: 'ipc' | 'http' | 'internal';
}

/** The handlers of one domain, typed from that domain's channel map. */
export type DomainHandlers<M extends ChannelMap> = {
  [C in keyof M]: (
    input: z.output<M[C]['input']>,
    context: HandlerContext,
  ) => Promise<z.input<M[C]['output']>>;
};

/** The handlers of some channels of one domain's map, when several modules share the map. */
export type ChannelHandlers<M extends ChannelMap, C extends keyof M> = Pick<DomainHandlers<M>, C>;

/** Every channel must have a handler: a missing one is a compile error where this is used. */
export type Handlers = DomainHandlers<Contract>;

export interface HandlerRegistry {
  invoke(channel: string, payload: unknown, context?: HandlerContext): Promise<Result<unknown>>;
}

export function describeIssues(error: z.ZodError): {
  message: string;
  issues: Array<{ path: string; message: string }>;
} {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const message = first
    ? first.path
      ? `${first.path}: ${first.message}`
      : first.message
    : 'The request was not valid.';
  return { message, issues };
}

/**
 * The one entry point for every transport: validates the input against the contract, runs the
 * handler, validates the output, and turns every failure into the result envelope so that an
 * error keeps its code and its words across IPC and HTTP.
 */
export function createHandlerRegistry(handlers: Handlers, logger: Logger): HandlerRegistry {
  return {
    async invoke(channel, payload, context = { transport: 'internal' }) {
      if (!isChannel(channel)) {
        return err('UNKNOWN_CHANNEL', `There is no operation named "${channel}".`);
      }
      const spec = contract[channel];
      const parsed = spec.input.safeParse(payload);
      if (!parsed.success) {
        const { message, issues } = describeIssues(parsed.error);
        return err('BAD_INPUT', message, { issues });
      }
      try {
        const handler = handlers[channel] as (
          input: unknown,
          ctx: HandlerContext,
        ) => Promise<unknown>;
        const output = await handler(parsed.data, context);
        const checked = spec.output.safeParse(output);
        if (!checked.success) {
          logger.error('handler returned an output that breaks the contract', {
            channel,
            issues: describeIssues(checked.error).issues,
          });
          return err(
            'INTERNAL',
            `ReelPilot produced an invalid answer for ${channel}. This is a bug; the log has the details.`,
          );
        }
        return ok(checked.data);
      } catch (error) {
        if (isAppError(error)) return err(error.code, error.message, error.details);
        if (error instanceof z.ZodError) {
          const { message, issues } = describeIssues(error);
          return err('BAD_INPUT', message, { issues });
        }
        if (isDiskFullError(error)) {
          // Logged with the cause, so that whoever watches the logs (the disk watch) sees it.
          logger.warn('not saved: the disk is full', { channel, error: describeError(error) });
          const words = diskFullError();
          return err(words.code, words.message, words.details);
        }
        logger.error('handler failed', {
          channel,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        return err(
          'INTERNAL',
          `Something went wrong in ${channel}: ${error instanceof Error ? error.message : String(error)}. The log file has the details.`,
        );
      }
    },
  };
}
