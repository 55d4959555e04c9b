import { Readable } from 'node:stream';
import { MEDIA_SCHEME } from '../../shared/security/content-security-policy';
import { parseMediaProtocolUrl, type MediaFileAccess } from '../core/media/media-file-access';

export { MEDIA_SCHEME };

/** Privileges for `protocol.registerSchemesAsPrivileged`: streaming lets <video> seek. */
export const mediaSchemePrivileges = {
  scheme: MEDIA_SCHEME,
  privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
} as const;

/**
 * Answers one `reelpilot-media://file/<id>` or `reelpilot-media://thumbnail/<id>` request. Kept
 * free of Electron so it is tested directly; `protocol.handle` only passes requests through.
 */
export async function handleMediaRequest(
  request: Request,
  files: MediaFileAccess,
): Promise<Response> {
  const target = parseMediaProtocolUrl(request.url);
  if (!target) {
    return new Response('Not a media address.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const answer = await files.answer({
    variant: target.variant,
    id: target.id,
    method: request.method,
    range: request.headers.get('range'),
    ifNoneMatch: request.headers.get('if-none-match'),
  });
  const body = answer.body
    ? (Readable.toWeb(answer.body()) as unknown as ReadableStream<Uint8Array>)
    : answer.status === 304
      ? null
      : (answer.message ?? null);
  return new Response(body, { status: answer.status, headers: answer.headers });
}
