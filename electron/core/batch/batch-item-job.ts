import { z } from 'zod';
import type { Account } from '../../../shared/domain/accounts';
import type { BatchPost } from '../../../shared/domain/batch';
import type { MediaItem } from '../../../shared/domain/media';
import { composeCaption } from '../../../shared/domain/post-text';
import { postPrivacy, type NewTarget } from '../distribution/distribution-module';

export const BATCH_ITEM_JOB = 'batch-item';

export const batchItemJobSchema = z.object({ itemId: z.string(), round: z.number().int() });
export type BatchItemJobData = z.infer<typeof batchItemJobSchema>;

/**
 * The id distribution records a library video under. The same library video is one video for
 * distribution whichever batch posts it, so its one target per account keeps it from ever
 * being posted twice to one account.
 */
export function libraryVideoId(mediaId: string): string {
  return `media:${mediaId}`;
}

/** What a CSV item rendering its video on demand keeps beside its post: the config's id. */
const renderOnDemandSchema = z.object({ configId: z.string().optional() });

/** The config a CSV item renders its video from (null: the item names its media). */
export function configIdOf(item: { post: string }): string | null {
  return renderOnDemandSchema.parse(JSON.parse(item.post)).configId ?? null;
}

/** The adapter's post settings of a batch item on its account. */
export function postSettingsOf(post: BatchPost, account: Account): NewTarget['settings'] {
  const title = post.title.trim();
  return {
    ...(title ? { title } : {}),
    caption: composeCaption(post.caption, post.hashtags),
    tags: post.hashtags,
    ...postPrivacy(post.privacy, account),
  };
}

/** The video handed to distribution for a library item. */
export function libraryVideo(media: MediaItem) {
  return {
    id: libraryVideoId(media.id),
    runVideoId: null,
    configId: null,
    title: media.name,
    filePath: media.path,
  };
}
