import type { RouteContext } from '../kit/emulator-kit';
import {
  googleAuthHeaders,
  googleError,
  googleFaults,
  googleUnauthenticated,
} from '../google/google-error-bodies';
import { FOLDER_MIME, type DriveEmulatorState, type DriveFile } from './drive-emulator-state';

/**
 * What every Drive API route checks first, in Drive's order: the access token (401), then the
 * per-user rate limit (403 userRateLimitExceeded). Answers and returns null when refused.
 */
export function authorizeDriveCall(
  context: RouteContext,
  state: DriveEmulatorState,
): string | null {
  const checked = state.tokens.checkAccess(context.request.headers.authorization);
  if (!('token' in checked)) {
    context.send(401, googleUnauthenticated, googleAuthHeaders);
    return null;
  }
  const accountId = checked.token.accountId;
  if (state.rate.window && state.rate.window.take(accountId) !== null) {
    context.send(403, googleFaults.userRateLimited.body);
    return null;
  }
  return accountId;
}

/** A file as the API shows it: int64 values as strings, times as RFC 3339. */
export function fileResource(file: DriveFile): Record<string, unknown> {
  const folder = file.mimeType === FOLDER_MIME;
  return {
    kind: 'drive#file',
    id: file.id,
    name: file.name,
    mimeType: file.mimeType,
    parents: file.parents,
    trashed: file.trashed,
    createdTime: new Date(file.createdTime).toISOString(),
    appProperties: file.appProperties,
    ...(folder ? {} : { size: String(file.size), md5Checksum: file.md5 }),
    webViewLink: folder
      ? `https://drive.google.com/drive/folders/${file.id}`
      : `https://drive.google.com/file/d/${file.id}/view`,
  };
}

type FieldSpec = Map<string, FieldSpec | null>;

/** Reads a `fields` mask such as `nextPageToken,files(id,name,appProperties)`. */
export function parseFieldMask(mask: string): FieldSpec {
  const spec: FieldSpec = new Map();
  let index = 0;
  const read = (into: FieldSpec, closing: boolean): void => {
    let name = '';
    const flush = (children: FieldSpec | null) => {
      if (name.trim()) into.set(name.trim(), children);
      name = '';
    };
    while (index < mask.length) {
      const char = mask[index] ?? '';
      index += 1;
      if (char === ',') flush(null);
      else if (char === '(') {
        const children: FieldSpec = new Map();
        const key = name;
        read(children, true);
        name = key;
        flush(children);
      } else if (char === ')') {
        if (!closing) throw new Error('Unbalanced parentheses in fields.');
        flush(null);
        return;
      } else name += char;
    }
    flush(null);
  };
  read(spec, false);
  return spec;
}

/** Keeps only the fields a mask asks for (`*` keeps everything), as partial responses do. */
export function pickFields(
  value: Record<string, unknown>,
  spec: FieldSpec,
): Record<string, unknown> {
  if (spec.has('*')) return value;
  const picked: Record<string, unknown> = {};
  for (const [key, children] of spec) {
    const found = value[key];
    if (found === undefined) continue;
    if (children && Array.isArray(found)) {
      picked[key] = found.map((item) =>
        typeof item === 'object' && item !== null
          ? pickFields(item as Record<string, unknown>, children)
          : item,
      );
    } else if (children && typeof found === 'object' && found !== null) {
      picked[key] = pickFields(found as Record<string, unknown>, children);
    } else picked[key] = found;
  }
  return picked;
}

/** The mask Drive applies when the request gives none. */
export const defaultFileFields = 'kind,id,name,mimeType';

export function maskFor(context: RouteContext, fallback: string): FieldSpec | null {
  try {
    return parseFieldMask(context.url.searchParams.get('fields') ?? fallback);
  } catch (error) {
    context.send(
      400,
      googleError(400, 'invalidParameter', `Invalid field selection: ${String(error)}`),
    );
    return null;
  }
}

export function fileNotFound(context: RouteContext, id: string): void {
  context.send(404, googleError(404, 'notFound', `File not found: ${id}.`));
}
