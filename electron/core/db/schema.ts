import type { Insertable, Selectable, Updateable } from 'kysely';
import type {
  AccountErrorsTable,
  AccountPostsTable,
  AccountsConfigTable,
  AccountsTable,
  PlatformAppsTable,
} from './tables/accounts-tables';
import type { AlertsTable } from './tables/alerts-tables';
import type { BatchesTable, BatchItemsTable } from './tables/batch-tables';
import type { ConfigsTable } from './tables/configs-tables';
import type {
  DistributionTargetChangesTable,
  DistributionTargetsTable,
  DistributionVideosTable,
  PostMetricsTable,
} from './tables/distribution-tables';
import type { JobsTable } from './tables/jobs-tables';
import type {
  MediaAliasesTable,
  MediaItemsTable,
  MediaWatchedFoldersTable,
} from './tables/media-tables';
import type { ConfigRunsTable, ConfigRunVideosTable } from './tables/runs-tables';
import type { SettingsTable } from './tables/settings-tables';
import type {
  StatsPostFactsTable,
  StatsPostRollupsTable,
  StatsRenderFactsTable,
  StatsRenderRollupsTable,
  StatsStateTable,
} from './tables/statistics-tables';
import type {
  DriveApiUsageTable,
  DriveFoldersTable,
  DriveUploadsTable,
  KeyValueTable,
} from './tables/storage-tables';

export type * from './tables/accounts-tables';
export type * from './tables/alerts-tables';
export type * from './tables/batch-tables';
export type * from './tables/configs-tables';
export type * from './tables/distribution-tables';
export type * from './tables/jobs-tables';
export type * from './tables/media-tables';
export type * from './tables/runs-tables';
export type * from './tables/settings-tables';
export type * from './tables/statistics-tables';
export type * from './tables/storage-tables';

/**
 * The database as the app sees it today, one file of table types per domain under `tables/`.
 * Migrations never import this: they are frozen and written against `Kysely<any>`, while these
 * types follow the latest schema.
 */
export interface Database {
  settings: SettingsTable;
  accounts: AccountsTable;
  account_posts: AccountPostsTable;
  account_errors: AccountErrorsTable;
  platform_apps: PlatformAppsTable;
  accounts_config: AccountsConfigTable;
  jobs: JobsTable;
  configs: ConfigsTable;
  config_runs: ConfigRunsTable;
  config_run_videos: ConfigRunVideosTable;
  distribution_videos: DistributionVideosTable;
  distribution_targets: DistributionTargetsTable;
  distribution_target_changes: DistributionTargetChangesTable;
  post_metrics: PostMetricsTable;
  media_items: MediaItemsTable;
  media_aliases: MediaAliasesTable;
  media_watched_folders: MediaWatchedFoldersTable;
  stats_state: StatsStateTable;
  stats_post_facts: StatsPostFactsTable;
  stats_render_facts: StatsRenderFactsTable;
  stats_post_rollups: StatsPostRollupsTable;
  stats_render_rollups: StatsRenderRollupsTable;
  alerts: AlertsTable;
  drive_folders: DriveFoldersTable;
  drive_uploads: DriveUploadsTable;
  drive_api_usage: DriveApiUsageTable;
  storage_state: KeyValueTable;
  backup_state: KeyValueTable;
  batches: BatchesTable;
  batch_items: BatchItemsTable;
}

export type SettingRow = Selectable<SettingsTable>;
export type NewSettingRow = Insertable<SettingsTable>;
export type SettingUpdate = Updateable<SettingsTable>;

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountUpdate = Updateable<AccountsTable>;

export type JobRow = Selectable<JobsTable>;
export type NewJobRow = Insertable<JobsTable>;
export type ConfigRow = Selectable<ConfigsTable>;
export type NewConfigRow = Insertable<ConfigsTable>;
export type ConfigRunRow = Selectable<ConfigRunsTable>;
export type NewConfigRunRow = Insertable<ConfigRunsTable>;
export type ConfigRunVideoRow = Selectable<ConfigRunVideosTable>;
export type NewConfigRunVideoRow = Insertable<ConfigRunVideosTable>;
export type ConfigRunVideoUpdate = Updateable<ConfigRunVideosTable>;

export type DistributionVideoRow = Selectable<DistributionVideosTable>;
export type DistributionTargetRow = Selectable<DistributionTargetsTable>;
export type NewDistributionTargetRow = Insertable<DistributionTargetsTable>;
export type DistributionTargetUpdate = Updateable<DistributionTargetsTable>;
export type DistributionTargetChangeRow = Selectable<DistributionTargetChangesTable>;
export type PostMetricsRow = Selectable<PostMetricsTable>;
export type MediaItemRow = Selectable<MediaItemsTable>;
export type NewMediaItemRow = Insertable<MediaItemsTable>;
export type MediaItemUpdate = Updateable<MediaItemsTable>;
export type StatsPostFactRow = Selectable<StatsPostFactsTable>;
export type StatsRenderFactRow = Selectable<StatsRenderFactsTable>;
export type StatsPostRollupRow = Selectable<StatsPostRollupsTable>;
export type StatsRenderRollupRow = Selectable<StatsRenderRollupsTable>;
export type StatsStateRow = Selectable<StatsStateTable>;

export type AlertRow = Selectable<AlertsTable>;
export type NewAlertRow = Insertable<AlertsTable>;
export type AlertUpdate = Updateable<AlertsTable>;

export type DriveFolderRow = Selectable<DriveFoldersTable>;
export type DriveUploadRow = Selectable<DriveUploadsTable>;
export type NewDriveUploadRow = Insertable<DriveUploadsTable>;
export type DriveUploadUpdate = Updateable<DriveUploadsTable>;

export type BatchRow = Selectable<BatchesTable>;
export type NewBatchRow = Insertable<BatchesTable>;
export type BatchUpdate = Updateable<BatchesTable>;
export type BatchItemRow = Selectable<BatchItemsTable>;
export type NewBatchItemRow = Insertable<BatchItemsTable>;
export type BatchItemUpdate = Updateable<BatchItemsTable>;
