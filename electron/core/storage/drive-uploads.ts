import { existsSync, statSync } from 'node:fs';
import { z } from 'zod';
import { formatBytes } from '../../../shared/domain/byte-size';
import type { DriveUpload } from '../../../shared/domain/storage';
import type { DriveUploadKind, DriveUploadRow, DriveWaitReason } from '../db/schema';
import { AppError, describeError } from '../errors';
import {
  PermanentJobError,
  RetryLaterError,
  type JobContext,
  type JobHandler,
  type JobQueue,
} from '../jobs/jobs-module';
import type { Clock, EventSink, IdGenerator, Logger } from '../ports';
import type { DriveClient } from '../platforms/drive/drive-client';
import { isPlatformError } from '../platforms/error-classification';
import { resumableStateSchema } from '../platforms/google/resumable-upload';
import { msUntilMidnightPacific } from '../platforms/youtube/youtube-quota';
import type { ReadContext } from '../platforms/platform-adapter';
import type { DriveConnection } from './drive-connection';
import type { DriveFolders } from './drive-folders';
import { DRIVE_DAILY_UPLOAD_BYTES, freeDriveBytes, type StorageUsage } from './drive-usage';
import type { StorageRepository } from './storage-repository';
import { beforeIrreversibleStep } from './job-fencing';

export const DRIVE_UPLOAD_JOB = 'drive-upload';
/** The app property naming an upload for good: looked up before a file is ever sent again. */
export const IDENTITY_PROPERTY = 'reelpilotId';
export const KIND_PROPERTY = 'reelpilotKind';

const jobDataSchema = z.object({ uploadId: z.string().min(1) });
type JobData = z.infer<typeof jobDataSchema>;

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

/** The job stops here: the upload waits for something only the person or time can bring. */
class Waiting extends Error {
  constructor(
    readonly reason: DriveWaitReason,
    message: string,
  ) {
    super(message);
    this.name = 'Waiting';
  }
}

/**
 * Files to Drive, each exactly once. Every upload is a row (its identity is the file's
 * `reelpilotId` app property) run by a `drive-upload` job: the session URI is saved before the
 * first byte, a resume asks the server where it stands, and before a new session replaces one
 * that existed the file is looked up by its identity. A file uploaded twice is a defect.
 */
export class DriveUploads {
  private readonly rateHits = new Map<string, number>();

  constructor(private readonly deps: DriveUploadsDeps) {}

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
      { uploadId: row.id } satisfies JobData,
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

  handler(): JobHandler<JobData> {
    return {
      kind: DRIVE_UPLOAD_JOB,
      maxAttempts: 8,
      concurrency: 1,
      leaseMs: 60_000,
      backoff: { baseMs: 15_000, capMs: 30 * 60_000 },
      parseData: (data) => jobDataSchema.parse(data),
      run: (data, context) => this.run(data.uploadId, context),
      onSettled: async (job, data) => {
        if (!data || (job.state !== 'dead' && job.state !== 'cancelled')) return;
        const row = await this.deps.repository.upload(data.uploadId);
        if (!row || row.job_id !== job.id || row.state === 'done' || row.state === 'waiting')
          return;
        this.publish(
          await this.deps.repository.updateUpload(row.id, {
            state: job.state === 'dead' ? 'failed' : 'cancelled',
            message: job.state === 'dead' ? (job.lastError ?? 'The upload failed.') : 'Cancelled.',
            updated_at: this.deps.clock.now(),
          }),
        );
      },
    };
  }

  private async run(uploadId: string, context: JobContext): Promise<unknown> {
    const { repository, clock } = this.deps;
    const found = await repository.upload(uploadId);
    if (!found || found.state === 'done' || found.state === 'cancelled') return { skipped: true };
    // This job holds the upload from now on; a job that lost it finds its writes refused.
    const write = async (patch: Parameters<StorageRepository['updateUpload']>[1]) => {
      const updated = await repository.updateUploadAsJob(uploadId, context.jobId, {
        ...patch,
        updated_at: clock.now(),
      });
      if (!updated) throw new PermanentJobError('Another job took this upload over.');
      return updated;
    };
    const row = (await repository.updateUpload(uploadId, { job_id: context.jobId })) ?? found;
    try {
      const file = await this.send(row, context, write);
      this.rateHits.delete(uploadId);
      const done = await write({
        state: 'done',
        wait_reason: null,
        message: null,
        drive_file_id: file.id,
        web_link: file.webViewLink,
        sent_bytes: row.size_bytes,
        session: null,
        finished_at: clock.now(),
      });
      this.deps.usage.countUploadedBytes(row.size_bytes);
      this.publish(done);
      this.deps.uploaded(done);
      return { fileId: file.id };
    } catch (error) {
      return this.failed(row, error, context, write);
    }
  }

