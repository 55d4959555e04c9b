import type { IncomingMessage, ServerResponse } from 'node:http';
import { tagSchema } from '../../shared/domain/media';
import { isAppError, describeError } from '../core/errors';
import type { MediaFileAnswer } from '../core/media/media-file-access';
import type { MediaService } from '../core/media/media-service';
import { receiveUpload } from '../core/media/media-upload';
import type { Paths } from '../core/ports';
import { sendJson, type HostRoute } from './host-server';

/** Sends what the shared file access decided, streaming the body when there is one. */
export function sendMediaAnswer(response: ServerResponse, answer: MediaFileAnswer): void {
  response.writeHead(answer.status, answer.headers);
  if (!answer.body) {
    response.end(answer.message ?? '');
    return;
  }
  const stream = answer.body();
  stream.on('error', () => response.destroy());
  response.on('close', () => stream.destroy());
  stream.pipe(response);
}

function mediaFileRoute(
  media: () => MediaService,
  variant: 'file' | 'thumbnail' | 'preview',
  method: 'GET' | 'HEAD',
): HostRoute {
  const pattern =
    variant === 'file'
      ? /^\/media\/([^/]+)$/
      : variant === 'preview'
        ? /^\/media\/preview\/([^/]+)$/
        : /^\/media\/([^/]+)\/thumbnail$/;
  return {
    method,
    match(pathname) {
      const match = pattern.exec(pathname);
      if (!match?.[1]) return null;
      try {
        return { id: decodeURIComponent(match[1]) };
      } catch {
        return { id: '' };
      }
    },
    async handle(request, response, params) {
      const answer = await media().files.answer({
        variant,
        id: params.id ?? '',
        method: request.method ?? 'GET',
        range: request.headers.range ?? null,
        ifNoneMatch: request.headers['if-none-match'] ?? null,
      });
      sendMediaAnswer(response, answer);
    },
  };
}

function declaredLength(request: IncomingMessage): number | null {
  const header = request.headers['content-length'];
  if (header === undefined) return null;
  const value = Number(header);
  return Number.isInteger(value) && value >= 0 ? value : null;
}

/**
 * The media library over the host, behind the same token as everything else:
 * `GET /media/<id>`, `GET /media/<id>/thumbnail` and `GET /media/preview/<id>` (config
 * previews; all with Range, so videos seek), and
 * `POST /api/media/upload?name=<file name>` with the raw file as the body. `media` is asked
 * for at each request: the host may restart its engine (after a restore).
 */
export function mediaHostRoutes(media: () => MediaService, paths: Paths): HostRoute[] {
  const upload: HostRoute = {
    method: 'POST',
    longBody: true,
    match: (pathname) => (pathname === '/api/media/upload' ? {} : null),
    async handle(request, response, _params, url) {
      const name = url.searchParams.get('name') ?? '';
      if (!name.trim()) {
        request.resume();
        return sendJson(response, 400, {
          ok: false,
          error: { code: 'BAD_INPUT', message: 'The upload has no file name (?name=).' },
        });
      }
      const tags: string[] = [];
      for (const raw of url.searchParams.getAll('tag')) {
        const parsed = tagSchema.safeParse(raw);
        if (!parsed.success) {
          request.resume();
          return sendJson(response, 400, {
            ok: false,
            error: { code: 'BAD_INPUT', message: `tag: ${parsed.error.issues[0]?.message}` },
          });
        }
        tags.push(parsed.data);
      }
      try {
        const library = media();
        const report = await receiveUpload({
          media: library,
          body: request,
          name,
          declaredLength: declaredLength(request),
          mediaDir: paths.mediaDir,
          tempDir: paths.tempDir,
          limitBytes: library.uploadLimitBytes,
          tags,
        });
        sendJson(response, 200, { ok: true, value: report });
      } catch (error) {
        if (isAppError(error)) {
          const status = /larger than the upload limit/.test(error.message) ? 413 : 400;
          // The rest of a refused body is not read; the connection is closed after the answer.
          response.setHeader('connection', 'close');
          return sendJson(response, status, {
            ok: false,
            error: { code: error.code, message: error.message },
          });
        }
        sendJson(response, 500, {
          ok: false,
          error: { code: 'INTERNAL', message: `The upload failed: ${describeError(error)}` },
        });
      }
    },
  };
  return [
    upload,
    mediaFileRoute(media, 'file', 'GET'),
    mediaFileRoute(media, 'file', 'HEAD'),
    mediaFileRoute(media, 'thumbnail', 'GET'),
    mediaFileRoute(media, 'thumbnail', 'HEAD'),
    mediaFileRoute(media, 'preview', 'GET'),
    mediaFileRoute(media, 'preview', 'HEAD'),
  ];
}
