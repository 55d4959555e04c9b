import type { EmulatorRoute } from '../kit/emulator-kit';
import { metaAuthRoutes } from '../meta/meta-auth-routes';
import type { MetaEmulatorState } from '../meta/meta-state';

export function facebookAuthRoutes(state: MetaEmulatorState): EmulatorRoute[] {
  return metaAuthRoutes(state, 'facebook');
}
