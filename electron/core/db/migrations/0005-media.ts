import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/** The media library: items, other paths found with the same content, watched folders. */
export const migration0005Media: Migration = {
  version: 5,
  name: 'media',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('media_items')
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('path', 'text', (col) => col.notNull().unique())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('size', 'integer', (col) => col.notNull())
      .addColumn('content_hash', 'text', (col) => col.notNull().unique())
      .addColumn('mime', 'text', (col) => col.notNull())
      .addColumn('duration_ms', 'integer')
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('rotation', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('video_codec', 'text')
      .addColumn('audio_codec', 'text')
      .addColumn('frame_rate', 'real')
      .addColumn('tags', 'text', (col) => col.notNull().defaultTo('[]'))
      .addColumn('origin', 'text', (col) => col.notNull())
      .addColumn('imported_at', 'integer', (col) => col.notNull())
      .addColumn('modified_at', 'integer', (col) => col.notNull())
      .addColumn('missing', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('missing_since', 'integer')
      .addColumn('thumbnail_state', 'text', (col) => col.notNull().defaultTo('pending'))
      .addColumn('thumbnail_error', 'text')
      .execute();
    await db.schema
      .createIndex('media_items_imported')
      .on('media_items')
      .columns(['imported_at', 'id'])
      .execute();
    await db.schema
      .createIndex('media_items_name')
      .on('media_items')
      .expression(sql`name COLLATE NOCASE`)
      .execute();
    await db.schema.createIndex('media_items_kind').on('media_items').column('kind').execute();
    await db.schema
      .createIndex('media_items_thumbnail')
      .on('media_items')
      .column('thumbnail_state')
      .execute();

    // Other places the same content was found: a duplicate is linked here, not imported twice.
    await db.schema
      .createTable('media_aliases')
      .addColumn('path', 'text', (col) => col.primaryKey())
      .addColumn('media_id', 'text', (col) =>
        col.notNull().references('media_items.id').onDelete('cascade'),
      )
      .addColumn('added_at', 'integer', (col) => col.notNull())
      .execute();
    await db.schema
      .createIndex('media_aliases_media')
      .on('media_aliases')
      .column('media_id')
      .execute();

    await db.schema
      .createTable('media_watched_folders')
      .addColumn('path', 'text', (col) => col.primaryKey())
      .addColumn('added_at', 'integer', (col) => col.notNull())
      .execute();
  },
};
