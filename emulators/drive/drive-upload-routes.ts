import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EmulatorRoute } from '../kit/emulator-kit';
import { googleError } from '../google/google-error-bodies';
import { handleResumablePut, type ResumableSession } from '../google/resumable-upload-server';
import {
  freeBytes,
  newDriveId,
  type DriveEmulatorState,
  type DriveFile,
} from './drive-emulator-state';
import {
  authorizeDriveCall,
  defaultFileFields,
  fileResource,
  parseFieldMask,
  pickFields,
} from './drive-resources';

export const fileMetadataSchema = z.object({
  name: z.string().min(1),
  mimeType: z.string().optional(),
  parents: z.array(z.string()).max(1, 'A file can have only one parent.').optional(),
  appProperties: z.record(z.string(), z.string()).optional(),
});
export type FileMetadata = z.infer<typeof fileMetadataSchema>;

/**
 * Drive's limits on app properties: at most 30 per app on a file, and key plus value at most
 * 124 bytes in UTF-8. Returns the words of Drive's refusal, or null.
 */
export function appPropertiesProblem(
  properties: Record<string, string> | undefined,
): string | null {
  const entries = Object.entries(properties ?? {});
  if (entries.length > 30) return 'A file can have at most 30 app properties.';
  for (const [key, value] of entries) {
    if (Buffer.byteLength(key + value, 'utf8') > 124)
      return `The size of the property "${key}" exceeds the maximum of 124 bytes.`;
  }
  return null;
}

/** A parent that does not exist, or is in the trash, is refused as Drive refuses it. */
export function missingParent(state: DriveEmulatorState, metadata: FileMetadata): string | null {
  for (const parent of metadata.parents ?? []) {
    const found = state.files.get(parent);
    if (!found || found.trashed) return parent;
  }
  return null;
}

/** MD5 of a stored file, read in pieces so a large upload costs no memory. */
function md5Of(file: string): string {
  const hash = createHash('md5');
  const buffer = Buffer.alloc(1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function contentPath(state: DriveEmulatorState, session: ResumableSession): string {
  return path.join(state.contentDir, `${session.id}.bin`);
}

/** Drive v3 resumable file creation: the session POST, then the protocol's PUTs. */
export function driveUploadRoutes(state: DriveEmulatorState): EmulatorRoute[] {
  const keep = (session: ResumableSession, piece: Buffer, offset: number) => {
    const fd = openSync(contentPath(state, session), 'a+');
    try {
      // Positional writes: a re-sent chunk lands where it belongs.
      writeSync(fd, piece, 0, piece.length, offset);
    } finally {
      closeSync(fd);
    }
  };
  return [
    {
      name: 'drive.upload.start',
      method: 'POST',
      path: /^\/upload\/drive\/v3\/files$/,
      handle: async (context) => {
        const accountId = authorizeDriveCall(context, state);
        if (!accountId) return;
        if (context.url.searchParams.get('uploadType') !== 'resumable')
          return context.send(
            400,
            googleError(400, 'badRequest', 'This emulator only speaks uploadType=resumable.'),
          );
        const total = Number(context.request.headers['x-upload-content-length']);
        const metadata = fileMetadataSchema.safeParse(await context.json().catch(() => null));
        if (!metadata.success || !Number.isInteger(total) || total < 0)
          return context.send(
            400,
            googleError(
              400,
              'badRequest',
              'File metadata with a name and X-Upload-Content-Length are required.',
            ),
          );
        const tooBig = appPropertiesProblem(metadata.data.appProperties);
        if (tooBig) return context.send(400, googleError(400, 'badRequest', tooBig));
        const parent = missingParent(state, metadata.data);
        if (parent)
          return context.send(404, googleError(404, 'notFound', `File not found: ${parent}.`));
        if (total > freeBytes(state))
          return context.send(
            403,
            googleError(
              403,
              'storageQuotaExceeded',
              "The user's Drive storage quota has been exceeded.",
              'usageLimits',
            ),
          );
        const session = state.uploads.create({
          accountId,
          totalBytes: total,
          contentType: String(
            context.request.headers['x-upload-content-type'] ?? 'application/octet-stream',
          ),
          metadata: {
            ...metadata.data,
            fields: context.url.searchParams.get('fields') ?? defaultFileFields,
          },
        });
        const host = context.request.headers.host ?? '127.0.0.1';
        context.send(200, undefined, {
          location: `http://${host}/upload/drive/v3/files?uploadType=resumable&upload_id=${session.id}`,
        });
      },
    },
    {
      name: 'drive.upload.chunk',
      method: 'PUT',
      path: /^\/upload\/drive\/v3\/files$/,
      handle: (context) =>
        handleResumablePut(
          context,
          state.uploads,
          state.tokens,
          (session) => {
            const metadata = fileMetadataSchema
              .extend({ fields: z.string() })
              .parse(session.metadata);
            const stored = contentPath(state, session);
            // An empty file never got a byte written.
            const fd = openSync(stored, 'a+');
            ftruncateSync(fd, session.totalBytes);
            closeSync(fd);
            const file: DriveFile = {
              id: newDriveId(),
              name: metadata.name,
              mimeType: metadata.mimeType ?? session.contentType,
              parents: metadata.parents ?? [],
              size: session.totalBytes,
              sha256: session.sink.digest() ?? '',
              md5: md5Of(stored),
              appProperties: metadata.appProperties ?? {},
              trashed: false,
              createdTime: state.now(),
              contentPath: stored,
            };
            state.files.set(file.id, file);
            return {
              status: 200,
              body: pickFields(fileResource(file), parseFieldMask(metadata.fields)),
            };
          },
          keep,
        ),
    },
  ];
}
