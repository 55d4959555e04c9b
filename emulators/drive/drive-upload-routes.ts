import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import {
  googleAuthHeaders,
  googleError,
  googleUnauthenticated,
} from '../google/google-error-bodies';
import { handleResumablePut } from '../google/resumable-upload-server';
import { driveUsage, type DriveEmulatorState, type DriveFile } from './drive-emulator-state';

const metadataSchema = z.object({
  name: z.string().min(1),
  mimeType: z.string().optional(),
  parents: z.array(z.string()).optional(),
});

function requireToken(context: RouteContext, state: DriveEmulatorState): string | null {
  const checked = state.tokens.checkAccess(context.request.headers.authorization);
  if ('token' in checked) return checked.token.accountId;
  context.send(401, googleUnauthenticated, googleAuthHeaders);
  return null;
}

/** Drive v3 resumable file creation and the storage quota (the backup's needs). */
export function driveUploadRoutes(state: DriveEmulatorState): EmulatorRoute[] {
  return [
    {
      name: 'drive.upload.start',
      method: 'POST',
      path: /^\/upload\/drive\/v3\/files$/,
      handle: async (context) => {
        const accountId = requireToken(context, state);
        if (!accountId) return;
        if (context.url.searchParams.get('uploadType') !== 'resumable')
          return context.send(
            400,
            googleError(400, 'badRequest', 'This emulator only speaks uploadType=resumable.'),
          );
        const total = Number(context.request.headers['x-upload-content-length']);
        const metadata = metadataSchema.safeParse(await context.json().catch(() => null));
        if (!metadata.success || !Number.isInteger(total) || total < 0)
          return context.send(
            400,
            googleError(
              400,
              'badRequest',
              'File metadata with a name and X-Upload-Content-Length are required.',
            ),
          );
        const { limit, usedElsewhere, trash } = state.storage;
        if (limit !== null && usedElsewhere + trash + driveUsage(state) + total > limit)
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
          metadata: metadata.data,
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
        handleResumablePut(context, state.uploads, state.tokens, (session) => {
          const metadata = metadataSchema.parse(session.metadata);
          const file: DriveFile = {
            id: randomBytes(16).toString('base64url'),
            name: metadata.name,
            mimeType: metadata.mimeType ?? session.contentType,
            parents: metadata.parents ?? [],
            size: session.totalBytes,
            sha256: session.sink.digest() ?? '',
          };
          state.files.set(file.id, file);
          return {
            status: 200,
            body: { kind: 'drive#file', id: file.id, name: file.name, mimeType: file.mimeType },
          };
        }),
    },
    {
      name: 'drive.about',
      method: 'GET',
      path: /^\/drive\/v3\/about$/,
      handle: (context) => {
        if (!requireToken(context, state)) return;
        if (!(context.url.searchParams.get('fields') ?? '').includes('storageQuota'))
          return context.send(
            400,
            googleError(400, 'required', "The 'fields' parameter is required for this method."),
          );
        const inDrive = driveUsage(state);
        const { limit, usedElsewhere, trash } = state.storage;
        // int64 values travel as JSON strings in Google APIs.
        context.send(200, {
          storageQuota: {
            ...(limit === null ? {} : { limit: String(limit) }),
            usage: String(inDrive + usedElsewhere + trash),
            usageInDrive: String(inDrive + trash),
            usageInDriveTrash: String(trash),
          },
        });
      },
    },
  ];
}
