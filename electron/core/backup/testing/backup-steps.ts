import { expect, vi } from 'vitest';
import type { BackupList } from '../../../../shared/domain/backup';
import { invokeOk } from '../../accounts/testing/accounts-test-kit';
import type { DriveWorld } from '../../storage/testing/drive-world';

/** The backups here and on Drive, as the screen lists them. */
export function listBackups(world: DriveWorld): Promise<BackupList> {
  return invokeOk<BackupList>(world.t, 'backup:list', {});
}

/** Backs up now and waits for the backup to be on this computer; answers its id. */
export async function backUpNow(world: DriveWorld): Promise<string> {
  const { backupId } = await invokeOk<{ backupId: string }>(world.t, 'backup:run', {});
  await vi.waitFor(
    async () => {
      await world.tick(1000);
      expect((await listBackups(world)).backups.some((b) => b.id === backupId && b.local)).toBe(
        true,
      );
    },
    { timeout: 20_000, interval: 20 },
  );
  return backupId;
}
