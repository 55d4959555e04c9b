import { z } from 'zod';
import { accountHealthSchema, systemHealthSchema } from '../domain/health';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

/** Account and system health (electron/core/health), shown on the Statistics screen. */
export const healthChannels = defineChannels({
  /** Every account: its sign-in, errors, pacing headroom now, quotas and what to do. */
  'statistics:accountHealth': { input: emptyInput, output: z.array(accountHealthSchema) },
  /** The scheduler, the job queue, ffmpeg, the disk, the database, backups and the app. */
  'statistics:systemHealth': { input: emptyInput, output: systemHealthSchema },
});
