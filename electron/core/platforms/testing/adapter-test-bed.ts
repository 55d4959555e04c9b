import { afterEach, beforeEach, expect } from 'vitest';
import type { EndpointOverrides, PlatformEndpoints } from '../../../../shared/domain/platforms';
import { isPlatformError, type PlatformError } from '../error-classification';
import type { ServiceId } from '../platform-endpoints';
import { tempVideos, type TempVideos } from './upload-test-kit';

/**
 * Before each test a fresh emulator and a temp folder of videos, handed to `use`; after it both
 * are closed and removed. Adapter tests against an emulator start this way.
 */
export function emulatorPerTest<E extends { close(): Promise<void> }>(
  start: () => Promise<E>,
  use: (fresh: { emulator: E; files: TempVideos }) => void,
): void {
  let current: { emulator: E; files: TempVideos } | undefined;
  beforeEach(async () => {
    current = { emulator: await start(), files: tempVideos() };
    use(current);
  });
  afterEach(async () => {
    await current?.emulator.close();
    current?.files.cleanup();
  });
}

/**
 * Endpoint overrides pointing one service at an emulator: uploads at its root, the API at
 * `apiPath` below it (Meta's Graph API carries its version, `/v21.0`).
 */
export function endpointsAt(
  service: ServiceId,
  emulator: { baseUrl: string },
  apiPath = '',
): EndpointOverrides {
  const endpoints: Partial<PlatformEndpoints> = {
    apiBaseUrl: `${emulator.baseUrl}${apiPath}`,
    uploadBaseUrl: emulator.baseUrl,
  };
  return { [service]: endpoints };
}

/** The PlatformError a call failed with; fails the test when it succeeded or threw another. */
export async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isPlatformError(error)) throw new Error(`expected a PlatformError, got ${String(error)}`);
  return error;
}

/** The one item a test expects (one post, one video): exactly once is the point. */
export function onlyOne<T>(items: ReadonlyMap<unknown, T> | readonly T[]): T {
  const all = Array.isArray(items) ? items : [...(items as ReadonlyMap<unknown, T>).values()];
  expect(all).toHaveLength(1);
  return all[0]!;
}
