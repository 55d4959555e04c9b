import type { DatabaseHandle } from '../db/connection';
import { defineModule, type ModuleCore } from '../engine-module';
import { appHandlers, type AppFacts } from './app-handlers';

export type { AppFacts } from './app-handlers';

/** Facts about the running app, moving the data folder, opening links. */
export function createAppModule(
  core: ModuleCore,
  deps: { database: DatabaseHandle; facts: AppFacts },
) {
  return defineModule({
    name: 'app',
    handlers: appHandlers(core.ports, deps.database, deps.facts),
  });
}
