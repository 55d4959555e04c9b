import { z } from 'zod';
import {
  backupListSchema,
  backupSettingsPatchSchema,
  backupStatusSchema,
  restorePreviewSchema,
  restoreResultSchema,
  restoreSourceSchema,
} from '../domain/backup';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const backupChannels = defineChannels({
  /** The schedule, retention, last and next backup, what runs, the last restore. */
  'backup:status': { input: emptyInput, output: backupStatusSchema },
  /** Every backup, here and on Drive, newest first. */
  'backup:list': { input: emptyInput, output: backupListSchema },
  'backup:updateSettings': { input: backupSettingsPatchSchema, output: backupStatusSchema },
  /** Backs up now; progress comes as `backup:progress` events. */
  'backup:run': { input: emptyInput, output: z.object({ backupId: z.string() }) },
  /** What a restore of this backup would bring back and replace, for the confirmation. */
  'backup:inspect': {
    input: z.object({ source: restoreSourceSchema }).strict(),
    output: restorePreviewSchema,
  },
  /**
   * Restores: verifies the backup, saves the current database as a backup, then restarts
   * ReelPilot with the backup in place.
   */
  'backup:restore': {
    input: z.object({ source: restoreSourceSchema }).strict(),
    output: restoreResultSchema,
  },
  'backup:dismissRestoreReport': { input: emptyInput, output: backupStatusSchema },
});
