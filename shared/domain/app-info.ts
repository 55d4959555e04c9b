import { z } from 'zod';

export const appModes = ['desktop', 'headless'] as const;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(appModes),
  dataDir: z.string(),
  /** True when the data folder was given on the command line and cannot be moved from the UI. */
  dataDirPinned: z.boolean(),
  platform: z.string(),
  schemaVersion: z.number().int(),
  capabilities: z.object({
    startAtLogin: z.boolean(),
    nativeDialogs: z.boolean(),
  }),
  secretStore: z.object({ backend: z.string(), secure: z.boolean() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const relocateDataInputSchema = z
  .object({
    target: z
      .string()
      .trim()
      .min(1, 'Choose a folder for ReelPilot data.')
      .max(4096, 'That path is too long.'),
  })
  .strict();

export const relocateDataResultSchema = z.object({
  target: z.string(),
  copiedFiles: z.number().int().nonnegative(),
  restartRequired: z.literal(true),
  message: z.string(),
});
export type RelocateDataResult = z.infer<typeof relocateDataResultSchema>;
