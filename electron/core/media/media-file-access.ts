import { createReadStream, type ReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { MediaItem } from '../../../shared/domain/media';
import { thumbnailPath } from './thumbnail-worker';

/** What the protocol handler and the host route send back, independent of either. */
export interface MediaFileAnswer {
  status: 200 | 206 | 304 | 400 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Opens the body; absent for errors and HEAD. */
  body?: () => ReadStream;
  /** Words for an error answer. */
  message?: string;
}

export interface MediaFileRequest {
  /** `file` or `thumbnail`. */
  variant: string;
  id: string;
  method: string;
  range: string | null;
  ifNoneMatch?: string | null;
}

export interface MediaLookup {
  get(id: string): Promise<MediaItem | null>;
  /** Told when a library file turns out to be gone, so the item is marked missing. */
  noticeMissing(id: string): void;
  /** Told when a cached thumbnail has been deleted (a cleared cache), so it is drawn again. */
  noticeThumbnailGone?(id: string): void;
  /** The file of a config preview (not a library item), when previews are served. */
  previewFile?(id: string): string | null;
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

export type ByteRange = { start: number; end: number };

/**
 * Reads one `Range: bytes=` header against a file size. Only single ranges are served (what
 * players ask for); a multi-range request gets the whole file, which the standard allows.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from = '', to = ''] = match;
  if (from === '' && to === '') return null;
  if (size === 0) return 'unsatisfiable';
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function refused(status: MediaFileAnswer['status'], message: string): MediaFileAnswer {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, message };
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Serves library files by id, never by path: a request names an item, the library says where its
 * file is. Nothing outside the library can be reached, whatever the address holds.
 */
export class MediaFileAccess {
  constructor(
    private readonly lookup: MediaLookup,
    private readonly cacheDir: string,
  ) {}

  async answer(request: MediaFileRequest): Promise<MediaFileAnswer> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refused(405, 'Only GET and HEAD are served.');
    if (
      request.variant !== 'file' &&
      request.variant !== 'thumbnail' &&
      request.variant !== 'preview'
    )
      return refused(404, 'No such media address.');
    if (!idPattern.test(request.id)) return refused(400, 'That is not a media id.');
    if (request.variant === 'preview') {
      const file = this.lookup.previewFile?.(request.id) ?? null;
      if (!file) return refused(404, 'This preview has expired. Make a new preview.');
      return this.serve(request, file, 'video/mp4', `preview-${request.id}`, () => undefined);
    }
    const item = await this.lookup.get(request.id);
    if (!item) return refused(404, 'This item is not in the library.');

    let file: string;
    let mime: string;
    if (request.variant === 'thumbnail') {
      if (item.thumbnail !== 'ready') return refused(404, 'The thumbnail is not ready.');
      const thumbnailsDir = path.join(this.cacheDir, 'thumbnails');
      file = thumbnailPath(this.cacheDir, item.contentHash, item.kind);
      if (!isInside(path.resolve(file), path.resolve(thumbnailsDir)))
        return refused(404, 'No such thumbnail.');
      mime = item.kind === 'audio' ? 'image/png' : 'image/jpeg';
    } else {
      file = item.path;
      mime = item.mime;
    }
    const variant = request.variant;
    return this.serve(request, file, mime, item.contentHash.slice(0, 16), () => {
      if (variant === 'file') {
        this.lookup.noticeMissing(item.id);
        return refused(404, 'The file is missing from its folder.');
      }
      this.lookup.noticeThumbnailGone?.(item.id);
      return refused(404, 'The thumbnail is being drawn again.');
    });
  }

  private async serve(
    request: MediaFileRequest,
    file: string,
    mime: string,
    tag: string,
    onGone: () => MediaFileAnswer | undefined,
  ): Promise<MediaFileAnswer> {
    let size: number;
    let mtimeMs: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return refused(404, 'The file is not a regular file any more.');
      size = info.size;
      mtimeMs = info.mtimeMs;
    } catch {
      return onGone() ?? refused(404, 'The file is gone.');
    }

    const etag = `"${tag}-${size}-${Math.round(mtimeMs)}"`;
    const headers: Record<string, string> = {
      'content-type': mime,
      'accept-ranges': 'bytes',
      etag,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    };
    if (request.ifNoneMatch && request.ifNoneMatch === etag && !request.range)
      return { status: 304, headers };

    const range = parseRange(request.range, size);
    if (range === 'unsatisfiable') {
      return {
        status: 416,
        headers: { ...headers, 'content-range': `bytes */${size}` },
        message: 'The requested range is outside the file.',
      };
    }
    const head = request.method === 'HEAD';
    if (range) {
      return {
        status: 206,
        headers: {
          ...headers,
          'content-range': `bytes ${range.start}-${range.end}/${size}`,
          'content-length': String(range.end - range.start + 1),
        },
        ...(head ? {} : { body: () => createReadStream(file, range) }),
      };
    }
    return {
      status: 200,
      headers: { ...headers, 'content-length': String(size) },
      ...(head ? {} : { body: () => createReadStream(file) }),
    };
  }
}

/**
 * Reads `reelpilot-media://<variant>/<id>` the way the desktop protocol receives it. Anything
 * else (a path, an encoded slash, extra segments) is not a media address.
 */
export function parseMediaProtocolUrl(url: string): { variant: string; id: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'reelpilot-media:') return null;
  const segments = parsed.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 1) return null;
  const id = segments[0] ?? '';
  if (!idPattern.test(id)) return null;
  return { variant: parsed.hostname, id };
}
