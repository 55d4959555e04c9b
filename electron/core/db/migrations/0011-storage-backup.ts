import { sql, type Kysely } from 'kysely';
import type { Migration } from '../migration';

/**
 * Google Drive and backups: the Drive folders ReelPilot made (remembered by id), one row per
 * file upload to Drive (the exactly-once marker, with the resumable session), Drive API usage per
 * day, and two small key-value tables for what the storage and backup domains remember.
 *
 * Number 13 at the merge (7 to 12 belong to other branches in progress); on this branch it is the
 * 7th migration, since versions follow their position.
 */
export const migration0011StorageBackup: Migration = {
  version: 11,
  name: 'storage-backup',
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('drive_folders')
      .addColumn('key', 'text', (col) => col.primaryKey())
      .addColumn('folder_id', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('web_link', 'text')
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();

    await db.schema
      .createTable('drive_uploads')
      // The upload's identity for good: the `reelpilotId` app property of the file on Drive.
      .addColumn('id', 'text', (col) => col.primaryKey())
      .addColumn('kind', 'text', (col) => col.notNull().check(sql`kind IN ('render', 'backup')`))
      // The run video or the backup the file comes from.
      .addColumn('source_id', 'text', (col) => col.notNull())
      .addColumn('file_path', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('mime_type', 'text', (col) => col.notNull())
      .addColumn('folder_key', 'text', (col) => col.notNull())
      .addColumn('size_bytes', 'integer', (col) => col.notNull())
      // JSON object of the app properties the file carries (identity, checksum, manifest).
      .addColumn('app_properties', 'text', (col) => col.notNull())
      .addColumn('state', 'text', (col) =>
        col
          .notNull()
          .check(sql`state IN ('queued', 'uploading', 'waiting', 'done', 'failed', 'cancelled')`),
      )
      // JSON of the resumable session, saved before the first byte is sent.
      .addColumn('session', 'text')
      .addColumn('sent_bytes', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('drive_file_id', 'text')
      .addColumn('web_link', 'text')
      // What a waiting upload waits for: a connection, space on Drive, the end of a rate limit.
      .addColumn('wait_reason', 'text', (col) =>
        col.check(sql`wait_reason IS NULL OR wait_reason IN ('connection', 'space', 'rate')`),
      )
      .addColumn('message', 'text')
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('job_id', 'text')
      .addColumn('created_at', 'integer', (col) => col.notNull())
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .addColumn('finished_at', 'integer')
      .addUniqueConstraint('drive_uploads_once', ['kind', 'source_id'])
      .execute();
    await db.schema
      .createIndex('drive_uploads_by_state')
      .on('drive_uploads')
      .columns(['state', 'updated_at'])
      .execute();

    await db.schema
      .createTable('drive_api_usage')
      // The day in Pacific time: Google's quotas reset at midnight there.
      .addColumn('day', 'text', (col) => col.primaryKey())
      .addColumn('calls', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('uploaded_bytes', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('updated_at', 'integer', (col) => col.notNull())
      .execute();

    for (const table of ['storage_state', 'backup_state']) {
      await db.schema
        .createTable(table)
        .addColumn('key', 'text', (col) => col.primaryKey())
        // JSON text of the value.
        .addColumn('value', 'text', (col) => col.notNull())
        .addColumn('updated_at', 'integer', (col) => col.notNull())
        .execute();
    }
  },
};
