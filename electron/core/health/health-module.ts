import type { AccountsService } from '../accounts/accounts-module';
import type { AutomationModule } from '../automation/automation-module';
import { defineModule, type ModuleCore } from '../engine-module';
import type { FfmpegToolsPort } from '../ffmpeg/ffmpeg-module';
import type { RunScheduler } from '../runs/runs-module';
import type { BackupSource } from './backup-source';
import { healthHandlers } from './health-handlers';
import { HealthRepository } from './health-repository';
import { HealthService } from './health-service';

export type { BackupSource } from './backup-source';
export type { HealthService, SchedulerHealth } from './health-service';
export { JOB_OVERDUE_MS, SCHEDULER_STALL_MS } from './health-service';
export { nearQuotas } from './account-health-view';

/**
 * Account and system health (`statistics:accountHealth`, `statistics:systemHealth`): read models
 * over the accounts, the scheduler's heartbeat, the job queue, ffmpeg, the disk, the database and
 * backups. The alert rules read the same service. `backups` is the backup module once there is
 * one; without it system health says backups are not available yet.
 */
export function createHealthModule(
  core: ModuleCore,
  deps: {
    accounts: AccountsService;
    scheduler: RunScheduler;
    ffmpeg: FfmpegToolsPort;
    automation: Pick<AutomationModule, 'service' | 'jobHolds'>;
    app: { version: string; mode: 'desktop' | 'headless' };
    backups?: BackupSource | null;
  },
) {
  const service = new HealthService({
    repository: new HealthRepository(core.db),
    accounts: deps.accounts,
    scheduler: deps.scheduler,
    holds: deps.automation.jobHolds,
    ffmpeg: deps.ffmpeg,
    disk: deps.automation.service,
    backups: deps.backups ?? null,
    clock: core.ports.clock,
    logger: core.ports.logger.child({ domain: 'health' }),
    dbFile: core.ports.paths.dbFile,
    app: deps.app,
  });
  return defineModule({ name: 'health', service, handlers: healthHandlers(service) });
}

export type HealthModule = ReturnType<typeof createHealthModule>;
