import { z } from 'zod';
import {
  importReportSchema,
  mediaImportInputSchema,
  mediaItemSchema,
  mediaListInputSchema,
  mediaPageSchema,
  mediaQuerySchema,
  mediaTagInputSchema,
  verifyReportSchema,
  watchedFolderSchema,
} from '../domain/media';
import { defineChannels } from './define';
import { emptyInput } from './empty-input';

const idSchema = z.string().min(1).max(64);
const idsSchema = z.array(idSchema).min(1).max(20_000);
const folderSchema = z
  .string()
  .trim()
  .min(1, 'Choose a folder.')
  .max(4096, 'That path is too long.');

export const mediaChannels = defineChannels({
  'media:list': { input: mediaListInputSchema, output: mediaPageSchema },
  /** Every id matching a query, in order: "select all" across pages that are not loaded. */
  'media:listIds': {
    input: mediaQuerySchema,
    output: z.object({ ids: z.array(z.string()) }),
  },
  'media:get': { input: z.object({ id: idSchema }).strict(), output: mediaItemSchema },
  'media:getMany': {
    input: z.object({ ids: idsSchema }).strict(),
    output: z.object({ items: z.array(mediaItemSchema) }),
  },
  'media:stats': {
    input: emptyInput,
    output: z.object({
      total: z.number().int(),
      image: z.number().int(),
      video: z.number().int(),
      audio: z.number().int(),
      missing: z.number().int(),
      uploadLimitBytes: z.number().int(),
    }),
  },
  'media:import': { input: mediaImportInputSchema, output: importReportSchema },
  /** Asks the desktop shell for files or a folder with the system dialog. */
  'media:choose': {
    input: z.object({ mode: z.enum(['files', 'folder']) }).strict(),
    output: z.object({ paths: z.array(z.string()) }),
  },
  'media:tag': {
    input: mediaTagInputSchema,
    output: z.object({ updated: z.number().int().nonnegative() }),
  },
  /** Forgets items; files the person keeps elsewhere are never deleted. */
  'media:remove': {
    input: z.object({ ids: idsSchema }).strict(),
    output: z.object({ removed: z.number().int().nonnegative() }),
  },
  'media:verify': { input: emptyInput, output: verifyReportSchema },
  'media:retryThumbnails': {
    input: z.object({ ids: idsSchema }).strict(),
    output: z.object({ queued: z.number().int().nonnegative() }),
  },
  'media:watchList': {
    input: emptyInput,
    output: z.object({ folders: z.array(watchedFolderSchema) }),
  },
  'media:watchAdd': {
    input: z.object({ path: folderSchema }).strict(),
    output: z.object({ folders: z.array(watchedFolderSchema) }),
  },
  'media:watchRemove': {
    input: z.object({ path: folderSchema }).strict(),
    output: z.object({ folders: z.array(watchedFolderSchema) }),
  },
});
