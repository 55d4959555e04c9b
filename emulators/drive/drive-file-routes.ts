import { createReadStream, rmSync } from 'node:fs';
import type { EmulatorRoute, RouteContext } from '../kit/emulator-kit';
import { googleError } from '../google/google-error-bodies';
import {
  deleteWithChildren,
  driveUsage,
  FOLDER_MIME,
  newDriveId,
  type DriveEmulatorState,
  type DriveFile,
} from './drive-emulator-state';
import { compileDriveQuery, DriveQueryError } from './drive-query';
import {
  authorizeDriveCall,
  defaultFileFields,
  fileNotFound,
  fileResource,
  maskFor,
  pickFields,
} from './drive-resources';
import { appPropertiesProblem, fileMetadataSchema, missingParent } from './drive-upload-routes';

const maxPageSize = 1000;

/** `Range: bytes=a-b`, `bytes=a-` or `bytes=-n` against a file of `size` bytes; null: invalid. */
export function parseByteRange(
  header: string,
  size: number,
): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

function sendContent(context: RouteContext, state: DriveEmulatorState, file: DriveFile): void {
  const { response } = context;
  if (!file.contentPath || file.mimeType === FOLDER_MIME)
    return context.send(
      403,
      googleError(
        403,
        'fileNotDownloadable',
        'Only files with binary content can be downloaded. Use Export with Docs Editors files.',
      ),
    );
  const header = context.request.headers.range;
  let start = 0;
  let end = file.size - 1;
  let status = 200;
  const headers: Record<string, string> = {
    'content-type': file.mimeType,
    'accept-ranges': 'bytes',
  };
  if (header !== undefined && file.size > 0) {
    const range = parseByteRange(header, file.size);
    if (!range)
      return context.send(
        416,
        googleError(416, 'requestedRangeNotSatisfiable', 'Request range not satisfiable'),
        {
          'content-range': `bytes */${file.size}`,
        },
      );
    ({ start, end } = range);
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${file.size}`;
  }
  const length = file.size === 0 ? 0 : end - start + 1;
  headers['content-length'] = String(length);
  response.writeHead(status, headers);
  if (length === 0) return void response.end();
  const dropAfter = state.dropNextDownloadAfterBytes;
  state.dropNextDownloadAfterBytes = null;
  const stream = createReadStream(file.contentPath, { start, end });
  if (dropAfter === null) {
    stream.pipe(response);
    return;
  }
  // A connection that breaks mid-body: the client sees fewer bytes than Content-Length.
  let sent = 0;
  stream.on('data', (chunk) => {
    const piece = chunk as Buffer;
    const room = dropAfter - sent;
    if (room > 0) response.write(piece.subarray(0, room));
    sent += piece.length;
    if (sent >= dropAfter) {
      stream.destroy();
      response.socket?.destroy();
    }
  });
  stream.on('end', () => response.end());
}

/** Drive v3 files (list, get, media, create a folder, delete) and about (user, quota). */
export function driveFileRoutes(state: DriveEmulatorState): EmulatorRoute[] {
  return [
    {
      name: 'drive.files.list',
      method: 'GET',
      path: /^\/drive\/v3\/files$/,
      handle: (context) => {
        if (!authorizeDriveCall(context, state)) return;
        const q = context.url.searchParams;
        let predicate;
        try {
          predicate = compileDriveQuery(q.get('q') ?? '');
        } catch (error) {
          if (!(error instanceof DriveQueryError)) throw error;
          return context.send(400, googleError(400, 'invalid', `Invalid Value: ${error.message}`));
        }
        const pageSize = Math.min(Number(q.get('pageSize') ?? '100') || 100, maxPageSize);
        const offset = Number(q.get('pageToken') ?? '0') || 0;
        const mask = maskFor(context, `kind,incompleteSearch,files(${defaultFileFields})`);
        if (!mask) return;
        const matches = [...state.files.values()]
          .filter(predicate)
          .sort((a, b) => b.createdTime - a.createdTime || a.id.localeCompare(b.id));
        const page = matches.slice(offset, offset + pageSize);
        const next = offset + pageSize < matches.length ? String(offset + pageSize) : undefined;
        context.send(
          200,
          pickFields(
            {
              kind: 'drive#fileList',
              incompleteSearch: false,
              files: page.map(fileResource),
              ...(next ? { nextPageToken: next } : {}),
            },
            mask,
          ),
        );
      },
    },
    {
      name: 'drive.files.get',
      method: 'GET',
      path: /^\/drive\/v3\/files\/([^/]+)$/,
      handle: (context) => {
        if (!authorizeDriveCall(context, state)) return;
        const id = decodeURIComponent(context.params[0] ?? '');
        const file = state.files.get(id);
        if (!file) return fileNotFound(context, id);
        if (context.url.searchParams.get('alt') === 'media')
          return sendContent(context, state, file);
        const mask = maskFor(context, defaultFileFields);
        if (mask) context.send(200, pickFields(fileResource(file), mask));
      },
    },
    {
      name: 'drive.files.create',
      method: 'POST',
      path: /^\/drive\/v3\/files$/,
      handle: async (context) => {
        if (!authorizeDriveCall(context, state)) return;
        const metadata = fileMetadataSchema.safeParse(await context.json().catch(() => null));
        if (!metadata.success)
          return context.send(
            400,
            googleError(400, 'badRequest', 'File metadata with a name is required.'),
          );
        const tooBig = appPropertiesProblem(metadata.data.appProperties);
        if (tooBig) return context.send(400, googleError(400, 'badRequest', tooBig));
        const parent = missingParent(state, metadata.data);
        if (parent) return fileNotFound(context, parent);
        const mask = maskFor(context, defaultFileFields);
        if (!mask) return;
        const file: DriveFile = {
          id: newDriveId(),
          name: metadata.data.name,
          mimeType: metadata.data.mimeType ?? 'application/octet-stream',
          parents: metadata.data.parents ?? [],
          size: 0,
          sha256: '',
          md5: '',
          appProperties: metadata.data.appProperties ?? {},
          trashed: false,
          createdTime: state.now(),
          contentPath: null,
        };
        state.files.set(file.id, file);
        context.send(200, pickFields(fileResource(file), mask));
      },
    },
    {
      name: 'drive.files.delete',
      method: 'DELETE',
      path: /^\/drive\/v3\/files\/([^/]+)$/,
      handle: (context) => {
        if (!authorizeDriveCall(context, state)) return;
        const id = decodeURIComponent(context.params[0] ?? '');
        const file = state.files.get(id);
        if (!file) return fileNotFound(context, id);
        deleteWithChildren(state, id);
        if (file.contentPath) rmSync(file.contentPath, { force: true });
        context.send(204);
      },
    },
    {
      name: 'drive.about',
      method: 'GET',
      path: /^\/drive\/v3\/about$/,
      handle: (context) => {
        if (!authorizeDriveCall(context, state)) return;
        const fields = context.url.searchParams.get('fields') ?? '';
        if (!fields)
          return context.send(
            400,
            googleError(400, 'required', "The 'fields' parameter is required for this method."),
          );
        const mask = maskFor(context, fields);
        if (!mask) return;
        const { inDrive, trash } = driveUsage(state);
        const { limit, usedElsewhere } = state.storage;
        context.send(
          200,
          pickFields(
            {
              kind: 'drive#about',
              user: { kind: 'drive#user', me: true, ...state.user },
              // int64 values travel as JSON strings in Google APIs.
              storageQuota: {
                ...(limit === null ? {} : { limit: String(limit) }),
                usage: String(inDrive + trash + usedElsewhere),
                usageInDrive: String(inDrive + trash),
                usageInDriveTrash: String(trash),
              },
            },
            mask,
          ),
        );
      },
    },
  ];
}
