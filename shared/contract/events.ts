import { z } from 'zod';
import { accountSchema, connectProgressSchema } from '../domain/accounts';
import { alertChangedSchema } from '../domain/alerts';
import { automationStatusSchema } from '../domain/automation';
import { batchItemSchema, batchSummarySchema } from '../domain/batch';
import { configPreviewProgressSchema, configRunSchema, configSchema } from '../domain/configs';
import { distributionTargetSchema } from '../domain/distribution';
import { backupProgressSchema } from '../domain/backup';
import { jobProgressEventSchema } from '../domain/jobs';
import { importProgressSchema } from '../domain/media';
import { noticeSchema } from '../domain/notifications';
import { retentionStatusSchema } from '../domain/retention';
import { navigationTargetSchema } from '../domain/screens';
import { settingsSchema } from '../domain/settings';
import { rebuildStatusSchema } from '../domain/statistics';
import {
  driveUploadSchema,
  storageConnectProgressSchema,
  storageStatusSchema,
} from '../domain/storage';
import { defineEvents } from './define';

export { noticeSchema, type Notice } from '../domain/notifications';

/** Events the engine pushes to every attached UI. Each domain adds its own below. */
export const pushEvents = defineEvents({
  'settings:changed': settingsSchema,
  'app:notice': noticeSchema,
  /** An account was added, changed or removed; `account` is null when it was removed. */
  'accounts:changed': z.object({ accountId: z.string(), account: accountSchema.nullable() }),
  'accounts:connectProgress': connectProgressSchema,
  'jobs:progress': jobProgressEventSchema,
  /** A config changed (saved, toggled, its next run moved); `null` config means deleted. */
  'configs:changed': z.object({ id: z.string(), config: configSchema.nullable() }),
  'configs:runUpdated': configRunSchema,
  'configs:previewProgress': configPreviewProgressSchema,
  /** A post target changed: state, upload progress, error, metrics. */
  'distribution:targetUpdated': distributionTargetSchema,
  'media:importProgress': importProgressSchema,
  /** The library changed (import, tags, removal, missing files): lists should reload. */
  'media:changed': z.object({ reason: z.string(), ids: z.array(z.string()).max(1000) }),
  /** Thumbnails finished (ready or failed) for these items. */
  'media:thumbnails': z.object({ ids: z.array(z.string()) }),
  /** What is running and coming next changed (pushed at most a few times a second). */
  'automation:status': automationStatusSchema,
  /** The desktop shell asks the UI to show a screen (a notification or a menu was clicked). */
  'app:navigate': navigationTargetSchema,
  /** New figures were recorded (at most every few seconds): statistics views should reload. */
  'statistics:updated': z.object({ at: z.number().int() }),
  /** The rollups are being rebuilt, or a rebuild finished or failed. */
  'statistics:rebuild': rebuildStatusSchema,
  /** An alert opened, changed (count, acknowledged) or was resolved; with the counts after it. */
  'alerts:changed': alertChangedSchema,
  /** The retention policy changed, or a clean-up was queued or finished. */
  'retention:status': retentionStatusSchema,
  /** The Drive connection, its usage or its folders changed. */
  'storage:changed': storageStatusSchema,
  'storage:connectProgress': storageConnectProgressSchema,
  /** A Drive upload moved on (progress, done, waiting, failed). */
  'storage:uploadUpdated': driveUploadSchema,
  /** A backup or a restore moved on. */
  'backup:progress': backupProgressSchema,
  /** Backups were added or removed, or the settings changed: lists should reload. */
  'backup:changed': z.object({ reason: z.string() }),
  /** A batch was created or changed (state, counts, ETA); `batch` is null when it was deleted. */
  'batch:changed': z.object({ id: z.string(), batch: batchSummarySchema.nullable() }),
  /** One item of a batch changed (its state, message, post). */
  'batch:itemUpdated': batchItemSchema,
});

export type PushEvents = typeof pushEvents;
export type EventName = keyof PushEvents;
export type EventPayload<E extends EventName> = z.infer<PushEvents[E]>;
export const eventNames = Object.keys(pushEvents) as EventName[];
