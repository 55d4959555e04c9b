import { z } from 'zod';

export const themes = ['system', 'light', 'dark'] as const;
export const themeSchema = z.enum(themes);
export type Theme = z.infer<typeof themeSchema>;

/** Zones already found valid: making a formatter is slow, and every config read checks one. */
const knownZones = new Set<string>();

function isTimeZone(value: string): boolean {
  if (knownZones.has(value)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    return false;
  }
  if (knownZones.size < 1000) knownZones.add(value);
  return true;
}

export const timeZoneSchema = z.string().min(1, 'Choose a time zone.').refine(isTimeZone, {
  message: 'Unknown time zone. Use an IANA name such as Europe/Paris or America/New_York.',
});

export const ffmpegPathSchema = z
  .string()
  .trim()
  .min(1, 'Enter the full path to the ffmpeg program, or clear the field to find it automatically.')
  .max(4096, 'That path is too long.')
  .nullable();

/** The engine's settings. The data folder is not here: it is chosen by relocating the data. */
export const settingsSchema = z.object({
  ffmpegPath: ffmpegPathSchema,
  timeZone: timeZoneSchema,
  theme: themeSchema,
  startAtLogin: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

export const ffmpegCheckSchema = z.object({
  found: z.boolean(),
  ffmpegPath: z.string().nullable(),
  ffprobePath: z.string().nullable(),
  version: z.string().nullable(),
  source: z.enum(['settings', 'bundled', 'system', 'none']),
  message: z.string(),
});
export type FfmpegCheck = z.infer<typeof ffmpegCheckSchema>;
