import { z } from 'zod';
import {
  batchCancelResultSchema,
  batchDetailSchema,
  batchExportInputSchema,
  batchExportSchema,
  batchIdInputSchema,
  batchRetryInputSchema,
  batchSummarySchema,
  csvFileSchema,
  csvImportInputSchema,
  csvImportResultSchema,
  csvPreviewSchema,
  distributeCreateInputSchema,
  distributePlanInputSchema,
  distributePlanSchema,
  generateCreateInputSchema,
} from '../domain/batch';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

export const batchChannels = defineChannels({
  'batch:list': { input: emptyInput, output: z.array(batchSummarySchema) },
  'batch:get': { input: batchIdInputSchema, output: batchDetailSchema },
  /** Checks a CSV file row by row without importing anything. */
  'batch:previewCsv': { input: csvFileSchema, output: csvPreviewSchema },
  /** Imports the valid rows not imported before as one batch; the same file twice adds nothing. */
  'batch:importCsv': { input: csvImportInputSchema, output: csvImportResultSchema },
  /** Where each post of a distribute batch would go, under the pacing rules. */
  'batch:planDistribute': { input: distributePlanInputSchema, output: distributePlanSchema },
  'batch:createDistribute': { input: distributeCreateInputSchema, output: batchSummarySchema },
  /** N videos from a config, or one per line of a topic list, each a run started once. */
  'batch:createGenerate': { input: generateCreateInputSchema, output: batchSummarySchema },
  /** Running items finish; no new item starts until resumed. */
  'batch:pause': { input: batchIdInputSchema, output: batchSummarySchema },
  'batch:resume': { input: batchIdInputSchema, output: batchSummarySchema },
  /** Stops the batch; running items stop cleanly and nothing posted is undone. */
  'batch:cancel': { input: batchIdInputSchema, output: batchCancelResultSchema },
  /** Tries the failed items again (all of them, or those named). */
  'batch:retry': { input: batchRetryInputSchema, output: batchSummarySchema },
  /** Forgets the batch; its videos and posts stay. */
  'batch:delete': { input: batchIdInputSchema, output: z.object({ deleted: z.boolean() }) },
  'batch:export': { input: batchExportInputSchema, output: batchExportSchema },
});
