import { z } from 'zod';
import { ServiceClient, type ServiceOptions } from '../adapter-base';
import { transientError } from '../error-classification';
import { googleFailure } from '../google/google-errors';
import {
  defaultResumableChunkBytes,
  resumableStateSchema,
  runResumableUpload,
  type ResumableState,
} from '../google/resumable-upload';
import { apiCall, parseAnswer } from '../http/api-call';
import type { PublishContext, ReadContext } from '../platform-adapter';

/** Resumable uploads to Google Drive (the backup), on the same protocol client as YouTube. */
export interface DriveUploadOptions extends ServiceOptions {
  /** A multiple of 256 KiB; 64 MiB by default, like YouTube (see its adapter for why). */
  chunkBytes?: number;
}

export interface DriveUploadRequest {
  filePath: string;
  sizeBytes: number;
  name: string;
  mimeType: string;
  parents?: string[];
  /** What a previous run saved, to continue its session. */
  state?: ResumableState;
}

export const driveUploadStateSchema = resumableStateSchema;
const fileSchema = z.object({ id: z.string(), name: z.string().optional() });
const aboutSchema = z.object({
  storageQuota: z.object({
    limit: z.string().optional(),
    usage: z.string().optional(),
    usageInDrive: z.string().optional(),
    usageInDriveTrash: z.string().optional(),
  }),
});

export interface DriveStorageQuota {
  /** Undefined for unlimited storage. */
  limitBytes?: number;
  usageBytes: number;
  usageInDriveBytes: number;
  trashBytes: number;
}

export class DriveUploader extends ServiceClient<'drive', DriveUploadOptions> {
  constructor(options: DriveUploadOptions = {}) {
    super('drive', options);
  }

  async upload(
    request: DriveUploadRequest,
    context: PublishContext,
  ): Promise<{ id: string; name?: string }> {
    const done = await runResumableUpload(
      {
        service: 'drive',
        runtime: this.runtime,
        tokens: this.tokens(context),
        signal: context.signal,
        filePath: request.filePath,
        totalBytes: request.sizeBytes,
        contentType: request.mimeType,
        chunkBytes: this.options.chunkBytes ?? defaultResumableChunkBytes,
        sessionUrl: `${this.endpoints.uploadBaseUrl}/upload/drive/v3/files?uploadType=resumable`,
        metadata: {
          name: request.name,
          mimeType: request.mimeType,
          ...(request.parents ? { parents: request.parents } : {}),
        },
        saveState: (state) => context.saveState(state),
        onProgress: (sentBytes) =>
          context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: request.sizeBytes }),
      },
      request.state,
    );
    const file = fileSchema.safeParse(done);
    if (!file.success)
      throw transientError('drive', 'the finished upload was answered without a file id');
    return file.data;
  }

  async storageQuota(context: ReadContext): Promise<DriveStorageQuota> {
    const response = await apiCall({
      service: 'drive',
      runtime: this.runtime,
      tokens: this.tokens(context),
      signal: context.signal,
      request: (token) => ({
        method: 'GET',
        url: `${this.endpoints.apiBaseUrl}/drive/v3/about?fields=storageQuota`,
        headers: { authorization: `Bearer ${token}` },
      }),
      failure: (answer) => googleFailure('drive', answer, this.runtime.now()),
    });
    const quota = parseAnswer('drive', aboutSchema, response, 'the storage quota').storageQuota;
    return {
      limitBytes: quota.limit === undefined ? undefined : Number(quota.limit),
      usageBytes: Number(quota.usage ?? 0),
      usageInDriveBytes: Number(quota.usageInDrive ?? 0),
      trashBytes: Number(quota.usageInDriveTrash ?? 0),
    };
  }
}
