import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import {
  mediaKindSchema,
  mediaOriginSchema,
  thumbnailStateSchema,
  type MediaItem,
  type ParsedMediaQuery,
  type ThumbnailState,
} from '../../../shared/domain/media';
import type { Database, MediaItemRow, NewMediaItemRow } from '../db/schema';

const tagsSchema = z.array(z.string());

function parseTags(text: string): string[] {
  try {
    const parsed = tagsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** A row as read from SQLite, checked: a damaged value falls back instead of breaking lists. */
export function toMediaItem(row: MediaItemRow): MediaItem {
  return {
    id: row.id,
    path: row.path,
    name: row.name,
    kind: mediaKindSchema.catch('video').parse(row.kind),
    size: row.size,
    contentHash: row.content_hash,
    mime: row.mime,
    durationMs: row.duration_ms,
    width: row.width && row.width > 0 ? row.width : null,
    height: row.height && row.height > 0 ? row.height : null,
    rotation: row.rotation,
    videoCodec: row.video_codec,
    audioCodec: row.audio_codec,
    frameRate: row.frame_rate && row.frame_rate > 0 ? row.frame_rate : null,
    tags: parseTags(row.tags),
    origin: mediaOriginSchema.catch('linked').parse(row.origin),
    importedAt: row.imported_at,
    modifiedAt: row.modified_at,
    missing: row.missing === 1,
    thumbnail: thumbnailStateSchema.catch('pending').parse(row.thumbnail_state),
    thumbnailError: row.thumbnail_error,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => '\\' + c);
}

type ItemsQuery = SelectQueryBuilder<Database, 'media_items', object>;

const sortColumns = {
  imported: 'imported_at',
  name: 'name',
  size: 'size',
  duration: 'duration_ms',
  modified: 'modified_at',
} as const;

/** Storage of the library; the service decides what goes in. */
export class MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: NewMediaItemRow): Promise<MediaItem> {
    await this.db.insertInto('media_items').values(row).execute();
    const stored = await this.get(row.id);
    if (!stored) throw new Error(`media item ${row.id} vanished after insert`);
    return stored;
  }

  async get(id: string): Promise<MediaItem | null> {
    const row = await this.db
      .selectFrom('media_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toMediaItem(row) : null;
  }

  async getMany(ids: readonly string[]): Promise<MediaItem[]> {
    const found = new Map<string, MediaItem>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('media_items')
        .selectAll()
        .where('id', 'in', chunk)
        .execute();
      for (const row of rows) found.set(row.id, toMediaItem(row));
    }
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  async findByHash(hash: string): Promise<MediaItem | null> {
    const row = await this.db
      .selectFrom('media_items')
      .selectAll()
      .where('content_hash', '=', hash)
      .executeTakeFirst();
    return row ? toMediaItem(row) : null;
  }

  async findByPath(filePath: string): Promise<MediaItem | null> {
    const row = await this.db
      .selectFrom('media_items')
      .selectAll()
      .where('path', '=', filePath)
      .executeTakeFirst();
    return row ? toMediaItem(row) : null;
  }

  /** The item this path is already linked to as a duplicate, if any. */
  async findAlias(filePath: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('media_aliases')
      .select('media_id')
      .where('path', '=', filePath)
      .executeTakeFirst();
    return row?.media_id ?? null;
  }

  async addAlias(filePath: string, mediaId: string, now: number): Promise<void> {
    await this.db
      .insertInto('media_aliases')
      .values({ path: filePath, media_id: mediaId, added_at: now })
      .onConflict((oc) => oc.column('path').doUpdateSet({ media_id: mediaId }))
      .execute();
  }

  async aliasesOf(mediaId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('media_aliases')
      .select('path')
      .where('media_id', '=', mediaId)
      .orderBy('added_at')
      .execute();
    return rows.map((r) => r.path);
  }

  /** Moves an item to one of its aliases (the original is gone but a copy is known). */
  async relink(mediaId: string, filePath: string, modifiedAt: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('media_aliases').where('path', '=', filePath).execute();
      await trx
        .updateTable('media_items')
        .set({ path: filePath, missing: 0, missing_since: null, modified_at: modifiedAt })
        .where('id', '=', mediaId)
        .execute();
    });
  }

  private filtered(query: ParsedMediaQuery): ItemsQuery {
    let q: ItemsQuery = this.db.selectFrom('media_items');
    if (query.kinds && query.kinds.length > 0) q = q.where('kind', 'in', query.kinds);
    if (!query.includeMissing) q = q.where('missing', '=', 0);
    if (query.ids) q = q.where('id', 'in', query.ids.length > 0 ? query.ids : ['']);
    if (query.origins) q = q.where('origin', 'in', query.origins.length > 0 ? query.origins : ['']);
    if (query.folder) {
      const folder = query.folder.replace(/[\\/]+$/, '');
      q = q.where(
        sql<boolean>`path LIKE ${escapeLike(folder) + '/%'} ESCAPE '\\' OR path LIKE ${escapeLike(folder) + '\\%'} ESCAPE '\\'`,
      );
    }
    for (const tag of query.tags ?? []) {
      q = q.where(
        sql<boolean>`EXISTS (SELECT 1 FROM json_each(media_items.tags) WHERE lower(json_each.value) = lower(${tag}))`,
      );
    }
    if (query.search) {
      const pattern = '%' + escapeLike(query.search) + '%';
      q = q.where(
        sql<boolean>`(name LIKE ${pattern} ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(media_items.tags) WHERE json_each.value LIKE ${pattern} ESCAPE '\\'))`,
      );
    }
    return q;
  }

  private ordered<T extends ItemsQuery>(q: T, query: ParsedMediaQuery): T {
    const column = sortColumns[query.sort];
    const direction = query.direction;
    const sorted =
      column === 'name'
        ? q.orderBy(sql`name COLLATE NOCASE`, direction)
        : q.orderBy(column, direction);
    return sorted.orderBy('id', direction) as T;
  }

  async list(
    query: ParsedMediaQuery,
    offset: number,
    limit: number,
  ): Promise<{ items: MediaItem[]; total: number }> {
    const base = this.filtered(query);
    const countRow = await base
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirst();
    const rows = await this.ordered(base.selectAll(), query).limit(limit).offset(offset).execute();
    return { items: rows.map(toMediaItem), total: Number(countRow?.count ?? 0) };
  }

  async listIds(query: ParsedMediaQuery): Promise<string[]> {
    const rows = await this.ordered(this.filtered(query).select('id'), query).execute();
    return rows.map((r) => r.id);
  }

  async stats(): Promise<{
    total: number;
    image: number;
    video: number;
    audio: number;
    missing: number;
  }> {
    const rows = await this.db
      .selectFrom('media_items')
      .select(['kind', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('kind')
      .execute();
    const missing = await this.db
      .selectFrom('media_items')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('missing', '=', 1)
      .executeTakeFirst();
    const byKind = (kind: string) => Number(rows.find((r) => r.kind === kind)?.count ?? 0);
    return {
      total: rows.reduce((sum, r) => sum + Number(r.count), 0),
      image: byKind('image'),
      video: byKind('video'),
      audio: byKind('audio'),
      missing: Number(missing?.count ?? 0),
    };
  }

  async setTags(id: string, tags: readonly string[]): Promise<void> {
    await this.db
      .updateTable('media_items')
      .set({ tags: JSON.stringify(tags) })
      .where('id', '=', id)
      .execute();
  }

  async setMissing(id: string, missing: boolean, now: number): Promise<void> {
    await this.db
      .updateTable('media_items')
      .set(missing ? { missing: 1, missing_since: now } : { missing: 0, missing_since: null })
      .where('id', '=', id)
      .execute();
  }

  async setThumbnail(id: string, state: ThumbnailState, error: string | null): Promise<void> {
    await this.db
      .updateTable('media_items')
      .set({ thumbnail_state: state, thumbnail_error: error })
      .where('id', '=', id)
      .execute();
  }

  async idsWithThumbnail(state: ThumbnailState, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('media_items')
      .select('id')
      .where('thumbnail_state', '=', state)
      .where('missing', '=', 0)
      .orderBy('imported_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Path, id and missing flag of every item, for the existence check. */
  async allPaths(): Promise<Array<{ id: string; path: string; missing: boolean }>> {
    const rows = await this.db
      .selectFrom('media_items')
      .select(['id', 'path', 'missing'])
      .execute();
    return rows.map((r) => ({ id: r.id, path: r.path, missing: r.missing === 1 }));
  }

  async remove(ids: readonly string[]): Promise<number> {
    let removed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const result = await this.db
        .deleteFrom('media_items')
        .where('id', 'in', ids.slice(i, i + 500))
        .executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    return removed;
  }

  async watchedFolders(): Promise<Array<{ path: string; addedAt: number }>> {
    const rows = await this.db
      .selectFrom('media_watched_folders')
      .selectAll()
      .orderBy('added_at')
      .execute();
    return rows.map((r) => ({ path: r.path, addedAt: r.added_at }));
  }

  async addWatchedFolder(folder: string, now: number): Promise<void> {
    await this.db
      .insertInto('media_watched_folders')
      .values({ path: folder, added_at: now })
      .onConflict((oc) => oc.column('path').doNothing())
      .execute();
  }

  async removeWatchedFolder(folder: string): Promise<void> {
    await this.db.deleteFrom('media_watched_folders').where('path', '=', folder).execute();
  }
}
