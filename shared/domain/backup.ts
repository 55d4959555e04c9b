import { z } from 'zod';
import { timeOfDaySchema } from './schedule';
import { driveUploadSchema } from './storage';

/** Backups of the database: local first, copied to Drive, kept by a retention rule, restored. */

export const backupTriggers = ['scheduled', 'manual', 'before-update', 'before-restore'] as const;
export const backupTriggerSchema = z.enum(backupTriggers);
export type BackupTrigger = z.infer<typeof backupTriggerSchema>;

export const backupCountsSchema = z.object({
  accounts: z.number().int(),
  configs: z.number().int(),
  /** Published posts (targets that went out). */
  posts: z.number().int(),
  metrics: z.number().int(),
  mediaItems: z.number().int(),
});
export type BackupCounts = z.infer<typeof backupCountsSchema>;

export const backupEntrySchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  trigger: backupTriggerSchema,
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  /** Of the compressed file. */
  sizeBytes: z.number(),
  databaseBytes: z.number(),
  sha256: z.string(),
  counts: backupCountsSchema.nullable(),
  /** False for a backup another ReelPilot installation put in the same Drive folder. */
  fromThisInstallation: z.boolean(),
  local: z.object({ fileName: z.string() }).nullable(),
  drive: z.object({ fileId: z.string(), url: z.string().nullable() }).nullable(),
  /** This backup's copy to Drive, while it is on its way or when it failed. */
  upload: driveUploadSchema.nullable(),
  /** Why it cannot be restored (a newer app wrote it), in words; null when it can. */
  restoreBlocker: z.string().nullable(),
});
export type BackupEntry = z.infer<typeof backupEntrySchema>;

export const backupSettingsSchema = z.object({
  scheduleEnabled: z.boolean(),
  /** When the daily backup runs, in the time zone of Settings. */
  time: timeOfDaySchema,
  keepDaily: z
    .number({ error: 'Enter how many daily backups to keep.' })
    .int('Enter a whole number.')
    .min(1, 'Keep at least the newest daily backup.')
    .max(90, 'Keep at most 90 daily backups.'),
  keepWeekly: z
    .number({ error: 'Enter how many weekly backups to keep (0 for none).' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 or more.')
    .max(104, 'Keep at most 104 weekly backups.'),
  keepMonthly: z
    .number({ error: 'Enter how many monthly backups to keep (0 for none).' })
    .int('Enter a whole number.')
    .min(0, 'Enter 0 or more.')
    .max(240, 'Keep at most 240 monthly backups.'),
  /** Copy every backup to Drive when it is connected. */
  uploadToDrive: z.boolean(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;
export const backupSettingsPatchSchema = backupSettingsSchema.partial().strict();
export type BackupSettingsPatch = z.infer<typeof backupSettingsPatchSchema>;

export const defaultBackupSettings: BackupSettings = {
  scheduleEnabled: true,
  time: '03:00',
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
  uploadToDrive: true,
};

export const backupStages = [
  'snapshot',
  'checking',
  'compressing',
  'uploading',
  'downloading',
  'verifying',
  'saving-current',
  'restarting',
  'done',
  'failed',
] as const;

export const backupProgressSchema = z.object({
  operation: z.enum(['backup', 'restore']),
  /** The backup being made or restored. */
  backupId: z.string().nullable(),
  stage: z.enum(backupStages),
  /** 0 to 1, or null while the step cannot say. */
  fraction: z.number().min(0).max(1).nullable(),
  message: z.string(),
});
export type BackupProgress = z.infer<typeof backupProgressSchema>;

export const restoreReportSchema = z.object({
  backupId: z.string(),
  backupCreatedAt: z.number(),
  appVersion: z.string(),
  restoredAt: z.number(),
  counts: backupCountsSchema,
  /** The backup of the database the restore replaced: restoring it undoes the restore. */
  undoBackupId: z.string().nullable(),
});
export type RestoreReport = z.infer<typeof restoreReportSchema>;

export const vaultAdviceSchema = z.object({
  /** Where the secrets are kept: the system keychain, a key file, or a passphrase. */
  kind: z.enum(['keychain', 'key-file', 'passphrase']),
  text: z.string(),
});

export const backupStatusSchema = z.object({
  settings: backupSettingsSchema,
  timeZone: z.string(),
  lastBackupAt: z.number().nullable(),
  nextBackupAt: z.number().nullable(),
  running: backupProgressSchema.nullable(),
  lastRestore: restoreReportSchema.nullable(),
  /** A restore waiting for ReelPilot to restart (no restart was possible). */
  restorePending: z.boolean(),
  vault: vaultAdviceSchema,
  backupsDir: z.string(),
  driveConnected: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const backupListSchema = z.object({
  backups: z.array(backupEntrySchema),
  /** Why Drive's copies could not be listed, in words; null when they were (or no Drive). */
  driveError: z.string().nullable(),
});
export type BackupList = z.infer<typeof backupListSchema>;

export const restoreSourceSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('local'), backupId: z.string().min(1).max(200) }).strict(),
  z.object({ from: z.literal('drive'), fileId: z.string().min(1).max(200) }).strict(),
  z
    .object({
      from: z.literal('file'),
      path: z
        .string()
        .trim()
        .min(1, 'Enter the path of a backup file (.db.gz).')
        .max(4096, 'That path is too long.'),
    })
    .strict(),
]);
export type RestoreSource = z.infer<typeof restoreSourceSchema>;

/** What the confirmation shows: the backup, and what it replaces. */
export const restorePreviewSchema = z.object({
  createdAt: z.number(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
  counts: backupCountsSchema.nullable(),
  current: backupCountsSchema,
  restoreBlocker: z.string().nullable(),
});
export type RestorePreview = z.infer<typeof restorePreviewSchema>;

export const restoreResultSchema = z.object({
  /** `restarting`: ReelPilot restarts now; `staged`: it happens at the next start. */
  state: z.enum(['restarting', 'staged']),
  message: z.string(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;
