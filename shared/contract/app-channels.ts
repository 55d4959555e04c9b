import { z } from 'zod';
import {
  appInfoSchema,
  relocateDataInputSchema,
  relocateDataResultSchema,
} from '../domain/app-info';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const appChannels = defineChannels({
  'app:info': { input: emptyInput, output: appInfoSchema },
  'app:relocateData': { input: relocateDataInputSchema, output: relocateDataResultSchema },
  'app:openExternal': {
    input: z.object({ url: z.url({ protocol: /^https?$/ }) }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
});
