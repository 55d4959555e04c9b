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
import type { HttpRequestOptions } from '../http/http-request';
import type { PublishContext, ReadContext } from '../platform-adapter';
import { downloadWithResume, type DownloadRequest } from './drive-download';

/**
 * Google Drive v3 with the `drive.file` scope (only files this app created): resumable uploads on
 * the protocol client YouTube uses, folders, `files.list` queries on app properties and parents,
 * downloads resumed with Range, deletion, and `about` (the user and the storage quota).
 */
export interface DriveClientOptions extends ServiceOptions {
  /** A multiple of 256 KiB; 64 MiB by default, like YouTube (see its adapter for why). */
  chunkBytes?: number;
  /** Told before every HTTP request to Drive, so the caller can count its API usage. */
  onRequest?(): void;
}

export const FOLDER_MIME_TYPE = 'application/vnd.google-apps.folder';

const fileFields =
  'id,name,mimeType,parents,size,md5Checksum,appProperties,createdTime,trashed,webViewLink';

const fileSchema = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  parents: z.array(z.string()).optional(),
  size: z.string().optional(),
  md5Checksum: z.string().optional(),
  appProperties: z.record(z.string(), z.string()).optional(),
  createdTime: z.string().optional(),
  trashed: z.boolean().optional(),
  webViewLink: z.string().optional(),
});
const fileListSchema = z.object({
  files: z.array(fileSchema).optional(),
  nextPageToken: z.string().optional(),
});
const aboutSchema = z.object({
  user: z
    .object({
      displayName: z.string().optional(),
      emailAddress: z.string().optional(),
      photoLink: z.string().optional(),
    })
    .optional(),
  storageQuota: z.object({
    limit: z.string().optional(),
    usage: z.string().optional(),
    usageInDrive: z.string().optional(),
    usageInDriveTrash: z.string().optional(),
  }),
});

export interface DriveFileInfo {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  /** Null for folders. */
  sizeBytes: number | null;
  md5: string | null;
  appProperties: Record<string, string>;
  createdAt: number | null;
  trashed: boolean;
  webViewLink: string | null;
}

export interface DriveStorageQuota {
  /** Undefined for unlimited storage. */
  limitBytes?: number;
  usageBytes: number;
  usageInDriveBytes: number;
  trashBytes: number;
}

export interface DriveAbout {
  user: { displayName: string | null; emailAddress: string | null; photoUrl: string | null };
  quota: DriveStorageQuota;
}

export interface DriveFileQuery {
  /** Every one of these app properties, with these values. */
  appProperties?: Record<string, string>;
  parentId?: string;
  /** True: folders only; false: no folders; absent: both. */
  folders?: boolean;
  /** Files in the trash are left out unless asked for. */
  includeTrashed?: boolean;
}

export const driveUploadStateSchema = resumableStateSchema;

export interface DriveUploadRequest {
  filePath: string;
  sizeBytes: number;
  name: string;
  mimeType: string;
  parents?: string[];
  appProperties?: Record<string, string>;
  /**
   * The app property that names this upload for good (`reelpilotId`). Before any new session
   * (a first one, or one replacing a saved session that expired) the file is looked up by it:
   * found with the same size, it is the result and nothing is sent again.
   */
  identity?: string;
  /** What a previous run saved, to continue its session. */
  state?: ResumableState;
}

/** Quotes a value for Drive's query language. */
export function driveQueryString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildDriveQuery(query: DriveFileQuery): string {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(query.appProperties ?? {}))
    terms.push(
      `appProperties has { key=${driveQueryString(key)} and value=${driveQueryString(value)} }`,
    );
  if (query.parentId) terms.push(`${driveQueryString(query.parentId)} in parents`);
  if (query.folders === true) terms.push(`mimeType = ${driveQueryString(FOLDER_MIME_TYPE)}`);
  if (query.folders === false) terms.push(`mimeType != ${driveQueryString(FOLDER_MIME_TYPE)}`);
  if (!query.includeTrashed) terms.push('trashed = false');
  return terms.join(' and ');
}

function toInfo(file: z.infer<typeof fileSchema>): DriveFileInfo {
  const created = file.createdTime ? Date.parse(file.createdTime) : NaN;
  return {
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents ?? [],
    sizeBytes: file.size === undefined ? null : Number(file.size),
    md5: file.md5Checksum ?? null,
    appProperties: file.appProperties ?? {},
    createdAt: Number.isNaN(created) ? null : created,
    trashed: file.trashed ?? false,
    webViewLink: file.webViewLink ?? null,
  };
}

export class DriveClient extends ServiceClient<'drive', DriveClientOptions> {
  constructor(options: DriveClientOptions = {}) {
    super('drive', options);
  }

  private call(
    context: ReadContext,
    request: (token: string) => Omit<HttpRequestOptions, 'service' | 'signal' | 'timeouts'>,
  ) {
    return apiCall({
      service: 'drive',
      runtime: this.runtime,
      tokens: this.tokens(context),
      signal: context.signal,
      request: (token) => {
        this.options.onRequest?.();
        return request(token);
      },
      failure: (answer) => googleFailure('drive', answer, this.runtime.now()),
    });
  }

