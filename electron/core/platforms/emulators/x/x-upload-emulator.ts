import { startEmulator, type RunningEmulator } from '../emulator-kit';
import {
  createXState,
  applyXSwitches,
  describeXState,
  type XEmulatorState,
  type XStateOptions,
} from './x-emulator-state';
import { xUploadRoutes } from './x-upload-routes';

export interface XEmulator extends RunningEmulator {
  state: XEmulatorState;
}

export async function startXEmulator(
  options: XStateOptions & { port?: number } = {},
): Promise<XEmulator> {
  const state = createXState(options);
  const running = await startEmulator({
    name: 'x',
    port: options.port,
    routes: [...xUploadRoutes(state)],
    state: () => describeXState(state),
    switches: (input) => applyXSwitches(state, input),
  });
  return { ...running, state };
}
