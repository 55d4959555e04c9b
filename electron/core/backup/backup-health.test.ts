import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invokeOk } from '../accounts/testing/accounts-test-kit';
import { createDriveWorld, type DriveWorld } from '../storage/testing/drive-world';
import { backUpNow, listBackups } from './testing/backup-steps';

let world: DriveWorld;
afterEach(async () => {
  await world?.dispose();
});

describe('what system health and alerts see', () => {
  it('gives the time of the last backup, and says once that backups fail until one is made', async () => {
    world = await createDriveWorld();
    const backup = world.t.engine.services.backup;
    expect(backup.lastBackupAt()).toBeNull();
    const failures = () => world.t.notifications.filter((n) => n.title === 'The backup failed');
    const backupsDir = path.join(world.dataDir, 'backups');
    // Something that is not a folder where the backups go: every attempt fails.
    const breakFolder = () => {
      rmSync(backupsDir, { recursive: true, force: true });
      writeFileSync(backupsDir, 'not a folder');
    };
    const failOnce = async (expected: number) => {
      await invokeOk(world.t, 'backup:run', {});
      await vi.waitFor(
        async () => {
          await world.tick(30 * 60_000);
          expect(failures()).toHaveLength(expected);
        },
        { timeout: 20_000, interval: 20 },
      );
    };
    breakFolder();
    await failOnce(1);
    expect(failures()[0]).toMatchObject({ level: 'error', body: /EEXIST|ENOTDIR|not a directory/ });
    // A second failure of the same cause is not told again.
    await invokeOk(world.t, 'backup:run', {});
    await vi.waitFor(
      async () => {
        await world.tick(30 * 60_000);
        const dead = await invokeOk<unknown[]>(world.t, 'jobs:list', {
          kind: 'backup',
          states: ['dead'],
        });
        expect(dead).toHaveLength(2);
      },
      { timeout: 20_000, interval: 20 },
    );
    expect(failures()).toHaveLength(1);
    expect(backup.lastBackupAt()).toBeNull();

    rmSync(backupsDir, { force: true });
    const at = world.clock.now();
    await backUpNow(world);
    expect(backup.lastBackupAt()).toBeGreaterThanOrEqual(at);
    // A backup was made: the next failure is a new one, and is told.
    breakFolder();
    await failOnce(2);
  });
});

describe('the backups folder', () => {
  it('skips a manifest it cannot read and lists the rest', async () => {
    world = await createDriveWorld();
    await backUpNow(world);
    mkdirSync(path.join(world.dataDir, 'backups'), { recursive: true });
    writeFileSync(path.join(world.dataDir, 'backups', 'reelpilot-broken.json'), '{');
    expect((await listBackups(world)).backups).toHaveLength(1);
  });
});
