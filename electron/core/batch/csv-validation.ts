import { createHash } from 'node:crypto';
import type { Account } from '../../../shared/domain/accounts';
import type { BatchPost, CsvPreview, CsvRowPreview } from '../../../shared/domain/batch';
import type { MediaItem } from '../../../shared/domain/media';
import { privacyLevels, type ConfigDraft, type PrivacyLevel } from '../../../shared/domain/configs';
import { platformIds, platformNames, type PlatformId } from '../../../shared/domain/platforms';
import { checkPostText, composeCaption } from '../../../shared/domain/post-text';
import { readCsvTable, type CsvColumn } from './csv-rows';
import { warnAlreadyPosted, warnSameVideos, type VideoWarningContext } from './csv-video-warnings';
import { rowRunConfig } from './render-on-demand';

const THREE_DAYS_MS = 3 * 86_400_000;

/** What checking a row needs to know of the rest of the app. */
export interface CsvContext extends VideoWarningContext {
  now: number;
  accounts: readonly Account[];
  fileExists(path: string): boolean;
  /** A config by id or by its exact name (null: there is none). */
  configByRef(ref: string): Promise<{ id: string; name: string; config: ConfigDraft } | null>;
  /** The (row key, account) pairs already imported, of those asked. */
  existingKeys(keys: ReadonlyArray<{ rowKey: string; accountId: string }>): Promise<Set<string>>;
  /** Posts of the account with this caption planned or made within 3 days of `at`. */
  sameCaptionNear(accountId: string, caption: string, at: number): Promise<boolean>;
}

/** One post a valid row makes: the row with one of its accounts. */
export interface CsvPost {
  rowNumber: number;
  rowKey: string;
  externalId: string | null;
  account: Account;
  mediaId: string | null;
  mediaPath: string | null;
  mediaName: string;
  /** The config a row renders its video from on demand (null: the row names its media). */
  configId: string | null;
  post: BatchPost;
  scheduledAt: number | null;
}

export interface CsvCheck {
  preview: CsvPreview;
  /** The posts of the valid rows not imported before. */
  posts: CsvPost[];
}

const isoWithOffset =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function pairKey(rowKey: string, accountId: string): string {
  return `${rowKey}\u0000${accountId}`;
}

function platformOf(value: string): PlatformId | null {
  const v = value.trim().toLowerCase();
  if (v === 'twitter') return 'x';
  return platformIds.find((p) => p === v || platformNames[p].toLowerCase() === v) ?? null;
}

