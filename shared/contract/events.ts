import { z } from 'zod';
import { accountSchema, connectProgressSchema } from '../domain/accounts';
import { configPreviewProgressSchema, configRunSchema, configSchema } from '../domain/configs';
import { distributionTargetSchema } from '../domain/distribution';
import { backupProgressSchema } from '../domain/backup';
import { jobProgressEventSchema } from '../domain/jobs';
import { importProgressSchema } from '../domain/media';
import { settingsSchema } from '../domain/settings';
import {
  driveUploadSchema,
  storageConnectProgressSchema,
  storageStatusSchema,
} from '../domain/storage';
import { defineEvents } from './define';

export const noticeSchema = z.object({
  level: z.enum(['info', 'warning', 'error']),
  title: z.string(),
  body: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;

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
  /** The Drive connection, its usage or its folders changed. */
  'storage:changed': storageStatusSchema,
  'storage:connectProgress': storageConnectProgressSchema,
  /** A Drive upload moved on (progress, done, waiting, failed). */
  'storage:uploadUpdated': driveUploadSchema,
  /** A backup or a restore moved on. */
  'backup:progress': backupProgressSchema,
  /** Backups were added or removed, or the settings changed: lists should reload. */
  'backup:changed': z.object({ reason: z.string() }),
});

export type PushEvents = typeof pushEvents;
export type EventName = keyof PushEvents;
export type EventPayload<E extends EventName> = z.infer<PushEvents[E]>;
export const eventNames = Object.keys(pushEvents) as EventName[];