  private api(path: string, params: Record<string, string> = {}): string {
    const url = new URL(`${this.endpoints.apiBaseUrl}/drive/v3/${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  async about(context: ReadContext): Promise<DriveAbout> {
    const response = await this.call(context, (token) => ({
      method: 'GET',
      url: this.api('about', { fields: 'user(displayName,emailAddress,photoLink),storageQuota' }),
      headers: { authorization: `Bearer ${token}` },
    }));
    const about = parseAnswer('drive', aboutSchema, response, 'the account and its storage');
    const quota = about.storageQuota;
    return {
      user: {
        displayName: about.user?.displayName ?? null,
        emailAddress: about.user?.emailAddress ?? null,
        photoUrl: about.user?.photoLink ?? null,
      },
      quota: {
        limitBytes: quota.limit === undefined ? undefined : Number(quota.limit),
        usageBytes: Number(quota.usage ?? 0),
        usageInDriveBytes: Number(quota.usageInDrive ?? 0),
        trashBytes: Number(quota.usageInDriveTrash ?? 0),
      },
    };
  }

  async storageQuota(context: ReadContext): Promise<DriveStorageQuota> {
    return (await this.about(context)).quota;
  }

  /** Every file matching `query` (all pages), newest first. */
  async listFiles(query: DriveFileQuery, context: ReadContext): Promise<DriveFileInfo[]> {
    const found: DriveFileInfo[] = [];
    let pageToken: string | undefined;
    do {
      const params: Record<string, string> = {
        q: buildDriveQuery(query),
        fields: `nextPageToken,files(${fileFields})`,
        pageSize: '1000',
        orderBy: 'createdTime desc',
        spaces: 'drive',
      };
      if (pageToken) params.pageToken = pageToken;
      const response = await this.call(context, (token) => ({
        method: 'GET',
        url: this.api('files', params),
        headers: { authorization: `Bearer ${token}` },
      }));
      const page = parseAnswer('drive', fileListSchema, response, 'the list of files');
      found.push(...(page.files ?? []).map(toInfo));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return found;
  }

  /** A file's metadata, or null when Drive no longer has it. */
  async getFile(fileId: string, context: ReadContext): Promise<DriveFileInfo | null> {
    try {
      const response = await this.call(context, (token) => ({
        method: 'GET',
        url: this.api(`files/${encodeURIComponent(fileId)}`, { fields: fileFields }),
        headers: { authorization: `Bearer ${token}` },
      }));
      return toInfo(parseAnswer('drive', fileSchema, response, 'the file'));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async createFolder(
    folder: { name: string; parentId?: string; appProperties?: Record<string, string> },
    context: ReadContext,
  ): Promise<DriveFileInfo> {
    const response = await this.call(context, (token) => ({
      method: 'POST',
      url: this.api('files', { fields: fileFields }),
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json; charset=UTF-8',
      },
      body: JSON.stringify({
        name: folder.name,
        mimeType: FOLDER_MIME_TYPE,
        ...(folder.parentId ? { parents: [folder.parentId] } : {}),
        ...(folder.appProperties ? { appProperties: folder.appProperties } : {}),
      }),
    }));
    return toInfo(parseAnswer('drive', fileSchema, response, 'the new folder'));
  }

  /** Deletes for good (not to the trash); `gone` when Drive no longer had the file. */
  async deleteFile(fileId: string, context: ReadContext): Promise<'deleted' | 'gone'> {
    try {
      await this.call(context, (token) => ({
        method: 'DELETE',
        url: this.api(`files/${encodeURIComponent(fileId)}`),
        headers: { authorization: `Bearer ${token}` },
      }));
      return 'deleted';
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw error;
    }
  }

  async upload(request: DriveUploadRequest, context: PublishContext): Promise<DriveFileInfo> {
    const identity = request.identity;
    const identityValue = identity ? request.appProperties?.[identity] : undefined;
    const findExisting =
      identity && identityValue !== undefined
        ? async () =>
            (
              await this.listFiles(
                { appProperties: { [identity]: identityValue }, folders: false },
                context,
              )
            ).find((file) => file.sizeBytes === request.sizeBytes) ?? null
        : undefined;
    // Whoever asks has no session: whether the file was sent before (by a database that was
    // restored since, by a run whose answer was lost) is unknown, so Drive is asked first.
    if (findExisting && !request.state) {
      const existing = await findExisting();
      if (existing) return existing;
    }
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
        sessionUrl: `${this.endpoints.uploadBaseUrl}/upload/drive/v3/files?uploadType=resumable&fields=${encodeURIComponent(fileFields)}`,
        metadata: {
          name: request.name,
          mimeType: request.mimeType,
          ...(request.parents ? { parents: request.parents } : {}),
          ...(request.appProperties ? { appProperties: request.appProperties } : {}),
        },
        saveState: (state) => context.saveState(state),
        findExisting,
        onRequest: this.options.onRequest,
        onProgress: (sentBytes) =>
          context.onProgress?.({ phase: 'uploading', sentBytes, totalBytes: request.sizeBytes }),
      },
      request.state,
    );
    if (isFileInfo(done)) return done;
    const file = fileSchema.safeParse(done);
    if (!file.success)
      throw transientError('drive', 'the finished upload was answered without a file id');
    return toInfo(file.data);
  }

  /**
   * Downloads a file's content to `targetPath`, resuming with Range after a broken connection
   * (what is already on disk is kept).
   */
  download(
    request: Omit<DownloadRequest, 'url'> & { fileId: string },
    context: ReadContext,
  ): Promise<void> {
    return downloadWithResume(
      {
        ...request,
        url: this.api(`files/${encodeURIComponent(request.fileId)}`, { alt: 'media' }),
      },
      {
        runtime: this.runtime,
        tokens: this.tokens(context),
        signal: context.signal,
        onRequest: this.options.onRequest,
      },
    );
  }
}

function isFileInfo(value: unknown): value is DriveFileInfo {
  return (
    typeof value === 'object' && value !== null && 'sizeBytes' in value && 'appProperties' in value
  );
}

function isNotFound(error: unknown): boolean {
  return (error as { status?: unknown } | null)?.status === 404;
}
