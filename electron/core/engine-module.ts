import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { Handlers } from './ipc/handler-registry';
import type { JobHandler } from './jobs/job-handler';
import type { EnginePorts } from './ports';

/** What every module factory receives: the ports from outside and the open database. */
export interface ModuleCore {
  readonly ports: EnginePorts;
  readonly db: Kysely<Database>;
}

/** The ports most services take, with a logger named for the domain. */
export function servicePorts(core: ModuleCore, domain: string) {
  const { clock, ids, events, logger } = core.ports;
  return { clock, ids, events, logger: logger.child({ domain }) };
}

/**
 * One part of the engine as the composition root sees it (Actual Budget's per-domain app
 * modules). A factory `createXModule(core, deps)` builds the part's services from the core and
 * the services of modules made before it, and returns them beside what `engine.ts` combines:
 * contract handlers, job handlers, and the start-up and shut-down steps.
 *
 * `engine.start()` calls every module's `recover` in list order (repairs what a crash or a stop
 * left: nothing runs yet), then every `start` in list order (timers, workers). `engine.close()`
 * calls every `stop` in reverse order, so a module stops before the ones it depends on.
 */
export interface EngineModule {
  /** Names the module in logs. */
  readonly name: string;
  /** Handlers of the module's contract channels. Two modules never handle the same channel. */
  readonly handlers?: Partial<Handlers>;
  /** The job kinds the module runs on the durable queue. */
  readonly jobHandlers?: ReadonlyArray<JobHandler<unknown>>;
  recover?(): Promise<void>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/**
 * Declares a module: checks it against `EngineModule` and keeps its own type (its services and
 * whatever else later modules use from it).
 */
export function defineModule<M extends EngineModule>(module: M): M {
  return module;
}

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (
  value: infer I,
) => void
  ? I
  : never;

/** The handler maps of the modules, as one object typed as all of them together. */
export type CombinedHandlers<M extends readonly EngineModule[]> = UnionToIntersection<
  M[number] extends infer Module
    ? Module extends { handlers: infer H }
      ? H
      : Record<never, never>
    : never
>;

/**
 * Puts the modules' handler maps together. Assigning the result to `Handlers` makes a channel
 * without a handler a compile error; a channel handled twice is refused here.
 */
export function combineHandlers<const M extends readonly EngineModule[]>(
  modules: M,
): CombinedHandlers<M> {
  const combined: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const module of modules) {
    for (const [channel, handler] of Object.entries(module.handlers ?? {})) {
      const other = owner.get(channel);
      if (other) {
        throw new Error(`Channel "${channel}" is handled by both ${other} and ${module.name}.`);
      }
      owner.set(channel, module.name);
      combined[channel] = handler;
    }
  }
  return combined as CombinedHandlers<M>;
}
