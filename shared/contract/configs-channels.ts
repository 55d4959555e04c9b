import { z } from 'zod';
import {
  checkDueResultSchema,
  configDraftSchema,
  configIdInputSchema,
  configInputSchema,
  configPreviewInputSchema,
  configPreviewSchema,
  configRunSchema,
  configSchema,
  configUpdateInputSchema,
  historyInputSchema,
  mediaSourcesSchema,
  previewScheduleInputSchema,
  previewScheduleResultSchema,
  setActiveInputSchema,
} from '../domain/configs';
import { mediaItemSchema } from '../domain/media';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const configsChannels = defineChannels({
  'configs:list': { input: emptyInput, output: z.array(configSchema) },
  'configs:get': { input: configIdInputSchema, output: configSchema },
  /** A fresh config to start editing from (not saved; media sources still to choose). */
  'configs:defaults': { input: emptyInput, output: configDraftSchema },
  'configs:create': { input: configInputSchema, output: configSchema },
  'configs:update': { input: configUpdateInputSchema, output: configSchema },
  'configs:delete': { input: configIdInputSchema, output: z.object({ deleted: z.boolean() }) },
  /** Turns the schedule on or off; off keeps the config and its history. */
  'configs:setActive': { input: setActiveInputSchema, output: configSchema },
  /** Runs whatever is due now (the scheduler does this by itself; this is "check now"). */
  'configs:checkDue': { input: emptyInput, output: checkDueResultSchema },
  'configs:executeNow': { input: configIdInputSchema, output: configRunSchema },
  'configs:cancelRun': {
    input: z.object({ runId: z.string().min(1) }).strict(),
    output: configRunSchema,
  },
  'configs:history': { input: historyInputSchema, output: z.array(configRunSchema) },
  'configs:previewSchedule': {
    input: previewScheduleInputSchema,
    output: previewScheduleResultSchema,
  },
  /** A few seconds of the (unsaved) config rendered small, to look at before saving. */
  'configs:preview': { input: configPreviewInputSchema, output: configPreviewSchema },
  /** How many usable photos and clips the sources find (rendered videos only when picked). */
  'configs:countSources': {
    input: z.object({ sources: mediaSourcesSchema }).strict(),
    output: z.object({ count: z.number().int().nonnegative() }),
  },
  /** The library items of rendered videos, by the paths a run's history records. */
  'configs:renderedMedia': {
    input: z.object({ paths: z.array(z.string().min(1)).max(200) }).strict(),
    output: z.array(z.object({ path: z.string(), item: mediaItemSchema.nullable() })),
  },
});
