import { z } from 'zod';

export const mediaKinds = ['image', 'video', 'audio'] as const;
export const mediaKindSchema = z.enum(mediaKinds);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** How a file came into the library: only copied and uploaded files live in the media folder. */
export const mediaOrigins = ['linked', 'copied', 'uploaded', 'rendered'] as const;
export const mediaOriginSchema = z.enum(mediaOrigins);
export type MediaOrigin = z.infer<typeof mediaOriginSchema>;

export const thumbnailStates = ['pending', 'ready', 'failed'] as const;
export const thumbnailStateSchema = z.enum(thumbnailStates);
export type ThumbnailState = z.infer<typeof thumbnailStateSchema>;

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(60, 'A tag is at most 60 characters.')
  .regex(/^[^,\n\r\t]+$/, 'A tag cannot contain commas or line breaks.');

export const mediaItemSchema = z.object({
  id: z.string(),
  path: z.string(),
  name: z.string(),
  kind: mediaKindSchema,
  size: z.number().int().nonnegative(),
  contentHash: z.string(),
  mime: z.string(),
  durationMs: z.number().int().nonnegative().nullable(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
  /** Degrees clockwise the player must turn the picture (phone videos), 0 when upright. */
  rotation: z.number().int(),
  videoCodec: z.string().nullable(),
  audioCodec: z.string().nullable(),
  frameRate: z.number().positive().nullable(),
  tags: z.array(z.string()),
  origin: mediaOriginSchema,
  importedAt: z.number().int(),
  /** The file's modification time when it was last seen. */
  modifiedAt: z.number().int(),
  /** The file is gone from its path; the item is kept until the person removes it. */
  missing: z.boolean(),
  thumbnail: thumbnailStateSchema,
  thumbnailError: z.string().nullable(),
});
export type MediaItem = z.infer<typeof mediaItemSchema>;

export const mediaSorts = ['imported', 'name', 'size', 'duration', 'modified'] as const;
export const mediaSortSchema = z.enum(mediaSorts);
export type MediaSort = z.infer<typeof mediaSortSchema>;

const pathSchema = z.string().min(1, 'A path cannot be empty.').max(4096, 'That path is too long.');

/** What to list: every filter is optional; all given filters must match. */
export const mediaQuerySchema = z
  .object({
    kinds: z.array(mediaKindSchema).max(3).optional(),
    /** Matches the file name or a tag, case-insensitively. */
    search: z.string().trim().max(200).optional(),
    /** Every one of these tags. */
    tags: z.array(tagSchema).max(20).optional(),
    /** Files in this folder or below it. */
    folder: pathSchema.optional(),
    ids: z.array(z.string().min(1).max(64)).max(20_000).optional(),
    /** Only items that came in this way (configs leave rendered videos out of tags and folders). */
    origins: z.array(mediaOriginSchema).max(mediaOrigins.length).optional(),
    includeMissing: z.boolean().default(true),
    sort: mediaSortSchema.default('imported'),
    direction: z.enum(['asc', 'desc']).default('desc'),
  })
  .strict();
export type MediaQuery = z.input<typeof mediaQuerySchema>;
export type ParsedMediaQuery = z.output<typeof mediaQuerySchema>;

export const mediaListInputSchema = mediaQuerySchema
  .extend({
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type MediaListInput = z.input<typeof mediaListInputSchema>;

export const mediaPageSchema = z.object({
  items: z.array(mediaItemSchema),
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
});
export type MediaPage = z.infer<typeof mediaPageSchema>;

export const importFailureReasons = [
  'unreadable',
  'empty',
  'unsupported',
  'corrupt',
  'too-large',
  'not-found',
] as const;

export const importReportSchema = z.object({
  importId: z.string(),
  imported: z.array(mediaItemSchema),
  /** Files whose content is already in the library: linked to the existing item. */
  duplicates: z.array(z.object({ path: z.string(), existingId: z.string(), name: z.string() })),
  failed: z.array(
    z.object({ path: z.string(), reason: z.enum(importFailureReasons), message: z.string() }),
  ),
  /** Files seen (after walking folders). */
  total: z.number().int().nonnegative(),
  /** Files inside chosen folders that are not media (sidecar files, documents): left alone. */
  skipped: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const mediaImportInputSchema = z
  .object({
    paths: z.array(pathSchema).min(1, 'Choose at least one file or folder.').max(10_000),
    /** Copy each file into the library folder instead of linking it where it is. */
    copy: z.boolean().default(false),
    tags: z.array(tagSchema).max(20).default([]),
  })
  .strict();

export const importProgressSchema = z.object({
  importId: z.string(),
  phase: z.enum(['scanning', 'importing', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  current: z.string().nullable(),
});
export type ImportProgress = z.infer<typeof importProgressSchema>;

export const watchedFolderSchema = z.object({
  path: z.string(),
  addedAt: z.number().int(),
  /** False when the folder is gone or cannot be watched; `problem` says why. */
  active: z.boolean(),
  problem: z.string().nullable(),
});
export type WatchedFolder = z.infer<typeof watchedFolderSchema>;

export const mediaTagInputSchema = z
  .object({
    ids: z.array(z.string().min(1).max(64)).min(1).max(20_000),
    add: z.array(tagSchema).max(20).default([]),
    remove: z.array(tagSchema).max(20).default([]),
  })
  .strict();

export const verifyReportSchema = z.object({
  checked: z.number().int().nonnegative(),
  nowMissing: z.number().int().nonnegative(),
  found: z.number().int().nonnegative(),
});
export type VerifyReport = z.infer<typeof verifyReportSchema>;

/** Largest upload the host accepts into the library folder. */
export const defaultUploadLimitBytes = 4 * 1024 * 1024 * 1024;

/** File name endings the library accepts, by kind. */
export const mediaExtensions: Record<MediaKind, readonly string[]> = {
  image: ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.bmp', '.tif', '.tiff', '.heic', '.avif'],
  video: ['.mp4', '.mov', '.m4v', '.mkv', '.webm', '.avi', '.mpg', '.mpeg', '.3gp', '.ts'],
  audio: ['.mp3', '.m4a', '.aac', '.wav', '.flac', '.ogg', '.oga', '.opus', '.wma', '.aiff'],
};

export function kindOfName(name: string): MediaKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = name.slice(dot).toLowerCase();
  for (const kind of mediaKinds) if (mediaExtensions[kind].includes(ext)) return kind;
  return null;
}
