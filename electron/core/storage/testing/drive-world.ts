import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, vi } from 'vitest';
import type { ConnectStart } from '../../../../shared/domain/accounts';
import type { DriveUpload, StorageStatus } from '../../../../shared/domain/storage';
import { startDriveEmulator, type DriveEmulator } from '../../../../emulators/drive/drive-emulator';
import { invokeOk, playBrowser } from '../../accounts/testing/accounts-test-kit';
import type { EngineOptions } from '../../engine';
import { fastRuntime } from '../../platforms/testing/upload-test-kit';
import { FakeClock } from '../../testing/fake-clock';
import { createTestEngine, memorySecretStore, type TestEngine } from '../../testing/test-engine';

export interface DriveWorld {
  /** The engine; a new one after `restart`. */
  t: TestEngine;
  dataDir: string;
  /** Set when the engine asked to be restarted (a restore); `restart` clears it. */
  restartRequested: string | null;
  /** Closes the engine and starts a new one on the same data folder, as the host does. */
  restart(): Promise<void>;
  drive: DriveEmulator;
  clock: FakeClock;
  dir: string;
  /** Signs in to the Drive emulator through the engine's loopback flow. */
  connect(): Promise<StorageStatus>;
  status(): Promise<StorageStatus>;
  /** A file of random bytes and its SHA-256. */
  makeFile(sizeBytes: number, name?: string): { path: string; sha256: string };
  /** Moves the fake clock in steps, letting the queue and timers run between them. */
  tick(ms: number): Promise<void>;
  waitForUpload(id: string, state: DriveUpload['state']): Promise<DriveUpload>;
  dispose(): Promise<void>;
}

export const KiB = 1024;

/** A real engine whose Drive is the emulator (sharing the fake clock), with the Google app set. */
export async function createDriveWorld(
  options: {
    storageLimit?: number | null;
    engine?: Partial<EngineOptions>;
    dataDir?: string;
    clock?: FakeClock;
    drive?: DriveEmulator;
  } = {},
): Promise<DriveWorld> {
  const clock = options.clock ?? new FakeClock();
  const drive =
    options.drive ??
    (await startDriveEmulator({
      now: () => clock.now(),
      storageLimit: options.storageLimit === undefined ? 64 * 1024 * KiB : options.storageLimit,
    }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'reelpilot-drive-data-'));
  const secrets = memorySecretStore();
  const start = () =>
    createTestEngine({
      clock,
      dataDir,
      secrets,
      options: {
        endpointOverrides: { drive: drive.endpoints },
        drive: { runtime: fastRuntime, chunkBytes: 256 * KiB },
        requestRestart: (reason) => {
          world.restartRequested = reason;
        },
        ...options.engine,
      },
    });
  const t = await start();
  await t.engine.services.accounts.apps.save({
    platform: 'youtube',
    clientId: drive.state.auth.app.clientId,
    clientSecret: drive.state.auth.app.clientSecret,
    allowInsecureStorage: true,
  });
  const dir = mkdtempSync(join(tmpdir(), 'reelpilot-drive-files-'));
  const status = () => invokeOk<StorageStatus>(world.t, 'storage:status', {});
  const tick = async (ms: number) => {
    // At most about fifty steps: long waits move in larger ones.
    const step = Math.max(1000, Math.ceil(ms / 50));
    for (let left = ms; left > 0; left -= step) {
      clock.advance(Math.min(step, left));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
  const world: DriveWorld = {
    t,
    dataDir,
    restartRequested: null,
    async restart() {
      await world.t.engine.close();
      world.t = await start();
      world.restartRequested = null;
    },
    drive,
    clock,
    dir,
    status,
    async connect() {
      const start = await invokeOk<ConnectStart>(world.t, 'storage:connect', {});
      const landing = await playBrowser(start.authorizeUrl);
      expect(landing.status).toBe(200);
      await vi.waitFor(async () => expect((await status()).connection.state).toBe('connected'), {
        timeout: 5000,
        interval: 20,
      });
      return status();
    },
    makeFile(sizeBytes, name = `file-${Math.random().toString(36).slice(2)}.bin`) {
      const bytes = randomBytes(sizeBytes);
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return { path, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
    tick,
    async waitForUpload(id, state) {
      let last: DriveUpload | undefined;
      await vi.waitFor(
        async () => {
          await tick(1000);
          last = (await status()).uploads.recent.find((u) => u.id === id);
          expect(last?.state).toBe(state);
        },
        { timeout: 15_000, interval: 10 },
      );
      return last as DriveUpload;
    },
    async dispose() {
      await world.t.dispose();
      if (!options.drive) await drive.close();
      rmSync(dir, { recursive: true, force: true });
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}
