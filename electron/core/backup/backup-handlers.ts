import type { backupChannels } from '../../../shared/contract/backup-channels';
import type { DomainHandlers } from '../ipc/handler-registry';
import type { BackupService } from './backup-service';

export function backupHandlers(backups: BackupService): DomainHandlers<typeof backupChannels> {
  return {
    'backup:status': () => backups.status(),
    'backup:list': () => backups.list(),
    'backup:updateSettings': (patch) => backups.updateSettings(patch),
    'backup:run': () => backups.runNow(),
    'backup:inspect': ({ source }) => backups.inspect(source),
    'backup:restore': ({ source }) => backups.restore(source),
    'backup:dismissRestoreReport': () => backups.dismissRestoreReport(),
  };
}
