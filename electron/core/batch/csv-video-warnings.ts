import type { CsvRowPreview } from '../../../shared/domain/batch';
import type { MediaItem } from '../../../shared/domain/media';

/** What the warnings about a row's video read of the app. */
export interface VideoWarningContext {
  mediaById(id: string): Promise<MediaItem | null>;
  /** The library item imported from this file (at its path, or as a copy of an item); no hashing. */
  libraryItemAt(path: string): Promise<MediaItem | null>;
  /** The (library item, account) pairs that already have a post, posted or planned. */
  postedOn(
    mediaIds: readonly string[],
    accountIds: readonly string[],
  ): Promise<Set<`${string}\u0000${string}`>>;
  /** The file's size in bytes; null when it cannot be read. */
  fileSize(path: string): Promise<number | null>;
  /** The SHA-256 of the file's bytes, as the library computes it; null when it cannot be read. */
  fileHash(path: string): Promise<string | null>;
}

/** A post of a valid row naming its video (a library item or a file), not a config. */
export interface VideoPost {
  rowNumber: number;
  account: { id: string; handle: string };
  mediaId: string | null;
  mediaPath: string | null;
}

/**
 * Warns on each row whose video has the same bytes as an earlier row's for the same account (two
 * file names, one content): the library keeps one item for them and a video goes once to an
 * account, so that row will be skipped when it runs. Sizes first, from the library or the disk;
 * only videos of equal size for one account are hashed, so a large file of distinct videos costs
 * a stat a row.
 */
export async function warnSameVideos(
  posts: readonly VideoPost[],
  previews: ReadonlyMap<number, CsvRowPreview>,
  context: VideoWarningContext,
): Promise<void> {
  const item = (id: string) => context.mediaById(id);
  const bySize = new Map<string, VideoPost[]>();
  for (const post of posts) {
    const size = post.mediaId
      ? ((await item(post.mediaId))?.size ?? null)
      : post.mediaPath
        ? await context.fileSize(post.mediaPath)
        : null;
    if (size === null) continue;
    const key = `${post.account.id}\u0000${size}`;
    bySize.set(key, [...(bySize.get(key) ?? []), post]);
  }
  const hashes = new Map<string, string | null>();
  const identity = async (post: VideoPost) => {
    if (post.mediaId) return (await item(post.mediaId))?.contentHash ?? null;
    const file = post.mediaPath ?? '';
    if (!hashes.has(file)) hashes.set(file, await context.fileHash(file));
    return hashes.get(file) ?? null;
  };
  for (const group of bySize.values()) {
    if (group.length < 2) continue;
    const firstRow = new Map<string, number>();
    for (const post of group) {
      const hash = await identity(post);
      if (hash === null) continue;
      const first = firstRow.get(hash);
      if (first === undefined) {
        firstRow.set(hash, post.rowNumber);
        continue;
      }
      if (first === post.rowNumber) continue;
      previews
        .get(post.rowNumber)
        ?.warnings.push(
          `${post.account.handle} gets the same video as row ${first} (the same bytes under another name): it is posted once, and this row will be skipped.`,
        );
    }
  }
}

/**
 * Warns on each row whose video the account already has, posted or planned (a file imported
 * before, or a library item): a video goes once to an account, so that row will be skipped
 * when it runs. Files are matched to the library by path only; a copy never imported is found
 * when the row runs.
 */
export async function warnAlreadyPosted(
  posts: readonly VideoPost[],
  previews: ReadonlyMap<number, CsvRowPreview>,
  context: VideoWarningContext,
): Promise<void> {
  const known = new Map<VideoPost, string>();
  for (const post of posts) {
    const id =
      post.mediaId ?? (post.mediaPath ? (await context.libraryItemAt(post.mediaPath))?.id : null);
    if (id) known.set(post, id);
  }
  if (known.size === 0) return;
  const posted = await context.postedOn(
    [...new Set(known.values())],
    [...new Set([...known.keys()].map((post) => post.account.id))],
  );
  for (const [post, id] of known) {
    if (!posted.has(`${id}\u0000${post.account.id}`)) continue;
    previews
      .get(post.rowNumber)
      ?.warnings.push(
        `${post.account.handle} already has this video, posted or planned: a video goes once to an account, so this row will be skipped.`,
      );
  }
}
