import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  test: {
    // Real SQLite, real ffmpeg and real loopback servers: forks isolate native handles best.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          include: [
            'electron/core/**/*.test.ts',
            'electron/host/**/*.test.ts',
            'shared/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: { name: 'emulators', include: ['emulators/**/*.test.ts'] },
      },
      {
        extends: true,
        // The shell is tested against a fake `electron`: no Electron binary exists here.
        resolve: { alias: { electron: resolve(root, 'electron/main/testing/fake-electron.ts') } },
        test: {
          name: 'shell',
          include: ['electron/main/**/*.test.ts', 'electron/preload/**/*.test.ts'],
        },
      },
      {
        extends: true,
        // Component tests: the screens' logic in jsdom, against a fake Api (renderer/README.md).
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/src/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/src/testing/setup.ts'],
        },
      },
    ],
  },
});
