import { sql, type Kysely } from 'kysely';
import { KeyValueRows } from '../db/key-value';
import type {
  Database,
  DriveFolderRow,
  DriveUploadKind,
  DriveUploadRow,
  DriveUploadUpdate,
  NewDriveUploadRow,
} from '../db/schema';

/** The storage domain's tables: Drive folders, uploads, API usage, and what it remembers. */
export class StorageRepository {
  private readonly values: KeyValueRows;

  constructor(private readonly db: Kysely<Database>) {
    this.values = new KeyValueRows(db, 'storage_state');
  }

  /* ------------------------------------------------------------ folders */

  folder(key: string): Promise<DriveFolderRow | undefined> {
    return this.db
      .selectFrom('drive_folders')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
  }

  folders(): Promise<DriveFolderRow[]> {
    return this.db.selectFrom('drive_folders').selectAll().orderBy('key').execute();
  }

  async saveFolder(row: DriveFolderRow): Promise<void> {
    await this.db
      .insertInto('drive_folders')
      .values(row)
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          folder_id: row.folder_id,
          name: row.name,
          web_link: row.web_link,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async forgetFolder(key: string): Promise<void> {
    await this.db.deleteFrom('drive_folders').where('key', '=', key).execute();
  }

  async forgetFolders(): Promise<void> {
    await this.db.deleteFrom('drive_folders').execute();
  }

  /* ------------------------------------------------------------ uploads */

  upload(id: string): Promise<DriveUploadRow | undefined> {
    return this.db.selectFrom('drive_uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  uploadOf(kind: DriveUploadKind, sourceId: string): Promise<DriveUploadRow | undefined> {
    return this.db
      .selectFrom('drive_uploads')
      .selectAll()
      .where('kind', '=', kind)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
  }

  /** Adds the upload unless one exists for its source; answers the one that exists. */
  async insertUpload(row: NewDriveUploadRow): Promise<{ row: DriveUploadRow; created: boolean }> {
    const inserted = await this.db
      .insertInto('drive_uploads')
      .values(row)
      .onConflict((oc) => oc.columns(['kind', 'source_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return { row: inserted, created: true };
    const existing = await this.uploadOf(row.kind, row.source_id);
    if (!existing) throw new Error('The upload vanished while it was being added.');
    return { row: existing, created: false };
  }

  async updateUpload(id: string, patch: DriveUploadUpdate): Promise<DriveUploadRow | undefined> {
    return this.db
      .updateTable('drive_uploads')
      .set(patch)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * A write only the job that holds the upload may make (`job_id` fences it): false when another
   * job took the upload over, and this one must stop.
   */
  async updateUploadAsJob(
    id: string,
    jobId: string,
    patch: DriveUploadUpdate,
  ): Promise<DriveUploadRow | undefined> {
    return this.db
      .updateTable('drive_uploads')
      .set(patch)
      .where('id', '=', id)
      .where('job_id', '=', jobId)
      .returningAll()
      .executeTakeFirst();
  }

  recentUploads(limit: number): Promise<DriveUploadRow[]> {
    return this.db
      .selectFrom('drive_uploads')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute();
  }

  uploadsIn(states: DriveUploadRow['state'][]): Promise<DriveUploadRow[]> {
    return this.db
      .selectFrom('drive_uploads')
      .selectAll()
      .where('state', 'in', states)
      .orderBy('created_at')
      .execute();
  }

  async countByState(): Promise<Map<DriveUploadRow['state'], number>> {
    const rows = await this.db
      .selectFrom('drive_uploads')
      .select(['state', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy('state')
      .execute();
    return new Map(rows.map((row) => [row.state, Number(row.count)]));
  }

  /* ------------------------------------------------------------ API usage */

  async addApiUsage(day: string, calls: number, uploadedBytes: number, now: number): Promise<void> {
    await this.db
      .insertInto('drive_api_usage')
      .values({ day, calls, uploaded_bytes: uploadedBytes, updated_at: now })
      .onConflict((oc) =>
        oc.column('day').doUpdateSet({
          calls: sql`calls + ${calls}`,
          uploaded_bytes: sql`uploaded_bytes + ${uploadedBytes}`,
          updated_at: now,
        }),
      )
      .execute();
  }

  async apiUsage(day: string): Promise<{ calls: number; uploadedBytes: number }> {
    const row = await this.db
      .selectFrom('drive_api_usage')
      .selectAll()
      .where('day', '=', day)
      .executeTakeFirst();
    return { calls: row?.calls ?? 0, uploadedBytes: row?.uploaded_bytes ?? 0 };
  }

  /** Keeps a year of daily usage. */
  async pruneApiUsage(beforeDay: string): Promise<void> {
    await this.db.deleteFrom('drive_api_usage').where('day', '<', beforeDay).execute();
  }

  /* ------------------------------------------------------------ remembered values */

  read(key: string): Promise<unknown> {
    return this.values.read(key);
  }

  write(key: string, value: unknown, now: number): Promise<void> {
    return this.values.write(key, value, now);
  }

  remove(key: string): Promise<void> {
    return this.values.remove(key);
  }
}
