import { statSync } from 'node:fs';
import type { DriveUpload } from '../../../shared/domain/storage';
import type { DriveUploadKind, DriveUploadRow, DriveWaitReason } from '../db/schema';
import { AppError } from '../errors';
import type { JobHandler, JobQueue } from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import type { DriveClient } from '../platforms/drive/drive-client';
import type { DriveConnection } from './drive-connection';
import type { DriveFolders } from './drive-folders';
import {
  DRIVE_UPLOAD_JOB,
  DriveUploadJob,
  IDENTITY_PROPERTY,
  KIND_PROPERTY,
  type DriveUploadJobData,
} from './drive-upload-job';
import type { StorageUsage } from './drive-usage';
import type { StorageRepository } from './storage-repository';

export { DRIVE_UPLOAD_JOB, IDENTITY_PROPERTY, KIND_PROPERTY } from './drive-upload-job';

export interface UploadRequest {
  /** The upload's identity; a new one when absent. A backup uses its own id. */
  id?: string;
  kind: DriveUploadKind;
  sourceId: string;
  filePath: string;
  name: string;
  mimeType: string;
  folderKey: string;
  /** More app properties (a backup's manifest); the identity and kind are added. */
  appProperties?: Record<string, string>;
}

export interface DriveUploadsDeps {
  repository: StorageRepository;
  client: DriveClient;
  connection: DriveConnection;
  folders: DriveFolders;
  usage: StorageUsage;
  queue: JobQueue;
  clock: Clock;
  ids: IdGenerator;
  events: EventSink;
  logger: Logger;
  /** Drive's quota, read again when the cached figures are older than `maxAgeMs`. */
  currentQuota(maxAgeMs: number): Promise<{ limitBytes: number | null; usageBytes: number } | null>;
  /** An upload was put off because Drive has no room. */
  outOfSpace(needed: number, free: number): void;
  /** An upload finished: the usage figures moved. */
  uploaded(row: DriveUploadRow): void;
  random?: () => number;
}

export function toDriveUpload(row: DriveUploadRow): DriveUpload {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    sizeBytes: row.size_bytes,
    state: row.state,
    sentBytes: row.sent_bytes,
    message: row.message,
    url: row.web_link,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Files to Drive, each exactly once. Every upload is a row (its identity is the file's
 * `reelpilotId` app property) run by a `drive-upload` job: the session URI is saved before the
 * first byte, a resume asks the server where it stands, and before a new session replaces one
 * that existed the file is looked up by its identity. A file uploaded twice is a defect.
 */
export class DriveUploads {
  private readonly job: DriveUploadJob;

  constructor(private readonly deps: DriveUploadsDeps) {
    this.job = new DriveUploadJob(deps, (row) => this.publish(row));
  }

  private publish(row: DriveUploadRow | undefined): void {
    if (row) this.deps.events.emit('storage:uploadUpdated', toDriveUpload(row));
  }

  /** Adds an upload (once per source) and queues it; answers the row. */
  async enqueue(request: UploadRequest): Promise<DriveUploadRow> {
    const now = this.deps.clock.now();
    const id = request.id ?? this.deps.ids.newId();
    const sizeBytes = statSync(request.filePath).size;
    const { row, created } = await this.deps.repository.insertUpload({
      id,
      kind: request.kind,
      source_id: request.sourceId,
      file_path: request.filePath,
      name: request.name,
      mime_type: request.mimeType,
      folder_key: request.folderKey,
      size_bytes: sizeBytes,
      app_properties: JSON.stringify({
        ...request.appProperties,
        [IDENTITY_PROPERTY]: id,
        [KIND_PROPERTY]: request.kind,
      }),
      state: 'queued',
      created_at: now,
      updated_at: now,
    });
    if (!created) return row;
    if (!(await this.deps.connection.isConnected())) {
      return this.wait(row, 'connection', 'Waiting for Google Drive to be connected.');
    }
    return this.schedule(row);
  }

  /** Puts a failed, waiting or cancelled upload back in the queue. */
  async retry(id: string): Promise<DriveUploadRow> {
    const row = await this.deps.repository.upload(id);
    if (!row) throw new AppError('NOT_FOUND', 'That upload no longer exists.');
    if (row.state === 'done') return row;
    if (row.state === 'queued' || row.state === 'uploading') return row;
    return this.schedule(row);
  }

  /** Stops an upload that is no longer wanted (its backup was removed by retention). */
  async cancel(kind: DriveUploadKind, sourceId: string): Promise<void> {
    const row = await this.deps.repository.uploadOf(kind, sourceId);
    if (!row || row.state === 'done' || row.state === 'cancelled') return;
    if (row.job_id) await this.deps.queue.cancel(row.job_id).catch(() => undefined);
    this.publish(
      await this.deps.repository.updateUpload(row.id, {
        state: 'cancelled',
        wait_reason: null,
        message: 'No longer needed.',
        updated_at: this.deps.clock.now(),
      }),
    );
  }

  /** Queues again every upload waiting for `reason` (Drive connected, space freed). */
  async resumeWaiting(
    reason: DriveWaitReason,
    fits?: (row: DriveUploadRow) => boolean,
  ): Promise<number> {
    let resumed = 0;
    for (const row of await this.deps.repository.uploadsIn(['waiting'])) {
      if (row.wait_reason !== reason || (fits && !fits(row))) continue;
      await this.schedule(row);
      resumed += 1;
    }
    return resumed;
  }

  /** How many uploads wait for `reason`. */
  async waitingFor(reason: DriveWaitReason): Promise<number> {
    const rows = await this.deps.repository.uploadsIn(['waiting']);
    return rows.filter((row) => row.wait_reason === reason).length;
  }

  private async schedule(row: DriveUploadRow): Promise<DriveUploadRow> {
    const generation = row.attempts + 1;
    const { job } = await this.deps.queue.enqueue(
      DRIVE_UPLOAD_JOB,
      { uploadId: row.id } satisfies DriveUploadJobData,
      { idempotencyKey: `${DRIVE_UPLOAD_JOB}:${row.id}:${generation}` },
    );
    const updated = await this.deps.repository.updateUpload(row.id, {
      state: 'queued',
      wait_reason: null,
      message: null,
      attempts: generation,
      job_id: job.id,
      updated_at: this.deps.clock.now(),
    });
    this.publish(updated);
    return updated ?? row;
  }

  private async wait(row: DriveUploadRow, reason: DriveWaitReason, message: string) {
    const updated = await this.deps.repository.updateUpload(row.id, {
      state: 'waiting',
      wait_reason: reason,
      message,
      updated_at: this.deps.clock.now(),
    });
    this.publish(updated);
    return updated ?? row;
  }

  async of(kind: DriveUploadKind, sourceId: string): Promise<DriveUpload | null> {
    const row = await this.deps.repository.uploadOf(kind, sourceId);
    return row ? toDriveUpload(row) : null;
  }

  async counts(): Promise<{ active: number; failed: number }> {
    const byState = await this.deps.repository.countByState();
    const count = (state: DriveUploadRow['state']) => byState.get(state) ?? 0;
    return {
      active: count('queued') + count('uploading') + count('waiting'),
      failed: count('failed'),
    };
  }

  async recent(limit = 20): Promise<DriveUpload[]> {
    return (await this.deps.repository.recentUploads(limit)).map(toDriveUpload);
  }

  /** The `drive-upload` job that sends the uploads. */
  handler(): JobHandler<DriveUploadJobData> {
    return this.job.handler();
  }
}
