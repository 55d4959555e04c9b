import { existsSync } from 'node:fs';
import { z } from 'zod';
import { formatBytes } from '../../../shared/domain/byte-size';
import type { DriveUploadRow, DriveWaitReason } from '../db/schema';
import { describeError } from '../errors';
import {
  PermanentJobError,
  RetryLaterError,
  type JobContext,
  type JobHandler,
} from '../jobs/jobs-module';
import { isPlatformError } from '../platforms/error-classification';
import { resumableStateSchema } from '../platforms/google/resumable-upload';
import { msUntilMidnightPacific } from '../platforms/youtube/youtube-quota';
import type { ReadContext } from '../platforms/platform-adapter';
import { DRIVE_DAILY_UPLOAD_BYTES, freeDriveBytes } from './drive-usage';
import type { DriveUploadsDeps } from './drive-uploads';
import { beforeIrreversibleStep } from './job-fencing';
import type { StorageRepository } from './storage-repository';

export const DRIVE_UPLOAD_JOB = 'drive-upload';
/** The app property naming an upload for good: looked up before a file is ever sent again. */
export const IDENTITY_PROPERTY = 'reelpilotId';
export const KIND_PROPERTY = 'reelpilotKind';

const jobDataSchema = z.object({ uploadId: z.string().min(1) });
export type DriveUploadJobData = z.infer<typeof jobDataSchema>;
type JobData = DriveUploadJobData;

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
 * The `drive-upload` job: sends one upload row to Drive, exactly once. It checks the file, the
 * connection, the room on Drive and the day's upload allowance first, saves the session URI
 * before the first byte (fenced: only while this job holds the upload), and turns Drive's
 * answers into the upload's state (waiting for space, a connection or a rate limit; failed;
 * retried by the queue).
 */
export class DriveUploadJob {
  private readonly rateHits = new Map<string, number>();

  constructor(
    private readonly deps: DriveUploadsDeps,
    private readonly publish: (row: DriveUploadRow | undefined) => void,
  ) {}

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
    const saveSession = async (state: unknown) => {
      const session = resumableStateSchema.parse(state);
      await beforeIrreversibleStep(context);
      await write({ session: JSON.stringify(session), sent_bytes: session.offset });
    };
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
        saveState: saveSession,
        // The final chunk creates the file: the same fenced, saved step (the file is then found
        // by its identity if the answer is lost).
        beforeIrreversible: saveSession,
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
