import { test as base } from '@playwright/test';
import { makeTempDir, spawnHost, type HostProcess } from './headless-host';

export { expect } from '@playwright/test';

export interface HostFixtures {
  /** A fresh data folder for the test's host, removed after the test. */
  dataDir: string;
  /** A temp folder for the media files a test makes, removed after the test. */
  filesDir: string;
  /**
   * Starts the host on `dataDir` with the given arguments (`--emulators`, `--sandbox`) and
   * environment; a second call stops the first host (a restart). Stopped after the test.
   */
  startHost(args?: string[], env?: NodeJS.ProcessEnv): Promise<HostProcess>;
}

/** Playwright's `test` with a headless host per test, started when the test asks for it. */
export const test = base.extend<HostFixtures>({
  dataDir: async ({}, use) => {
    const data = makeTempDir('reelpilot-e2e-');
    await use(data.dir);
    data.remove();
  },
  filesDir: async ({}, use) => {
    const files = makeTempDir('reelpilot-e2e-files-');
    await use(files.dir);
    files.remove();
  },
  startHost: async ({ dataDir }, use) => {
    const running: { host?: HostProcess } = {};
    await use(async (args = [], env = {}) => {
      await running.host?.stop();
      running.host = await spawnHost(dataDir, args, env);
      return running.host;
    });
    await running.host?.stop();
  },
});
