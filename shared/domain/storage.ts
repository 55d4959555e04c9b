import { z } from 'zod';

/** Google Drive as ReelPilot's cloud storage: the connection, folders, usage and uploads. */

export const driveConnectionStates = ['disconnected', 'connected', 'needs_reconnect'] as const;

export const driveConnectionSchema = z.object({
  state: z.enum(driveConnectionStates),
  /** The Google account the connection signed in as. */
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  connectedAt: z.number().nullable(),
  /** Why it must be reconnected, in words; null otherwise. */
  message: z.string().nullable(),
});
export type DriveConnection = z.infer<typeof driveConnectionSchema>;

export const driveFolderSchema = z.object({
  key: z.string(),
  /** Where it is, as the person sees it in Drive: "ReelPilot/Backups". */
  path: z.string(),
  url: z.string().nullable(),
});
export type DriveFolder = z.infer<typeof driveFolderSchema>;

export const driveQuotaSchema = z.object({
  /** Null: unlimited storage. */
  limitBytes: z.number().nullable(),
  usageBytes: z.number(),
  usageInDriveBytes: z.number(),
  trashBytes: z.number(),
  /** What ReelPilot's own files take (renders and backups it uploaded). */
  reelpilotBytes: z.number(),
  /** When Drive was asked; the screen shows how old the figures are. */
  checkedAt: z.number(),
  lowSpace: z.boolean(),
});
export type DriveQuota = z.infer<typeof driveQuotaSchema>;

export const localDiskSchema = z.object({
  dataDir: z.string(),
  /** Of the disk holding the data folder; null when the system would not say. */
  totalBytes: z.number().nullable(),
  freeBytes: z.number().nullable(),
  databaseBytes: z.number(),
  backupsBytes: z.number(),
});
export type LocalDisk = z.infer<typeof localDiskSchema>;

export const apiUsageSchema = z.object({
  lastMinute: z.number().int(),
  today: z.number().int(),
  /** Google's per-user queries a minute for Drive. */
  perMinuteLimit: z.number().int(),
  uploadedTodayBytes: z.number(),
  /** Drive accepts this much uploaded a day per user (750 GB). */
  dailyUploadLimitBytes: z.number(),
});
export type ApiUsage = z.infer<typeof apiUsageSchema>;

export const driveUploadKinds = ['render', 'backup'] as const;
export const driveUploadStates = [
  'queued',
  'uploading',
  'waiting',
  'done',
  'failed',
  'cancelled',
] as const;

export const driveUploadSchema = z.object({
  id: z.string(),
  kind: z.enum(driveUploadKinds),
  name: z.string(),
  sizeBytes: z.number(),
  state: z.enum(driveUploadStates),
  sentBytes: z.number(),
  /** Why it waits or failed. */
  message: z.string().nullable(),
  url: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type DriveUpload = z.infer<typeof driveUploadSchema>;

export const storageStatusSchema = z.object({
  connection: driveConnectionSchema,
  folders: z.array(driveFolderSchema),
  quota: driveQuotaSchema.nullable(),
  /** Why the last look at the quota failed, in words. */
  quotaError: z.string().nullable(),
  local: localDiskSchema,
  api: apiUsageSchema,
  uploads: z.object({
    recent: z.array(driveUploadSchema),
    active: z.number().int(),
    failed: z.number().int(),
  }),
});
export type StorageStatus = z.infer<typeof storageStatusSchema>;

export const storageConnectProgressSchema = z.object({
  flowId: z.string(),
  stage: z.enum(['waiting', 'exchanging', 'connected', 'failed', 'cancelled']),
  message: z.string(),
});
export type StorageConnectProgress = z.infer<typeof storageConnectProgressSchema>;

/** A config's own switch: copy each video it renders to Drive (off unless turned on). */
export const configStorageSchema = z
  .object({
    uploadRendersToDrive: z.boolean(),
  })
  .strict();
export type ConfigStorage = z.infer<typeof configStorageSchema>;
export const defaultConfigStorage: ConfigStorage = { uploadRendersToDrive: false };