  private async send(
    row: DriveUploadRow,
    context: JobContext,
    write: (patch: Parameters<StorageRepository['updateUpload']>[1]) => Promise<DriveUploadRow>,
  ) {
    if (!existsSync(row.file_path))
      throw new PermanentJobError(
        `${row.file_path} no longer exists, so it cannot be copied to Google Drive.`,
      );
    if (!(await this.deps.connection.isConnected()))
      throw new Waiting('connection', 'Waiting for Google Drive to be connected.');
    const quota = await this.deps.currentQuota(15 * 60_000);
    if (quota) {
      const free = freeDriveBytes(quota);
      if (row.size_bytes > free) {
        this.deps.outOfSpace(row.size_bytes, free);
        throw new Waiting(
          'space',
          `Google Drive has ${formatBytes(Math.max(0, free))} free and this file needs ${formatBytes(row.size_bytes)}. Free up space in Drive (or buy more); ReelPilot sends it once there is room.`,
        );
      }
    }
    const today = await this.deps.usage.api();
    if (today.uploadedTodayBytes + row.size_bytes > DRIVE_DAILY_UPLOAD_BYTES) {
      throw new RetryLaterError(
        'Google Drive accepts 750 GB of uploads a day and today’s are used up; the upload goes on after midnight Pacific time.',
        this.deps.clock.now() + msUntilMidnightPacific(this.deps.clock.now()),
        false,
      );
    }
    const auth: ReadContext = {
      getAccessToken: (options) => this.deps.connection.getAccessToken(options),
      signal: context.signal,
    };
    const folderId = await this.deps.folders.ensure(row.folder_key, auth);
    const saved = row.session ? resumableStateSchema.safeParse(JSON.parse(row.session)) : null;
    await write({ state: 'uploading', wait_reason: null, message: null });
    this.publish(await this.deps.repository.upload(row.id));
    let lastPublished = 0;
    await beforeIrreversibleStep(context);
    return this.deps.client.upload(
      {
        filePath: row.file_path,
        sizeBytes: row.size_bytes,
        name: row.name,
        mimeType: row.mime_type,
        parents: [folderId],
        appProperties: z.record(z.string(), z.string()).parse(JSON.parse(row.app_properties)),
        identity: IDENTITY_PROPERTY,
        ...(saved?.success ? { state: saved.data } : {}),
      },
      {
        getAccessToken: auth.getAccessToken,
        signal: context.signal,
        // Durable before the first byte and after every chunk, and only while this job holds it.
        saveState: async (state) => {
          const session = resumableStateSchema.parse(state);
          await beforeIrreversibleStep(context);
          await write({ session: JSON.stringify(session), sent_bytes: session.offset });
        },
        onProgress: (progress) => {
          context.progress(
            row.size_bytes > 0 ? progress.sentBytes / row.size_bytes : 1,
            `Copying ${row.name} to Google Drive`,
          );
          const now = this.deps.clock.now();
          if (now - lastPublished < 500) return;
          lastPublished = now;
          this.publish({
            ...row,
            state: 'uploading',
            sent_bytes: progress.sentBytes,
            updated_at: now,
          });
        },
      },
    );
  }

  private async failed(
    row: DriveUploadRow,
    error: unknown,
    context: JobContext,
    write: (patch: Parameters<StorageRepository['updateUpload']>[1]) => Promise<DriveUploadRow>,
  ): Promise<unknown> {
    if (error instanceof Waiting) {
      this.publish(
        await write({ state: 'waiting', wait_reason: error.reason, message: error.message }),
      );
      return { waiting: error.reason };
    }
    if (context.signal.aborted) throw error;
    if (isPlatformError(error)) {
      if (error.kind === 'auth' && error.reconnect) {
        return this.failed(
          row,
          new Waiting(
            'connection',
            'Google Drive must be reconnected in Settings → Storage & backup.',
          ),
          context,
          write,
        );
      }
      if (error.reason === 'storageQuotaExceeded') {
        const quota = await this.deps.currentQuota(0).catch(() => null);
        const free = quota ? Math.max(0, freeDriveBytes(quota)) : 0;
        this.deps.outOfSpace(row.size_bytes, free);
        return this.failed(
          row,
          new Waiting(
            'space',
            `Google Drive is full (${formatBytes(free)} free, ${formatBytes(row.size_bytes)} needed). Free up space in Drive (or buy more); ReelPilot sends it once there is room.`,
          ),
          context,
          write,
        );
      }
      if (error.kind === 'rate') {
        const hits = (this.rateHits.get(row.id) ?? 0) + 1;
        this.rateHits.set(row.id, hits);
        const backoff = Math.min(30 * 60_000, 30_000 * 2 ** (hits - 1));
        const wait = Math.max(
          error.retryAfterMs ?? 0,
          Math.floor((this.deps.random ?? Math.random)() * backoff) + 5_000,
        );
        const notBefore = this.deps.clock.now() + wait;
        this.publish(
          await write({
            state: 'waiting',
            wait_reason: 'rate',
            message: `Google Drive is limiting requests; ReelPilot tries again in ${Math.ceil(wait / 1000)} s.`,
          }),
        );
        throw new RetryLaterError(error.message, notBefore, false);
      }
      if (error.kind === 'content') {
        this.publish(await write({ state: 'failed', message: error.message }));
        throw new PermanentJobError(error.message);
      }
    }
    if (error instanceof PermanentJobError) {
      const updated = await this.deps.repository.updateUploadAsJob(row.id, context.jobId, {
        state: 'failed',
        message: error.message,
        updated_at: this.deps.clock.now(),
      });
      this.publish(updated);
      throw error;
    }
    this.deps.logger.warn('Drive upload attempt failed', {
      id: row.id,
      error: describeError(error),
    });
    this.publish(
      await write({
        state: 'queued',
        message: `Attempt ${context.attempt} of ${context.maxAttempts} failed: ${describeError(error)} It will be retried.`,
      }),
    );
    throw error;
  }
}
