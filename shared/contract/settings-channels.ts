import { z } from 'zod';
import { ffmpegCheckSchema, settingsPatchSchema, settingsSchema } from '../domain/settings';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const settingsChannels = defineChannels({
  'settings:get': { input: emptyInput, output: settingsSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsSchema },
  'settings:checkFfmpeg': {
    input: z.object({ path: z.string().trim().min(1).max(4096).nullable().optional() }).strict(),
    output: ffmpegCheckSchema,
  },
});
