import type { z } from 'zod';

/** One request/response channel: the input the engine accepts and the output it promises. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export type ChannelMap = Record<string, ChannelSpec>;

/**
 * Declares a domain's channels. Names are `domain:verb`; the type parameter keeps the literal
 * keys so the merged contract can be indexed by channel name at compile time.
 */
export function defineChannels<const M extends ChannelMap>(channels: M): M {
  for (const name of Object.keys(channels)) {
    if (!/^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/.test(name)) {
      throw new Error(`Channel "${name}" must be named domain:verb`);
    }
  }
  return channels;
}

/** Declares a domain's push events: event name to payload schema. */
export function defineEvents<const M extends Record<string, z.ZodType>>(events: M): M {
  return events;
}
