import type { backupChannels } from '../../../shared/contract/backup-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { BackupService } from './backup-service';
import type { RestoreService } from './restore-service';

export function backupHandlers(
  backups: BackupService,
  restores: RestoreService,
): DomainHandlers<typeof backupChannels> {
  return {
    'backup:status': () => backups.status(),
    'backup:list': () => backups.list(),
    'backup:updateSettings': (patch) => backups.updateSettings(patch),
    'backup:run': () => backups.runNow(),
    'backup:inspect': ({ source }) => restores.inspect(source),
    'backup:restore': ({ source }) => restores.restore(source),
    'backup:dismissRestoreReport': () => backups.dismissRestoreReport(),
  };
}
