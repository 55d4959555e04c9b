import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { MediaItem } from '../../../shared/domain/media';
import { composeCaption } from '../../../shared/domain/post-text';
import { readDefinition, type ConfigService } from '../configs/configs-module';
import type { BatchItemRow } from '../db/schema';
import { AppError } from '../errors';
import { hashFile } from '../media/media-module';
import type { Clock } from '../ports';
import { postOf } from './batch-dto';
import { libraryVideoId } from './batch-item-job';
import type { BatchLifecycleDeps } from './batch-lifecycle';
import type { BatchRepository } from './batch-repository';
import { pairKey, type CsvContext } from './csv-validation';
import type { SpreadRequest } from './slot-plan';

const THREE_DAYS_MS = 3 * 86_400_000;

/** What gathering a batch's inputs reads: accounts, the library, earlier items and posts. */
export interface InputDeps {
  repository: BatchRepository;
  accounts: BatchLifecycleDeps['accounts'];
  media: Pick<BatchLifecycleDeps['media'], 'get' | 'findKnown'>;
  configs: Pick<ConfigService, 'list' | 'require'>;
  clock: Clock;
}

/**
 * Every (video, account) post of a distribute batch, each video to each account, and whether
 * it is already posted or planned there (by a batch or by distribution).
 */
export async function distributeRequests(
  deps: InputDeps,
  mediaIds: readonly string[],
  accountIds: readonly string[],
) {
  const accounts = new Map((await deps.accounts.list()).map((a) => [a.id, a]));
  for (const id of accountIds)
    if (!accounts.has(id))
      throw new AppError(
        'NOT_FOUND',
        'An account you chose was removed. Choose the accounts again.',
      );
  const media: MediaItem[] = [];
  for (const id of new Set(mediaIds)) {
    const item = await deps.media.get(id).catch(() => null);
    if (!item)
      throw new AppError(
        'NOT_FOUND',
        'A video you chose was removed from the library. Choose again.',
      );
    if (item.kind !== 'video')
      throw new AppError('BAD_INPUT', `${item.name} is not a video. Choose videos only.`);
    if (item.missing)
      throw new AppError(
        'BAD_INPUT',
        `The file of ${item.name} is gone from ${item.path}. Put it back or choose another.`,
      );
    media.push(item);
  }
  const inBatches = new Set(
    (
      await deps.repository.existingKeys(
        media.flatMap((m) => accountIds.map((a) => ({ rowKey: `media:${m.id}`, accountId: a }))),
      )
    ).map((r) => pairKey(r.row_key, r.account_id)),
  );
  const targets = await deps.repository.existingTargets(
    media.map((m) => libraryVideoId(m.id)),
    accountIds,
  );
  // Each video to each account, accounts interleaved so a shared platform cap is shared fairly.
  return media.flatMap((m) =>
    accountIds.map((accountId) => {
      const request: SpreadRequest = {
        mediaId: m.id,
        accountId,
        alreadyPosted:
          inBatches.has(pairKey(`media:${m.id}`, accountId)) ||
          targets.has(`${libraryVideoId(m.id)}\u0000${accountId}`),
      };
      return { request, media: m, platform: accounts.get(accountId)!.platform };
    }),
  );
}

/** What checking a CSV's rows reads of the app. */
export async function csvContext(deps: InputDeps): Promise<CsvContext> {
  const { repository, clock } = deps;
  return {
    now: clock.now(),
    accounts: await deps.accounts.list(),
    mediaById: (id) => deps.media.get(id).catch(() => null),
    fileSize: async (path) => {
      try {
        return (await stat(path)).size;
      } catch {
        return null;
      }
    },
    fileHash: (path) => hashFile(path).catch(() => null),
    libraryItemAt: (path) => deps.media.findKnown(path).catch(() => null),
    postedOn: async (mediaIds, accountIds) => {
      const prefix = libraryVideoId('');
      const posted = await deps.repository.existingTargets(
        mediaIds.map((id) => libraryVideoId(id)),
        accountIds,
      );
      const planned = await deps.repository.plannedItems(mediaIds, accountIds);
      return new Set([
        ...[...posted].map((key) => key.slice(prefix.length) as `${string}\u0000${string}`),
        ...planned.map((item) => `${item.media_id}\u0000${item.account_id}` as const),
      ]);
    },
    fileExists: (path) => {
      try {
        return existsSync(path) && statSync(path).isFile();
      } catch {
        return false;
      }
    },
    configByRef: async (ref) => {
      const configs = await deps.configs.list();
      const found = configs.find((c) => c.id === ref) ?? configs.find((c) => c.name === ref);
      if (!found) return null;
      const row = await deps.configs.require(found.id);
      return { id: found.id, name: found.name, config: readDefinition(row) };
    },
    existingKeys: async (pairs) =>
      new Set((await repository.existingKeys(pairs)).map((r) => pairKey(r.row_key, r.account_id))),
    sameCaptionNear: async (accountId, caption, at) =>
      (await repository.itemsOfAccountNear(accountId, at - THREE_DAYS_MS, at + THREE_DAYS_MS)).some(
        (item: BatchItemRow) => {
          const post = postOf(item);
          return composeCaption(post.caption, post.hashtags) === caption;
        },
      ),
  };
}