function hashtagsOf(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((tag) => tag.replace(/^#+/, '').trim())
    .filter((tag) => tag !== '');
}

function findAccounts(
  value: string,
  platform: PlatformId | null,
  accounts: readonly Account[],
  errors: string[],
): Account[] {
  const found: Account[] = [];
  const names = value
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) errors.push('The account is missing. Give a handle or an account id.');
  for (const name of names) {
    const handle = name.replace(/^@/, '').toLowerCase();
    const matches = accounts.filter(
      (a) =>
        (a.id === name || a.handle.replace(/^@/, '').toLowerCase() === handle) &&
        (platform === null || a.platform === platform),
    );
    if (matches.length === 0) {
      errors.push(
        platform
          ? `No ${platformNames[platform]} account "${name}" is connected. Connect it in Accounts or fix the handle.`
          : `No account "${name}" is connected. Connect it in Accounts or fix the handle.`,
      );
    } else if (matches.length > 1) {
      errors.push(
        `"${name}" is an account on ${matches.map((a) => platformNames[a.platform]).join(' and ')}. Add the platform column to say which.`,
      );
    } else if (!found.some((a) => a.id === matches[0]!.id)) {
      found.push(matches[0]!);
    }
  }
  return found;
}

/** Row key: the external_id, else a hash of what the row asks for (the same row twice is one). */
function rowKeyOf(cells: Partial<Record<CsvColumn, string>>): string {
  const external = cells.external_id ?? '';
  if (external !== '') return `ext:${external}`;
  const fields = ['scheduled_at', 'platform', 'media', 'caption', 'title', 'hashtags', 'privacy'];
  // Only a row naming a config hashes it, so rows imported before the column keep their key.
  if ((cells.config ?? '') !== '') fields.push('config');
  const hash = createHash('sha256')
    .update(JSON.stringify(fields.map((f) => cells[f as CsvColumn] ?? '')))
    .digest('hex')
    .slice(0, 32);
  return `row:${hash}`;
}

/**
 * Checks every row of a CSV of posts and says, per row, what is wrong in words; the valid
 * rows not imported before become posts. A bad row never blocks the good ones.
 */
export async function checkCsv(
  fileName: string,
  text: string,
  context: CsvContext,
): Promise<CsvCheck> {
  // The rows and the video warnings read the same library items: once each.
  const items = new Map<string, Promise<MediaItem | null>>();
  const mediaById = (id: string) => {
    if (!items.has(id)) items.set(id, context.mediaById(id));
    return items.get(id) ?? Promise.resolve(null);
  };
  const table = readCsvTable(text);
  const previews: CsvRowPreview[] = [];
  const candidates: Array<{ preview: CsvRowPreview; posts: CsvPost[] }> = [];
  const seenInFile = new Map<string, number>();
  for (const { rowNumber, cells } of table.rows) {
    const errors: string[] = [];
    const platformCell = cells.platform ?? '';
    const platform = platformCell === '' ? null : platformOf(platformCell);
    if (platformCell !== '' && !platform)
      errors.push(
        `"${platformCell}" is not a platform ReelPilot posts to. Use one of: ${platformIds.join(', ')}.`,
      );
    const accounts = findAccounts(cells.account ?? '', platform, context.accounts, errors);

    let scheduledAt: number | null = null;
    const when = cells.scheduled_at ?? '';
    if (when !== '') {
      const parsed = isoWithOffset.test(when) ? Date.parse(when.replace(' ', 'T')) : Number.NaN;
      if (Number.isNaN(parsed))
        errors.push(
          `"${when}" is not a date and time with its offset. Write it like 2026-03-01T14:30:00+01:00, or leave it blank for the next free slot.`,
        );
      else if (parsed < context.now)
        errors.push(
          `${when} is in the past. Pick a later time, or leave it blank for the next free slot.`,
        );
      else scheduledAt = parsed;
    }

    let mediaId: string | null = null;
    let mediaPath: string | null = null;
    let configId: string | null = null;
    let config: Awaited<ReturnType<CsvContext['configByRef']>> = null;
    let mediaName = cells.media ?? '';
    const media = cells.media ?? '';
    const configRef = cells.config ?? '';
    if (media !== '' && configRef !== '')
      errors.push(
        'The row names both a media and a config. Keep the media to post a finished video, or the config to render one.',
      );
    else if (configRef !== '') {
      config = await context.configByRef(configRef);
      if (config) {
        configId = config.id;
        mediaName = `Rendered from ${config.name}`;
      } else
        errors.push(
          `No config "${configRef}". Give a config's id or its exact name, as Configs lists it.`,
        );
    } else if (media === '')
      errors.push(
        'The media is missing. Give a library item id or a file path, or a config to render from.',
      );
    else {
      const item = await mediaById(media);
      if (item) {
        if (item.kind !== 'video')
          errors.push(`Library item ${item.name} is not a video. Posts need a video.`);
        else if (item.missing)
          errors.push(
            `The file of ${item.name} is gone from ${item.path}. Put it back or choose another.`,
          );
        else {
          mediaId = item.id;
          mediaName = item.name;
        }
      } else if (!context.fileExists(media)) {
        errors.push(
          `No library item or file "${media}". Give a library item id or the full path of a video file.`,
        );
      } else {
        // Imported into the library when the item runs (the same bytes become the same item).
        mediaPath = media;
        mediaName = media.split(/[\\/]/).pop() ?? media;
      }
    }

    const privacyCell = (cells.privacy ?? '').toLowerCase();
    let privacy: PrivacyLevel = 'public';
    if (privacyCell !== '') {
      if ((privacyLevels as readonly string[]).includes(privacyCell))
        privacy = privacyCell as PrivacyLevel;
      else
        errors.push(
          `"${cells.privacy}" is not a privacy setting. Use one of: ${privacyLevels.join(', ')}.`,
        );
    }
    const hashtags = hashtagsOf(cells.hashtags ?? '');
    const post: BatchPost = {
      title: cells.title ?? '',
      caption: cells.caption ?? '',
      hashtags,
      privacy,
    };
    if (config) {
      // The row's caption and title become its run's text: they must fit the config's rules.
      try {
        rowRunConfig(config.id, config.config, post);
      } catch (error) {
        errors.push(error instanceof Error ? error.message : String(error));
      }
    }
    for (const account of accounts) {
      const problems = checkPostText(account.platform, platformNames[account.platform], {
        title: post.title,
        caption: composeCaption(post.caption, hashtags),
        tags: hashtags,
      });
      for (const problem of problems) errors.push(`${account.handle}: ${problem.message}`);
    }

    const rowKey = rowKeyOf(cells);
    const earlier = seenInFile.get(rowKey);
    if (earlier !== undefined) errors.push(`This row repeats row ${earlier}. Remove one of them.`);
    else seenInFile.set(rowKey, rowNumber);

    const preview: CsvRowPreview = {
      rowNumber,
      ok: errors.length === 0,
      errors,
      warnings: [],
      duplicate: false,
      accounts: accounts.map((a) => a.handle),
      platform: platform ?? accounts[0]?.platform ?? null,
      media: mediaName,
      caption: post.caption,
      scheduledAt,
    };
    previews.push(preview);
    if (errors.length === 0)
      candidates.push({
        preview,
        posts: accounts.map((account) => ({
          rowNumber,
          rowKey,
          externalId: cells.external_id || null,
          account,
          mediaId,
          mediaPath,
          mediaName,
          configId,
          post,
          scheduledAt,
        })),
      });
  }

  const existing = await context.existingKeys(
    candidates.flatMap((c) => c.posts.map((p) => ({ rowKey: p.rowKey, accountId: p.account.id }))),
  );
  const posts: CsvPost[] = [];
  const captions: Array<{ accountId: string; caption: string; at: number; rowNumber: number }> = [];
  for (const { preview, posts: rowPosts } of candidates) {
    const fresh = rowPosts.filter((p) => !existing.has(pairKey(p.rowKey, p.account.id)));
    if (fresh.length === 0) {
      preview.duplicate = true;
      continue;
    }
    for (const p of fresh) {
      const at = p.scheduledAt ?? context.now;
      const caption = composeCaption(p.post.caption, p.post.hashtags);
      if (caption.trim() !== '') {
        const inFile = captions.find(
          (c) =>
            c.accountId === p.account.id &&
            c.caption === caption &&
            Math.abs(c.at - at) < THREE_DAYS_MS,
        );
        if (inFile)
          preview.warnings.push(
            `${p.account.handle} gets the same caption within 3 days (row ${inFile.rowNumber}).`,
          );
        else if (await context.sameCaptionNear(p.account.id, caption, at))
          preview.warnings.push(
            `${p.account.handle} already has a post with this caption within 3 days.`,
          );
        captions.push({ accountId: p.account.id, caption, at, rowNumber: p.rowNumber });
      }
      posts.push(p);
    }
  }
  const byRow = new Map(previews.map((p) => [p.rowNumber, p]));
  await warnAlreadyPosted(posts, byRow, context);
  await warnSameVideos(posts, byRow, { ...context, mediaById });
  const validRows = previews.filter((p) => p.ok && !p.duplicate).length;
  return {
    preview: {
      fileName,
      delimiter: table.delimiter,
      columns: table.columns,
      rows: previews,
      fileError: table.fileError,
      validRows,
      invalidRows: previews.filter((p) => !p.ok).length,
      duplicateRows: previews.filter((p) => p.duplicate).length,
    },
    posts,
  };
}
